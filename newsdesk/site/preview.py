"""An article as readers will see it, before it is published: for staff, and through a signed
link that expires, for someone without an account (the person quoted, a partner's office).

The link carries the story, the language and its creation time, signed with the app's secret
(itsdangerous, a salt of its own); it opens the article's current text, never an edit form, is
never stored in the page cache, and tells search engines not to index it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flask import abort, current_app, flash, g, make_response, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from newsdesk.extensions import db
from newsdesk.markup import render_markdown
from newsdesk.models import Article, Story, utcnow
from newsdesk.security import ActionForm
from newsdesk.site import queries, seo, structured
from newsdesk.site import search as search_service
from newsdesk.site.blueprint import bp
from newsdesk.site.views import LANG
from newsdesk.stories.queries import get_story

SALT = "newsdesk-article-preview"


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def link_lifetime() -> timedelta:
    return timedelta(seconds=int(current_app.config["PREVIEW_LINK_TTL"]))


def make_token(story_id: int, lang: str) -> str:
    """A signed token for the preview of one language version of a story."""
    return _signer().dumps([story_id, lang])


def read_token(token: str, lang: str | None) -> tuple[int, str] | None:
    """(story id, lang) of a valid, unexpired token (for ``lang`` when given); else None."""
    if len(token) > 200:
        return None
    try:
        story_id, found = _signer().loads(token, max_age=link_lifetime().total_seconds())
    except (BadSignature, SignatureExpired, TypeError, ValueError):
        return None
    if not isinstance(story_id, int) or found not in ("en", "ru"):
        return None
    if lang is not None and found != lang:
        return None
    return story_id, found


def _article(story_id: int) -> Article:
    story = get_story(story_id) if 0 < story_id < 2**31 else None  # None when trashed
    article = story.article(g.lang) if story is not None else None
    if article is None:
        abort(404)
    return article


def _page(article: Article, *, token: str | None, link: str | None = None, status: int = 200):
    now = utcnow()
    image = queries.lead_images([article.story_id]).get(article.story_id)
    head = seo.article_head(article, now, image, search_service.plain_text(article))
    head = replace(head, noindex=True)
    partner = seo.public_partner(article, now)
    page = render_template(
        "site/preview.html",
        article=article,
        partner=partner,
        body=render_markdown(article.body),
        image=image,
        head=head,
        structured=structured.news_article(article, partner, image, head.description),
        preview_token=token,
        staff=token is None,
        link=link,
        link_expires=format_datetime(now + link_lifetime(), "short") if link else "",
        form=ActionForm() if token is None else None,
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "same-origin"  # the token stays on this site
    return response


@bp.route(f"/{LANG}/preview/story/<int:story_id>")
def preview_story(story_id: int):
    """Staff: the article's current text in the readers' layout."""
    return _page(_article(story_id), token=None)


@bp.route(f"/{LANG}/preview/story/<int:story_id>/link", methods=["POST"])
def create_preview_link(story_id: int):
    """Staff: a signed link to this preview for someone without an account."""
    article = _article(story_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    token = make_token(article.story_id, article.lang)
    link = url_for("site.show_preview", lang=article.lang, token=token, _external=True)
    current_app.logger.info("preview link for story %s (%s) created", story_id, article.lang)
    flash(_("Preview link created. Anyone with it can read this version until it expires."), "info")
    return _page(article, token=None, link=link)


@bp.route(f"/{LANG}/preview/<token>")
def show_preview(token: str):
    """Anyone with a valid link: the article's current text, until the link expires."""
    found = read_token(token, g.lang)
    story = db.session.get(Story, found[0]) if found else None
    article = story.article(found[1]) if story is not None else None
    if article is None or story.deleted_at is not None:
        return render_template("site/preview_expired.html"), 404
    return _page(article, token=token)


def image_allowed(filename: str, token: str | None) -> bool:
    """Whether a preview link lets its holder fetch this lead image (site.show_image)."""
    found = read_token(token, None) if token else None
    if found is None:
        return False
    image = queries.lead_images([found[0]]).get(found[0])
    return image is not None and image.filename == filename


def story_page_panel(sender, *, story: Story, **extra) -> dict:
    """stories' ``story_page`` signal: a link to each language's preview."""
    return {"side_panels": ["site/_preview_panel.html"]}
