"""Service layer for stories: drafting, pairing and publishing. Services commit; views don't."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from slugify import slugify
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .extensions import db
from .models import LANGS, Article, Revision, Status, Story, Tag, User, utcnow

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE = 300
MAX_SLUG = 200


class StoryError(Exception):
    """A rule of the newsroom was broken; the message is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PublishError(StoryError):
    """The story cannot be published (or unpublished) as asked."""


class ConflictError(StoryError):
    """The article changed since the version the save was based on."""

    def __init__(self, message: str, current: Article) -> None:
        super().__init__(message)
        self.current = current


def other_lang(lang: str) -> str:
    """The pair partner's language."""
    return "ru" if lang == "en" else "en"


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Split a comma-separated tag list, trimmed, deduplicated, order kept."""
    items = text.split(",") if isinstance(text, str) else list(text)
    seen: dict[str, None] = {}
    for item in items:
        name = " ".join(str(item).split()).lower()
        if name:
            seen.setdefault(name[:64], None)
    return list(seen)


def make_slug(title: str, lang: str, *, exclude_article_id: int | None = None) -> str:
    """A URL slug from the title (Cyrillic transliterated), unique within the language."""
    base = slugify(title, max_length=80, word_boundary=True) or "story"
    slug, n = base, 2
    while _slug_taken(slug, lang, exclude_article_id):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _slug_taken(slug: str, lang: str, exclude_article_id: int | None) -> bool:
    query = select(Article.id).where(Article.lang == lang, Article.slug == slug)
    if exclude_article_id is not None:
        query = query.where(Article.id != exclude_article_id)
    return db.session.scalar(query) is not None


def _set_tags(story: Story, names: list[str]) -> None:
    tags = []
    for name in names:
        tag = db.session.scalar(select(Tag).where(Tag.name == name))
        tags.append(tag or Tag(name=name))
    story.tags = tags


def _check_fields(lang: str, title: str, slug: str | None) -> None:
    if lang not in LANGS:
        raise StoryError(_("Unknown language “%(lang)s”: use en or ru.", lang=lang), "lang")
    if len(title) > MAX_TITLE:
        raise StoryError(_("The title is longer than %(n)d characters.", n=MAX_TITLE), "title")
    if slug and (len(slug) > MAX_SLUG or not SLUG_RE.match(slug)):
        raise StoryError(
            _("A slug may contain only lowercase Latin letters, digits and single hyphens."),
            "slug",
        )


def _audit(action: str, **kwargs) -> None:
    """Add an audit log entry (written by the caller's commit)."""
    from .review import audit

    db.session.flush()
    audit.record(action, **kwargs)


def record_revision(article: Article, user: User | None, note: str = "") -> None:
    """Count a change of the article's text as a new version and keep it as a revision."""
    article.version += 1
    article.updated_at = utcnow()
    _snapshot(article, user, note)


def _snapshot(article: Article, user: User | None, note: str = "") -> None:
    article.revisions.append(
        Revision(
            version=article.version,
            user_id=user.id if user else None,
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            note=note,
        )
    )


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
    commit: bool = True,
) -> Story:
    """Create a story with its first article, written in ``lang`` (the source language)."""
    title = title.strip()
    if not title:
        raise StoryError(_("A story needs a title."), "title")
    _check_fields(lang, title, slug)
    if slug and _slug_taken(slug, lang, None):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    story = Story(source_lang=lang, author=author)
    _set_tags(story, parse_tags(tags))
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
    _check_ready(article)
    _snapshot(article, author, "created")
    db.session.add(story)
    _audit("created", article=article, user=author)
    if author is not None:
        from .drafts import discard_drafts

        discard_drafts(author, None, commit=False)  # text kept for a new story is now saved
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
    _check_fields(lang, title, slug)
    if slug and _slug_taken(slug, lang, None):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    db.session.flush()
    if not slug:
        slug = make_slug(title, lang) if title else f"story-{story.id}-{lang}"
    article = Article(
        lang=lang, title=title, slug=slug, lead=lead.strip(), body=body, status=status, version=1
    )
    story.articles.append(article)
    _check_ready(article)
    _snapshot(article, user, "created")
    _audit("created", article=article, user=user)
    if commit:
        db.session.commit()
    return article


def add_translation(story: Story, user: User | None = None) -> Article:
    """Create the empty draft of the story's other language (or return the existing one)."""
    lang = other_lang(story.source_lang)
    return story.article(lang) or add_article(story, lang=lang, user=user)


def _check_ready(article: Article) -> None:
    if article.status != Status.DRAFT and article.is_empty:
        raise StoryError(_("An article needs a title and a body before it is ready."), "status")


def update_article(
    article: Article,
    *,
    title: str,
    body: str,
    lead: str = "",
    slug: str | None = None,
    status: Status | None = None,
    tags: str | Iterable[str] | None = None,
    base_version: int | None = None,
    user: User | None = None,
    note: str = "",
) -> Article:
    """Save an article as a new version, keeping the old text as a revision.

    A translation aligned sentence by sentence is re-aligned with what was typed; saving a
    source marks the changed sentences of its translation stale. An aligned translation is
    marked ready only when none of its sentences is machine output or stale and no blocking
    QA finding remains (the review workspace lets an editor override that with a reason).
    """
    if base_version is not None and base_version != article.version:
        raise ConflictError(
            _("Someone saved this article after you opened it. Your text is kept below."),
            article,
        )
    title = title.strip()
    slug = (slug or "").strip() or None
    _check_fields(article.lang, title, slug)
    if slug is None or slug == f"story-{article.story_id}-{article.lang}":
        slug = make_slug(title, article.lang, exclude_article_id=article.id) if title else None
    elif _slug_taken(slug, article.lang, article.id):
        raise StoryError(_("The slug “%(slug)s” is already used.", slug=slug), "slug")
    was_ready = article.status == Status.READY
    article.title, article.lead, article.body = title, lead.strip(), body
    if slug:
        article.slug = slug
    if status is not None and article.status != Status.PUBLISHED:
        article.status = status
    try:
        _check_ready(article)
        from .review import hooks

        hooks.article_saved(article, user)
        if article.status == Status.READY and not was_ready:
            problems = hooks.ready_problems(article)
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
        _set_tags(article.story, parse_tags(tags))
    record_revision(article, user, note)
    _audit("edited", article=article, user=user, version=article.version)
    if user is not None:
        from .drafts import discard_drafts

        discard_drafts(user, article, commit=False)  # the real save supersedes its autosaves
    db.session.commit()
    return article


