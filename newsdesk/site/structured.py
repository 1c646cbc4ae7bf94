"""schema.org NewsArticle structured data (JSON-LD) of an article page, for search engines."""

from __future__ import annotations

import json
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from newsdesk.models.live import PageArticle
from newsdesk.models.site import LeadImage
from newsdesk.site import identity, seo


def _publisher(lang: str) -> dict[str, Any]:
    home = identity.public_url("site.list_stories", lang=lang)
    organization: dict[str, Any] = {
        "@type": "Organization",
        "name": identity.publisher_name(lang),
        "url": home,
    }
    logo = identity.publisher_logo()
    if logo:
        organization["logo"] = {"@type": "ImageObject", "url": logo}
    return organization


def _authors(article: PageArticle) -> list[dict[str, Any]]:
    """The article's authors as people, or the publishing office when none is known."""
    names = identity.article_authors(article)
    if not names:
        return [_publisher(article.lang)]
    return [{"@type": "Person", "name": name} for name in names]


def _image(article: PageArticle, image: LeadImage) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ImageObject", "url": seo.image_url(image)}
    if image.caption(article.lang):
        data["caption"] = image.caption(article.lang)
    return data


def _link(article: PageArticle) -> dict[str, Any]:
    url = seo.article_url(article)
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": article.lang}


def news_data(
    article: PageArticle, partner: PageArticle | None, image: LeadImage | None, description: str
) -> dict[str, Any]:
    """The NewsArticle of a public article; ``partner`` only when readers may see it."""
    url = seo.article_url(article)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "inLanguage": article.lang,
        "dateModified": seo.iso(seo.content_modified(article, image)),
        "author": _authors(article),
        "publisher": _publisher(article.lang),
    }
    if article.story.published_at is not None:  # None only in an editor's preview
        data["datePublished"] = seo.iso(article.story.published_at)
    if description:
        data["description"] = description
    if image is not None:
        data["image"] = [_image(article, image)]
    if article.story.tags:
        data["keywords"] = article.story.topic_names(article.lang)
    if partner is not None:
        # The source language's version is the original work; the other its translation.
        original = article.lang == article.story.source_lang
        data["workTranslation" if original else "translationOfWork"] = _link(partner)
    return data


def news_article(
    article: PageArticle, partner: PageArticle | None, image: LeadImage | None, description: str
) -> Markup:
    """The JSON-LD text for a <script> element: <, > and & escaped, so no text can end it."""
    data = news_data(article, partner, image, description)
    return htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False)
