"""The editor's reads: one story with its articles and tags, and the filtered story list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from newsdesk.extensions import db
from newsdesk.models import Article, LiveArticle, Story
from newsdesk.models.live import TEXT_FIELDS


def visible(now: datetime) -> tuple:
    """The conditions that make a live copy public at ``now`` (select ``LiveArticle`` and join
    its story first): the one rule of visibility, used by the reader site, images and search.
    Only published language versions have a live copy; what readers see is that copy."""
    return (
        Story.deleted_at.is_(None),
        Story.published_at.is_not(None),
        Story.published_at <= now,
    )


def _changed():
    """A published article whose working text differs from its live copy."""
    live = select(LiveArticle.id).where(
        LiveArticle.id == Article.id,
        or_(*(getattr(LiveArticle, name) != getattr(Article, name) for name in TEXT_FIELDS)),
    )
    return live.exists()


def get_story(story_id: int, *, trashed: bool = False) -> Story | None:
    """A story with its articles and tags loaded; one in the trash only when ``trashed``."""
    story = db.session.get(
        Story,
        story_id,
        options=[selectinload(Story.articles).selectinload(Article.live), selectinload(Story.tags)],
    )
    if story is not None and story.deleted_at is not None and not trashed:
        return None
    return story


def list_stories(
    *, status: str | None = None, lang: str | None = None, page: int = 1, per_page: int = 20
):
    """The editor's story list, newest first, filtered by an article's status and language
    (``changes``: a published article whose working text is not on the site yet).

    The filter is an EXISTS per story, answered from ``ix_articles_story_status`` while the
    query walks ``ix_stories_created_at_id``; the total is counted from the articles index
    (an IN (subquery) made SQLite sort every matching story: 0.3 s at 50,000, bench M5)."""
    query = (
        select(Story)
        .where(Story.deleted_at.is_(None))
        .options(selectinload(Story.articles).selectinload(Article.live), selectinload(Story.tags))
        .order_by(Story.created_at.desc(), Story.id.desc())
    )
    total = None
    if status == "missing" and lang:
        has_lang = select(Article.id).where(Article.story_id == Story.id, Article.lang == lang)
        query = query.where(~has_lang.exists())
    elif status or lang:
        conditions = [Article.status == status] if status not in (None, "", "changes") else []
        if status == "changes":
            conditions.append(_changed())
        if lang:
            conditions.append(Article.lang == lang)
        has = select(Article.id).where(Article.story_id == Story.id, *conditions)
        query = query.where(has.exists())
        total = (
            select(func.count(func.distinct(Article.story_id)))
            .join(Article.story)
            .where(Story.deleted_at.is_(None), *conditions)
        )
    pagination = db.paginate(
        query, page=page, per_page=per_page, error_out=False, count=total is None
    )
    if total is not None:
        pagination.total = db.session.scalar(total)
    return pagination
