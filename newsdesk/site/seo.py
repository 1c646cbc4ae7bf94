"""What a page tells crawlers and link previews: canonical URL, hreflang alternates,
Open Graph and Twitter card tags, and when it last changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import url_for
from flask_babel import gettext as _

from newsdesk.models import LANGS
from newsdesk.models.live import LiveArticle, PageArticle
from newsdesk.models.site import LeadImage

OG_LOCALES = {"en": "en_US", "ru": "ru_RU"}
DESCRIPTION_CHARS = 200


@dataclass
class Head:
    """The <head> metadata of one public page."""

    canonical: str
    alternates: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""
    og: list[tuple[str, str]] = field(default_factory=list)
    twitter: list[tuple[str, str]] = field(default_factory=list)
    noindex: bool = False


def alternate_links(urls: dict[str, str | None]) -> list[tuple[str, str]]:
    """hreflang links for the language versions that exist, then x-default.

    x-default is the English version, or the only version there is.
    """
    present = [(lang, urls[lang]) for lang in LANGS if urls.get(lang)]
    if not present:
        return []
    default = urls.get("en") or present[0][1]
    return [*present, ("x-default", default)]


def article_url(article: PageArticle) -> str:
    return url_for("site.show_story", lang=article.lang, slug=article.slug, _external=True)


def public_partner(article: PageArticle, now: datetime) -> LiveArticle | None:
    """What readers see of the other language now, if anything (also for a preview's text)."""
    partner = next((a for a in article.story.live_articles if a.lang != article.lang), None)
    return partner if partner is not None and partner.is_public(now) else None


def article_alternates(article: PageArticle, now: datetime) -> list[tuple[str, str]]:
    """The article and its partner when readers may see it; never an unpublished version."""
    urls = {article.lang: article_url(article)}
    partner = public_partner(article, now)
    if partner is not None:
        urls[partner.lang] = article_url(partner)
    return alternate_links(urls)


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def image_url(image: LeadImage) -> str:
    return url_for("site.show_image", filename=image.filename, _external=True)


def article_head(
    article: PageArticle, now: datetime, image: LeadImage | None, summary: str
) -> Head:
    """Canonical, alternates and link-preview tags of an article page."""
    url = article_url(article)
    partner = public_partner(article, now)
    description = shorten(article.lead or summary)
    og = [
        ("og:type", "article"),
        ("og:site_name", _("University News")),
        ("og:title", article.title),
        ("og:description", description),
        ("og:url", url),
        ("og:locale", OG_LOCALES[article.lang]),
    ]
    if partner is not None:
        og.append(("og:locale:alternate", OG_LOCALES[partner.lang]))
    twitter = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", article.title),
        ("twitter:description", description),
    ]
    if image is not None:
        og += [
            ("og:image", image_url(image)),
            ("og:image:type", image.media_type),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
        ]
        if image.alt(article.lang):
            og.append(("og:image:alt", image.alt(article.lang)))
            twitter.append(("twitter:image:alt", image.alt(article.lang)))
        twitter.append(("twitter:image", image_url(image)))
    published = article.story.published_at
    if published is not None:  # None only in an editor's preview of an unpublished article
        og.append(("article:published_time", iso(published)))
    og.append(("article:modified_time", iso(content_modified(article, image))))
    og += [("article:tag", name) for name in article.story.topic_names(article.lang)]
    return Head(url, article_alternates(article, now), description, og, twitter)


def list_head(
    lang: str,
    title: str,
    exists: dict[str, bool],
    endpoint: str,
    page: int = 1,
    *,
    description: str = "",
    by_lang: dict[str, dict] | None = None,
    **values,
) -> Head:
    """Canonical, alternates and description of a list page; ``exists`` says which
    languages have it; ``by_lang`` holds URL values that differ per language."""

    def url(code: str) -> str:
        args = dict(values, page=page) if page > 1 else dict(values)
        args.update((by_lang or {}).get(code, {}))
        return url_for(endpoint, lang=code, _external=True, **args)

    alternates = alternate_links({code: url(code) for code in LANGS if exists.get(code)})
    og = [
        ("og:type", "website"),
        ("og:site_name", _("University News")),
        ("og:title", title),
        ("og:url", url(lang)),
        ("og:locale", OG_LOCALES[lang]),
    ]
    description = shorten(description)
    if description:
        og.append(("og:description", description))
    og += [("og:locale:alternate", OG_LOCALES[c]) for c in LANGS if c != lang and exists.get(c)]
    twitter = [("twitter:card", "summary"), ("twitter:title", title)]
    return Head(url(lang), alternates, description, og, twitter)


def content_modified(article: PageArticle, image: LeadImage | None = None) -> datetime:
    """When the article itself last changed: its text, its publication, its image (naive UTC).

    Edits of the other language version do not count: that is article:modified_time and
    schema.org dateModified, which speak of this article only.
    """
    times = [article.updated_at, article.story.published_at]
    if image is not None:
        times.append(image.updated_at)
    return max(t for t in times if t is not None)


def article_modified(
    article: PageArticle, now: datetime, image: LeadImage | None = None
) -> datetime:
    """When the article page last changed as far as the database tells (naive UTC): its
    content, the story's shared settings and the partner the page links to."""
    times = [article.updated_at, article.story.published_at, article.story.updated_at]
    partner = public_partner(article, now)
    if partner is not None:
        times.append(partner.updated_at)
    if image is not None:
        times.append(image.updated_at)
    return max(t for t in times if t is not None and t <= now)


def iso(moment: datetime) -> str:
    """W3C/RFC 3339 date-time in UTC, e.g. 2024-11-14T10:00:00+00:00."""
    return moment.replace(tzinfo=UTC, microsecond=0).isoformat()
