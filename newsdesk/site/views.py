"""The readers' site: /en/... and /ru/..., one article per language."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from .. import stories
from ..markup import render_markdown

bp = Blueprint("site", __name__)
LANG = "<any(en, ru):lang>"


@bp.url_value_preprocessor
def pull_lang(endpoint, values) -> None:
    """Take the language out of the URL: it decides the content and the UI locale."""
    if values and "lang" in values:
        g.lang = values.pop("lang")


@bp.url_defaults
def add_lang(endpoint, values) -> None:
    if "lang" not in values and getattr(g, "lang", None):
        values["lang"] = g.lang


@bp.route("/")
def choose_language():
    lang = request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"
    return redirect(url_for(".list_stories", lang=lang))


@bp.route(f"/{LANG}/")
def list_stories():
    page = request.args.get("page", 1, type=int)
    pagination = stories.public_articles(
        g.lang, page=page, per_page=current_app.config["STORIES_PER_PAGE"]
    )
    if page > 1 and not pagination.items:
        abort(404)
    return render_template("site/list.html", pagination=pagination)


@bp.route(f"/{LANG}/news/<slug>")
def show_story(slug: str):
    article = stories.public_article(g.lang, slug)
    if article is None:
        abort(404)
    partner = stories.public_partner(article)
    return render_template(
        "site/article.html", article=article, partner=partner, body=render_markdown(article.body)
    )
