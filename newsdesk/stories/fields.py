"""Rules for an article's fields: languages, title and slug limits, unique slugs, tags."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_babel import gettext as _
from slugify import slugify
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import LANGS, Article, LiveArticle, Status, Story, Tag
from newsdesk.stories.errors import StoryError
from newsdesk.topics.service import topic_for

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE = 300
MAX_SLUG = 200


def other_lang(lang: str) -> str:
    """The pair partner's language."""
    return "ru" if lang == "en" else "en"


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Split a comma-separated tag list, trimmed, deduplicated in any case, case and order kept."""
    items = text.split(",") if isinstance(text, str) else list(text)
    seen: dict[str, str] = {}
    for item in items:
        name = " ".join(str(item).split())[:64]
        if name:
            seen.setdefault(name.lower(), name)
    return list(seen.values())


def slug_base(title: str) -> str:
    """The slug a title makes (Cyrillic transliterated), before any number for uniqueness."""
    return slugify(title, max_length=80, word_boundary=True) or "story"


def make_slug(title: str, lang: str, *, exclude_article_id: int | None = None) -> str:
    """A URL slug from the title (Cyrillic transliterated), unique within the language."""
    base = slug_base(title)
    slug, n = base, 2
    while slug_taken(slug, lang, exclude_article_id):
        slug, n = f"{base}-{n}", n + 1
    return slug


def slug_taken(slug: str, lang: str, exclude_article_id: int | None) -> bool:
    """Whether another article of the language already uses the slug, in its working text or
    on the public site (a live address stays its article's until a changed one is published)."""
    for model in (Article, LiveArticle):
        query = select(model.id).where(model.lang == lang, model.slug == slug)
        if exclude_article_id is not None:
            query = query.where(model.id != exclude_article_id)
        if db.session.scalar(query.limit(1)) is not None:
            return True
    return False


def set_tags(story: Story, names: list[str]) -> None:
    """Give the story these topics (by either language's name), creating the new ones."""
    tags: list[Tag] = []
    for name in names:
        tag = topic_for(name)
        if tag not in tags:
            tags.append(tag)
    story.tags = tags


def check_fields(lang: str, title: str, slug: str | None) -> None:
    """Refuse an unknown language, an over-long title or a malformed slug."""
    if lang not in LANGS:
        raise StoryError(_("Unknown language “%(lang)s”: use en or ru.", lang=lang), "lang")
    if len(title) > MAX_TITLE:
        raise StoryError(_("The title is longer than %(n)d characters.", n=MAX_TITLE), "title")
    if slug and (len(slug) > MAX_SLUG or not SLUG_RE.match(slug)):
        raise StoryError(
            _("A slug may contain only lowercase Latin letters, digits and single hyphens."),
            "slug",
        )


def check_ready(article: Article) -> None:
    """Only a draft may lack a title or a body."""
    if article.status != Status.DRAFT and article.is_empty:
        raise StoryError(_("An article needs a title and a body before it is ready."), "status")