def _publishable(article: Article | None) -> bool:
    return (
        article is not None
        and not article.is_empty
        and article.status in (Status.READY, Status.PUBLISHED)
    )


def publish_pair(
    story: Story,
    *,
    at: datetime | None = None,
    user: User | None = None,
    override_reason: str = "",
) -> Story:
    """Publish both languages with one shared date (now, or ``at`` for an embargo).

    An out-of-date translation (sentences changed in the source since) is refused unless
    an editor gives ``override_reason``, which the audit log keeps.
    """
    for lang in LANGS:
        article = story.article(lang)
        if article is None:
            raise PublishError(_("The %(lang)s version does not exist yet.", lang=lang.upper()))
        if not _publishable(article):
            raise PublishError(
                _(
                    "The %(lang)s version must have a title and a body and be marked ready.",
                    lang=lang.upper(),
                )
            )
    from .review import hooks

    hooks.publish_gate(story, list(LANGS), user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    story.single_language = None
    for article in story.articles:
        article.status = Status.PUBLISHED
    _audit("published", story=story, user=user, mode="pair", at=story.published_at.isoformat())
    db.session.commit()
    return story


def publish_single(
    story: Story,
    lang: str,
    *,
    at: datetime | None = None,
    user: User | None = None,
    override_reason: str = "",
) -> Story:
    """Deliberately publish one language only; the choice is recorded on the story."""
    article = story.article(lang)
    if not _publishable(article):
        raise PublishError(
            _(
                "The %(lang)s version must have a title and a body and be marked ready.",
                lang=lang.upper(),
            )
        )
    from .review import hooks

    hooks.publish_gate(story, [lang], user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    partner = story.article(other_lang(lang))
    if partner is None or partner.status != Status.PUBLISHED:
        story.single_language = lang
    article.status = Status.PUBLISHED
    _audit("published", story=story, user=user, mode=lang, at=story.published_at.isoformat())
    db.session.commit()
    return story


def unpublish(story: Story, *, user: User | None = None) -> Story:
    """Take both languages off the public site; their text stays as ready drafts."""
    if story.published_at is None:
        raise PublishError(_("This story is not published."))
    for article in story.articles:
        if article.status == Status.PUBLISHED:
            article.status = Status.READY
    story.published_at = None
    story.single_language = None
    _audit("unpublished", story=story, user=user)
    db.session.commit()
    return story


def get_story(story_id: int) -> Story | None:
    """A story with its articles and tags loaded."""
    return db.session.get(
        Story, story_id, options=[selectinload(Story.articles), selectinload(Story.tags)]
    )


def list_stories(
    *, status: str | None = None, lang: str | None = None, page: int = 1, per_page: int = 20
):
    """The editor's story list, newest first, filtered by an article's status and language.

    The filter is an EXISTS per story, answered from ``ix_articles_story_status`` while the
    query walks ``ix_stories_created_at_id``; the total is counted from the articles index
    (an IN (subquery) made SQLite sort every matching story: 0.3 s at 50,000, bench M5)."""
    query = (
        select(Story)
        .options(selectinload(Story.articles), selectinload(Story.tags))
        .order_by(Story.created_at.desc(), Story.id.desc())
    )
    total = None
    if status == "missing" and lang:
        has_lang = select(Article.id).where(Article.story_id == Story.id, Article.lang == lang)
        query = query.where(~has_lang.exists())
    elif status or lang:
        conditions = [Article.status == status] if status else []
        if lang:
            conditions.append(Article.lang == lang)
        has = select(Article.id).where(Article.story_id == Story.id, *conditions)
        query = query.where(has.exists())
        total = select(func.count(func.distinct(Article.story_id))).where(*conditions)
    pagination = db.paginate(
        query, page=page, per_page=per_page, error_out=False, count=total is None
    )
    if total is not None:
        pagination.total = db.session.scalar(total)
    return pagination


def _public_query(lang: str, now: datetime):
    return (
        select(Article)
        .join(Article.story)
        .where(
            Article.lang == lang,
            Article.status == Status.PUBLISHED,
            Story.published_at.is_not(None),
            Story.published_at <= now,
        )
        .options(selectinload(Article.story).selectinload(Story.articles))
    )


def public_articles(lang: str, *, page: int = 1, per_page: int = 10, now: datetime | None = None):
    """Published articles in one language, newest publication first."""
    query = _public_query(lang, now or utcnow()).order_by(
        Story.published_at.desc(), Article.id.desc()
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def public_article(lang: str, slug: str, *, now: datetime | None = None) -> Article | None:
    """The published article with this slug, or None (drafts and embargoes stay hidden)."""
    query = _public_query(lang, now or utcnow()).where(Article.slug == slug)
    return db.session.scalar(query)


def public_partner(article: Article, *, now: datetime | None = None) -> Article | None:
    """The other language's article when readers may see it, else None."""
    partner = article.partner
    return partner if partner is not None and partner.is_public(now or utcnow()) else None
