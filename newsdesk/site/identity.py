"""Who publishes and who wrote: names and permanent ids that feeds and structured data share."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from flask import current_app, url_for

from newsdesk.models.live import PageArticle

UNCONFIGURED_AUTHORITY = "newsdesk.invalid"


def article_authors(article: PageArticle) -> list[str]:
    """The names of an article's authors in its language, in byline order (the register of
    people, newsdesk/people). Where this is empty, feeds and structured data name the
    publisher instead."""
    return article.story.author_names(article.lang)


def publisher_name(lang: str) -> str:
    """The publishing office's name in ``lang`` (SITE_PUBLISHER_NAME_EN / _RU)."""
    return current_app.config[f"SITE_PUBLISHER_NAME_{lang.upper()}"]


def publisher_logo() -> str | None:
    """Absolute URL of the publisher's logo (SITE_PUBLISHER_LOGO), or None when unset."""
    logo = current_app.config.get("SITE_PUBLISHER_LOGO") or ""
    if not logo:
        return None
    if urlsplit(logo).scheme:
        return logo
    return url_for("static", filename=logo, _external=True)


def public_url(endpoint: str, **values) -> str:
    """An absolute URL on SITE_URL when it is set, else on the request's own host."""
    site = current_app.config.get("SITE_URL") or ""
    if not site:
        return url_for(endpoint, _external=True, **values)
    return urljoin(site.rstrip("/") + "/", url_for(endpoint, **values).lstrip("/"))


def tag_authority() -> str:
    """The tagging authority of entry ids: SITE_TAG_AUTHORITY, SITE_URL's host or a constant."""
    configured = current_app.config.get("SITE_TAG_AUTHORITY") or ""
    if configured:
        return configured.lower()
    host = urlsplit(current_app.config.get("SITE_URL") or "").hostname
    return host or UNCONFIGURED_AUTHORITY


def entry_id(article: PageArticle) -> str:
    """A permanent Atom entry id (RFC 4151 tag URI), the same whatever host serves the feed.

    The date is the story's creation day: it never changes, unlike the publication date an
    editor may move, and precedes the first publication. Slug and title edits keep the id.
    """
    day = article.story.created_at.strftime("%Y-%m-%d")
    return f"tag:{tag_authority()},{day}:story/{article.story_id}/{article.lang}"
