"""Read-only queries of the reader site: archive, tags, feeds, sitemap.

Visibility is the rule of ``newsdesk.stories``: an article is public when it is published and
its story's shared publication date has come.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import to_user_timezone, to_utc
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Article, Status, Story, Tag, story_tags
from ..models.site import LeadImage


def visible(now: datetime) -> tuple:
    """The conditions that make an article public at ``now`` (join Article.story first)."""
    return (
        Article.status == Status.PUBLISHED,
        Story.published_at.is_not(None),
        Story.published_at <= now,
    )


def public_query(lang: str, now: datetime) -> Select:
    """Public articles in ``lang``, newest publication first, stories and partners loaded."""
    return (
        select(Article)
        .join(Article.story)
        .where(Article.lang == lang, *visible(now))
        .options(
            selectinload(Article.story).selectinload(Story.articles),
            selectinload(Article.story).selectinload(Story.tags),
        )
        .order_by(Story.published_at.desc(), Article.id.desc())
    )


def paginate(query: Select, page: int, per_page: int):
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


# Archive ------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month in the site's time zone, as naive UTC datetimes [start, end)."""
    start = datetime(year, month, 1)
    end = datetime(year + month // 12, month % 12 + 1, 1)
    return to_utc(start).replace(tzinfo=None), to_utc(end).replace(tzinfo=None)


def in_month(lang: str, year: int, month: int, now: datetime) -> Select:
    """Public articles in ``lang`` published in that month (site time zone)."""
    start, end = month_bounds(year, month)
    return public_query(lang, now).where(Story.published_at >= start, Story.published_at < end)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    count: int


def archive_months(lang: str, now: datetime) -> list[Month]:
    """Months that have public articles in ``lang``, newest first, with their counts."""
    dates = db.session.scalars(
        select(Story.published_at).join(Article.story).where(Article.lang == lang, *visible(now))
    )
    counts = Counter((local.year, local.month) for local in (to_user_timezone(d) for d in dates))
    return [Month(y, m, n) for (y, m), n in sorted(counts.items(), reverse=True)]


# Tags ---------------------------------------------------------------------------------


def with_tag(lang: str, name: str, now: datetime) -> Select:
    """Public articles in ``lang`` whose story carries the tag ``name``."""
    tagged = select(story_tags.c.story_id).join(Tag).where(Tag.name == name)
    return public_query(lang, now).where(Story.id.in_(tagged))


def tag_counts(lang: str, now: datetime) -> list[tuple[str, int]]:
    """Tags of public articles in ``lang`` with how many articles carry each, by name."""
    query = (
        select(Tag.name, func.count(Article.id))
        .join(story_tags, story_tags.c.tag_id == Tag.id)
        .join(Story, Story.id == story_tags.c.story_id)
        .join(Article, Article.story_id == Story.id)
        .where(Article.lang == lang, *visible(now))
        .group_by(Tag.name)
        .order_by(Tag.name)
    )
    return [(name, n) for name, n in db.session.execute(query)]


# Feeds, sitemap, images ---------------------------------------------------------------


def latest(lang: str, now: datetime, limit: int = 50) -> list[Article]:
    """The newest ``limit`` public articles in ``lang``."""
    return list(db.session.scalars(public_query(lang, now).limit(limit)))


def all_public(now: datetime) -> list[Article]:
    """Every public article in both languages (for the sitemap)."""
    query = (
        select(Article)
        .join(Article.story)
        .where(*visible(now))
        .options(selectinload(Article.story).selectinload(Story.articles))
        .order_by(Story.published_at.desc(), Article.id)
    )
    return list(db.session.scalars(query))


def lead_images(story_ids) -> dict[int, LeadImage]:
    """The lead images of these stories, by story id, with their texts loaded."""
    ids = set(story_ids)
    if not ids:
        return {}
    query = (
        select(LeadImage).where(LeadImage.story_id.in_(ids)).options(selectinload(LeadImage.texts))
    )
    return {image.story_id: image for image in db.session.scalars(query)}


def public_article(lang: str, slug: str, now: datetime) -> Article | None:
    """The public article with this slug, or None (drafts and embargoes stay hidden)."""
    return db.session.scalar(public_query(lang, now).where(Article.slug == slug))
