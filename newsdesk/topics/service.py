"""Topics as a pair: find or create one from what an editor typed, rename it per language,
and resolve a topic page's address (an old or other-language address redirects)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from newsdesk.extensions import db
from newsdesk.hygiene import text_problem
from newsdesk.models import Tag, story_tags

MAX_NAME = 64


class TopicError(ValueError):
    """A topic name or slug is not acceptable; the message says why."""


@dataclass(frozen=True)
class TopicRow:
    """A topic on the editors' page, with how many stories carry it."""

    topic: Tag
    stories: int


def _clean(text: str) -> str:
    return " ".join(text.split())


def get_topic(topic_id: int) -> Tag | None:
    return db.session.get(Tag, topic_id)


def find_topic(name: str) -> Tag | None:
    """The topic an editor means by ``name``: its English or Russian name in any case."""
    key = _clean(name).lower()
    return db.session.scalar(select(Tag).where(or_(Tag.name == key, Tag.ru_key == key)))


def _free_slug(column, wanted: str, exclude_id: int | None = None) -> str:
    slug, n = wanted, 2
    while True:
        query = select(Tag.id).where(column == slug)
        if exclude_id is not None:
            query = query.where(Tag.id != exclude_id)
        if db.session.scalar(query) is None:
            return slug
        slug, n = f"{wanted[: MAX_NAME - 4]}-{n}", n + 1


def topic_for(name: str) -> Tag:
    """The existing topic of that name, or a new one named so in both languages until an
    editor translates it."""
    name = _clean(name)[:MAX_NAME]
    topic = find_topic(name)
    if topic is None:
        with db.session.no_autoflush:
            topic = Tag(
                name=name.lower(),
                ru_key=name.lower(),
                name_en=name,
                name_ru=name,
                slug_en=_free_slug(Tag.slug_en, name),
                slug_ru=_free_slug(Tag.slug_ru, name),
            )
        db.session.add(topic)
        db.session.flush()
    return topic


def list_topics() -> list[TopicRow]:
    """Every topic with its number of stories, by English name."""
    count = (
        select(func.count())
        .select_from(story_tags)
        .where(story_tags.c.tag_id == Tag.id)
        .scalar_subquery()
    )
    rows = db.session.execute(select(Tag, count).order_by(Tag.name))
    return [TopicRow(topic, n) for topic, n in rows]


def _check(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise TopicError(problem)
    value = _clean(value)
    if not value:
        raise TopicError(_("A topic needs its name in English and in Russian."))
    if len(value) > MAX_NAME:
        raise TopicError(
            _("A topic name or address may have at most %(n)d characters.", n=MAX_NAME)
        )
    if "/" in value or "?" in value or "#" in value:
        raise TopicError(_("An address may not contain “/”, “?” or “#”."))
    return value


def rename_topic(
    topic: Tag, *, name_en: str, name_ru: str, slug_en: str = "", slug_ru: str = ""
) -> Tag:
    """Name the topic in both languages; an empty slug follows its name. Old addresses keep
    working: they redirect (see :func:`resolve`)."""
    name_en, name_ru = _check(name_en), _check(name_ru)
    slugs = {"en": _check(slug_en or name_en), "ru": _check(slug_ru or name_ru)}
    clash = db.session.scalar(
        select(Tag).where(
            Tag.id != topic.id, or_(Tag.name == name_en.lower(), Tag.ru_key == name_ru.lower())
        )
    )
    if clash is not None:
        raise TopicError(_("Another topic is already called “%(name)s”.", name=clash.label("en")))
    for lang, column in (("en", Tag.slug_en), ("ru", Tag.slug_ru)):
        taken = select(Tag.id).where(column == slugs[lang], Tag.id != topic.id)
        if db.session.scalar(taken) is not None:
            raise TopicError(_("The address “%(slug)s” is already used.", slug=slugs[lang]))
    topic.name, topic.ru_key = name_en.lower(), name_ru.lower()
    topic.name_en, topic.name_ru = name_en, name_ru
    topic.slug_en, topic.slug_ru = slugs["en"], slugs["ru"]
    db.session.commit()
    return topic


def resolve(lang: str, slug: str) -> tuple[Tag | None, bool]:
    """The topic a page address names and whether the address is its current one. An address
    in the other language, the old lower-cased one or one in another case finds it too."""
    column = Tag.slug_ru if lang == "ru" else Tag.slug_en
    topic = db.session.scalar(select(Tag).where(column == slug))
    if topic is not None:
        return topic, True
    key = _clean(slug).lower()
    others = [Tag.slug_en == slug, Tag.slug_ru == slug, Tag.name == key, Tag.ru_key == key]
    topic = db.session.scalar(select(Tag).where(or_(*others)).order_by(Tag.id).limit(1))
    return topic, False
