"""Read endpoints of the API and the OpenAPI document."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import func, select

from newsdesk.api import bp
from newsdesk.api.auth import api_user
from newsdesk.api.openapi import document
from newsdesk.api.params import choice_arg, get_or_404, lang_or_404, not_found, page_args
from newsdesk.api.serialize import article_json, job_json, story_json, term_json, user_json
from newsdesk.extensions import db
from newsdesk.models import LANGS, GlossaryTerm, Status, Story, TranslationJob
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service as mt_service

STATUSES = tuple(s.value for s in Status) + ("missing",)


def page_json(items: list, page: int, per_page: int, total: int) -> dict:
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page,
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API (no token needed)."""
    return jsonify(document())


@bp.get("/me")
def show_me():
    return jsonify(user_json(api_user()))


@bp.get("/stories")
def list_stories():
    page, per_page = page_args()
    status, lang = choice_arg("status", STATUSES), choice_arg("lang", LANGS)
    result = stories.list_stories(status=status, lang=lang, page=page, per_page=per_page)
    return jsonify(page_json([story_json(s) for s in result.items], page, per_page, result.total))


@bp.get("/stories/<story_id>")
def show_story(story_id: str):
    return jsonify(story_json(get_or_404(Story, story_id)))


@bp.get("/stories/<story_id>/articles/<lang>")
def show_article(story_id: str, lang: str):
    article = get_or_404(Story, story_id).article(lang_or_404(lang))
    if article is None:
        raise not_found()
    return jsonify(article_json(article))


@bp.get("/stories/<story_id>/translations/<lang>")
def show_translation_job(story_id: str, lang: str):
    """The latest machine-translation job of the story into ``lang``."""
    job = mt_service.active_job(get_or_404(Story, story_id), lang_or_404(lang))
    if job is None:
        raise not_found()
    return jsonify(job_json(job))


@bp.get("/jobs/<job_id>")
def show_job(job_id: str):
    return jsonify(job_json(get_or_404(TranslationJob, job_id)))


@bp.get("/glossary")
def list_glossary():
    page, per_page = page_args()
    total = db.session.scalar(select(func.count(GlossaryTerm.id)))
    query = (
        select(GlossaryTerm)
        .order_by(GlossaryTerm.en, GlossaryTerm.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    items = [term_json(t) for t in db.session.scalars(query)]
    return jsonify(page_json(items, page, per_page, total or 0))
