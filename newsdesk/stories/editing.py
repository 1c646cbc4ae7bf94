"""Writing stories: create a story, add its other language, save an article's new version."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import Article, Status, Story, User
from newsdesk.stories import signals
from newsdesk.stories.errors import ConflictError, StoryError
from newsdesk.stories.fields import (
    check_fields,
    check_ready,
    make_slug,
    other_lang,
    parse_tags,
    set_tags,
    slug_taken,
)
from newsdesk.stories.history import audit, record_revision, snapshot
from newsdesk.stories.slugs import change_slug, next_slug


def create_story(
    *,
    lang: str,
    title: str,
    body: str = "",
    lead: str = "",
    slug: str | None = None,
    tags: str | Iterable[str] = (),
    status: Status = Status.DRAFT,
    author: User | None = None,
    authors: str | Iterable[str] | None = None,
    commit: bool = True,
) -> Story:
    """Create a story with its first article, written in ``lang`` (the source language)."""
    title = title.strip()
    if not title:
        raise StoryError(_("A story needs a title."), "title")
    check_fields(lang, title, slug)
    if slug and slug_taken(slug, lang, None):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    story = Story(source_lang=lang, author=author)
    set_tags(story, parse_tags(tags))
    if authors is not None:  # the byline: the people feature keeps it
        signals.send(signals.story_fields, story=story, values={"authors": authors})
    article = Article(
        lang=lang,
        title=title,
        slug=slug or make_slug(title, lang),
        lead=lead.strip(),
        body=body,
        status=status,
        version=1,
    )
    story.articles.append(article)
    check_ready(article)
    snapshot(article, author, "created")
    db.session.add(story)
    audit("created", article=article, user=author)
    if author is not None:  # text kept for a new story is now saved
        signals.send(signals.saved_by_user, user=author, article=None)
    if commit:
        db.session.commit()
    return story


def add_article(
    story: Story,
    *,
    lang: str,
    title: str = "",
    body: str = "",
    lead: str = "",
    slug: str | None = None,
    status: Status = Status.DRAFT,
    user: User | None = None,
    commit: bool = True,
) -> Article:
    """Add the article of the language the story does not have yet."""
    if story.article(lang) is not None:
        raise StoryError(_("This story already has a %(lang)s version.", lang=lang.upper()), "lang")
    title = title.strip()
    check_fields(lang, title, slug)
    if slug and slug_taken(slug, lang, None):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    db.session.flush()
    if not slug:
        slug = make_slug(title, lang) if title else f"story-{story.id}-{lang}"
    article = Article(
        lang=lang, title=title, slug=slug, lead=lead.strip(), body=body, status=status, version=1
    )
    story.articles.append(article)
    check_ready(article)
    snapshot(article, user, "created")
    audit("created", article=article, user=user)
    if commit:
        db.session.commit()
    return article


def add_translation(story: Story, user: User | None = None) -> Article:
    """Create the empty draft of the story's other language (or return the existing one)."""
    lang = other_lang(story.source_lang)
    return story.article(lang) or add_article(story, lang=lang, user=user)


def update_article(
    article: Article,
    *,
    title: str,
    body: str,
    lead: str = "",
    slug: str | None = None,
    status: Status | None = None,
    tags: str | Iterable[str] | None = None,
    authors: str | Iterable[str] | None = None,
    base_version: int | None = None,
    user: User | None = None,
    note: str = "",
) -> Article:
    """Save an article as a new version, keeping the old text as a revision.

    Subscribers of ``signals.article_saved`` react before the revision is written (review
    re-aligns an aligned translation, or marks the changed sentences of the translation of a
    saved source stale); an article is marked ready only when no ``signals.before_ready``
    subscriber finds a problem (review: machine or stale sentences, blocking QA findings).
    """
    if base_version is not None and base_version != article.version:
        raise ConflictError(
            _("Someone saved this article after you opened it. Your text is kept below."),
            article,
        )
    title = title.strip()
    slug = (slug or "").strip() or None
    check_fields(article.lang, title, slug)
    slug = next_slug(article, slug, title)
    if slug and slug != article.slug and slug_taken(slug, article.lang, article.id):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    was_ready = article.status == Status.READY
    if slug:
        change_slug(article, slug)
    article.title, article.lead, article.body = title, lead.strip(), body
    if status is not None and article.status != Status.PUBLISHED:
        article.status = status
    try:
        check_ready(article)
        signals.send(signals.article_saved, article=article, user=user)
        if authors is not None:  # the byline: the people feature keeps it
            signals.send(signals.story_fields, story=article.story, values={"authors": authors})
        if article.status == Status.READY and not was_ready:
            problems = signals.ready_problems(article)
            if problems:
                raise StoryError(
                    " ".join(
                        [
                            _("This translation cannot be marked ready yet."),
                            *problems,
                            _("Review it sentence by sentence, or ask an editor to override."),
                        ]
                    ),
                    "status",
                )
    except StoryError:
        db.session.rollback()
        raise
    if tags is not None:
        set_tags(article.story, parse_tags(tags))
    record_revision(article, user, note)
    audit("edited", article=article, user=user, version=article.version)
    if user is not None:  # the real save supersedes its autosaves
        signals.send(signals.saved_by_user, user=user, article=article)
    db.session.commit()
    return article
