"""Read endpoints of the API and the OpenAPI document."""

from __future__ import annotations

from flask import jsonify
from flask_smorest import current_api
from sqlalchemy import func, select

from newsdesk.api.auth import api_user
from newsdesk.api.blueprint import bp
from newsdesk.api.errors import not_found
from newsdesk.api.schemas import (
    ArticleSchema,
    JobSchema,
    PageArgs,
    StoryArgs,
    StoryPageSchema,
    StorySchema,
    TermPageSchema,
    UserSchema,
    page,
)
from newsdesk.extensions import db
from newsdesk.models import GlossaryTerm, Story, TranslationJob
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service as mt_service


def openapi():
    """The OpenAPI 3 description of this API (no token needed)."""
    return jsonify(current_api.spec.to_dict())


bp.add_undocumented_rule("/openapi.json", openapi)


@bp.get("/me")
@bp.response(200, UserSchema)
def show_me():
    """The token's user"""
    return api_user()


@bp.get("/stories")
@bp.arguments(StoryArgs, location="query")
@bp.response(200, StoryPageSchema)
def list_stories(args: dict):
    """Stories, newest first"""
    result = stories.list_stories(**args)
    return page(result.items, result.total, args)


@bp.get("/stories/<story_id>")
@bp.response(200, StorySchema)
def show_story(story: Story):
    """A story and its articles"""
    return story


@bp.get("/stories/<story_id>/articles/<lang>")
@bp.response(200, ArticleSchema)
def show_article(story: Story, lang: str):
    """One language version in full"""
    article = story.article(lang)
    if article is None:
        raise not_found()
    return article


@bp.get("/stories/<story_id>/translations/<lang>")
@bp.response(200, JobSchema)
def show_translation_job(story: Story, lang: str):
    """The latest machine-translation job"""
    job = mt_service.active_job(story, lang)
    if job is None:
        raise not_found()
    return job


@bp.get("/jobs/<job_id>")
@bp.response(200, JobSchema)
def show_job(job: TranslationJob):
    """A job's progress"""
    return job


@bp.get("/glossary")
@bp.arguments(PageArgs, location="query")
@bp.response(200, TermPageSchema)
def list_glossary(args: dict):
    """Glossary terms"""
    return page(*_terms_page(args["page"], args["per_page"]), args)


def _terms_page(page_number: int, per_page: int) -> tuple[list[GlossaryTerm], int]:
    """One page of terms in the glossary's order (English, then id), and how many there are."""
    total = db.session.scalar(select(func.count(GlossaryTerm.id))) or 0
    query = (
        select(GlossaryTerm)
        .order_by(GlossaryTerm.en, GlossaryTerm.id)
        .offset((page_number - 1) * per_page)
        .limit(per_page)
    )
    return list(db.session.scalars(query)), total
