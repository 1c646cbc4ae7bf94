"""Write endpoints: publishing, starting machine translation, the glossary."""

from __future__ import annotations

from flask import make_response

from newsdesk.api.auth import api_user, require_lang
from newsdesk.api.blueprint import bp
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import JobSchema, PublishBody, StorySchema, TermBody, TermSchema
from newsdesk.glossary import service as glossary
from newsdesk.models import GlossaryTerm, Story
from newsdesk.review.service import ReviewForbidden
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service as mt_service


def _refused(exc: stories.StoryError) -> ApiError:
    if isinstance(exc, ReviewForbidden):
        return ApiError(403, "forbidden", exc.message)
    return ApiError(409, "conflict", exc.message)


@bp.post("/stories/<story_id>/publish")
@bp.arguments(PublishBody)
@bp.response(200, StorySchema)
def publish_story(body: dict, story: Story):
    """Publish the pair or one language (editors)"""
    try:
        stories.publish(story, body["mode"], at=body["at"], user=api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None
    return story


@bp.post("/stories/<story_id>/unpublish")
@bp.response(200, StorySchema)
def unpublish_story(story: Story):
    """Take the story off the site (editors)"""
    try:
        stories.unpublish(story, user=api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None
    return story


@bp.post("/stories/<story_id>/translations/<lang>")
@bp.response(202, JobSchema)
def start_translation(story: Story, lang: str):
    """Start machine translation"""
    require_lang(lang)
    try:
        return mt_service.request_translation(story, lang, api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None


@bp.post("/glossary")
@bp.arguments(TermBody)
@bp.response(201, TermSchema)
def add_term(body: dict):
    """Add a term (editors)"""
    try:
        return glossary.add_term(body["en"], body["ru"], body["kind"], body["note"])
    except glossary.GlossaryError as exc:
        raise ApiError(422, "invalid_term", str(exc)) from None


@bp.delete("/glossary/<term_id>")
@bp.response(204)
def delete_term(term: GlossaryTerm):
    """Delete a term (editors)"""
    glossary.delete_term(term.id)
    return make_response("", 204)
