"""What readers may see: published articles whose publication date has come."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Article, Status, Story, utcnow


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
