"""Slugs follow the approved title until first publication; a live slug changed by hand
leaves its old address behind as a 301 once the change is published."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from newsdesk.extensions import db
from newsdesk.models import Article, Status
from newsdesk.models.review import AuditEntry
from newsdesk.models.slugs import SlugRedirect
from newsdesk.stories.fields import make_slug, slug_base


def ever_published(article: Article) -> bool:
    """Whether this language version is, or once was, published (its URL may be out there)."""
    if article.status == Status.PUBLISHED or article.live is not None:
        return True
    if article.story_id is None:
        return False
    modes = db.session.scalars(
        select(AuditEntry.detail).where(
            AuditEntry.story_id == article.story_id, AuditEntry.action == "published"
        )
    )
    return any((detail or {}).get("mode") in ("pair", article.lang) for detail in modes)


def follows_title(article: Article) -> bool:
    """Whether the stored slug was made from the stored title (not typed by an editor)."""
    if article.slug == f"story-{article.story_id}-{article.lang}":
        return True
    base = slug_base(article.title)
    if article.slug == base:
        return True
    suffix = article.slug.removeprefix(base + "-")
    return suffix != article.slug and suffix.isascii() and suffix.isdigit()


def next_slug(article: Article, submitted: str | None, title: str) -> str | None:
    """The slug this save gives the article, or None to keep the one it has.

    A slug the editor typed (different from the stored one) wins; otherwise, until the
    language version is first published, the slug follows the title."""
    if submitted is not None and submitted != article.slug:
        return submitted
    if ever_published(article) or not title:
        return None
    if submitted is None or follows_title(article):
        return make_slug(title, article.lang, exclude_article_id=article.id)
    return None


def change_slug(article: Article, slug: str) -> None:
    """Give the (working) article a new slug. A live article keeps its address until the change
    is published (``went_live``); one that was public once redirects from its old address."""
    if slug == article.slug:
        return
    if article.live is None:
        _drop_redirect(article.lang, slug)
        if ever_published(article):
            db.session.add(
                SlugRedirect(lang=article.lang, slug=article.slug, article_id=article.id)
            )
    article.slug = slug


def went_live(article: Article, old: str | None) -> None:
    """The article's slug is now its live address: no redirect answers for it any more, and
    the live address it replaces (``old``) answers with a 301 to it."""
    _drop_redirect(article.lang, article.slug)
    if old is not None and old != article.slug:
        db.session.add(SlugRedirect(lang=article.lang, slug=old, article_id=article.id))


def _drop_redirect(lang: str, slug: str) -> None:
    db.session.execute(
        delete(SlugRedirect).where(SlugRedirect.lang == lang, SlugRedirect.slug == slug)
    )


def redirect_target(lang: str, slug: str, now: datetime) -> str | None:
    """The live slug of the public article that was published under ``slug``, if any."""
    article = db.session.scalar(
        select(Article)
        .join(SlugRedirect, SlugRedirect.article_id == Article.id)
        .where(SlugRedirect.lang == lang, SlugRedirect.slug == slug)
    )
    if article is None or not article.is_public(now) or article.live.slug == slug:
        return None
    return article.live.slug


def retitle(article: Article, title: str) -> None:
    """Set the title; until first publication a slug made from the old title follows it
    (the review workspace and machine translation change titles outside ``update_article``)."""
    follow = title and title != article.title and follows_title(article)
    if follow and not ever_published(article):
        article.slug = make_slug(title, article.lang, exclude_article_id=article.id)
    article.title = title
