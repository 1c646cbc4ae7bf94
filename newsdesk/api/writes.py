"""Write endpoints: publishing, starting machine translation, the glossary."""

from __future__ import annotations

from flask import jsonify

from newsdesk.api import bp
from newsdesk.api.auth import api_user, require_lang
from newsdesk.api.errors import ApiError
from newsdesk.api.params import get_or_404, json_body, lang_or_404, parse_time
from newsdesk.api.serialize import job_json, story_json, term_json
from newsdesk.glossary import service as glossary
from newsdesk.hygiene import STORABLE_PATTERN, STORABLE_WORD_PATTERN
from newsdesk.models import LANGS, GlossaryTerm, Story
from newsdesk.review.service import ReviewForbidden
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service as mt_service

PUBLISH_BODY = {
    "mode": {"type": "string", "enum": ["pair", *LANGS]},
    "at": {"type": "string", "format": "date-time", "nullable": True},
}
TERM_BODY = {
    "en": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": STORABLE_WORD_PATTERN},
    "ru": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": STORABLE_WORD_PATTERN},
    "kind": {"type": "string", "enum": ["do_not_translate", "preferred", "forbidden"]},
    "note": {"type": "string", "maxLength": 500, "pattern": STORABLE_PATTERN},
}


def _refused(exc: stories.StoryError) -> ApiError:
    if isinstance(exc, ReviewForbidden):
        return ApiError(403, "forbidden", exc.message)
    return ApiError(409, "conflict", exc.message)


@bp.post("/stories/<story_id>/publish")
def publish_story(story_id: str):
    """Publish the pair (one shared date) or deliberately one language; editors only."""
    story = get_or_404(Story, story_id)
    body = json_body(PUBLISH_BODY, ("mode",))
    at = parse_time(body.get("at"), "at")
    try:
        if body["mode"] == "pair":
            stories.publish_pair(story, at=at, user=api_user())
        else:
            stories.publish_single(story, body["mode"], at=at, user=api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None
    return jsonify(story_json(story))


@bp.post("/stories/<story_id>/unpublish")
def unpublish_story(story_id: str):
    story = get_or_404(Story, story_id)
    try:
        stories.unpublish(story, user=api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None
    return jsonify(story_json(story))


@bp.post("/stories/<story_id>/translations/<lang>")
def start_translation(story_id: str, lang: str):
    """Queue a machine translation into ``lang`` (or return the one running); poll the job."""
    story = get_or_404(Story, story_id)
    require_lang(lang_or_404(lang))
    try:
        job = mt_service.request_translation(story, lang, api_user())
    except stories.StoryError as exc:
        raise _refused(exc) from None
    return jsonify(job_json(job)), 202


@bp.post("/glossary")
def add_term():
    """Add a term (or update the kind and note of the same pair); editors only."""
    body = json_body(TERM_BODY, ("en", "ru", "kind"))
    try:
        term = glossary.add_term(body["en"], body["ru"], body["kind"], body.get("note", ""))
    except glossary.GlossaryError as exc:
        raise ApiError(422, "invalid_term", str(exc)) from None
    return jsonify(term_json(term)), 201


@bp.delete("/glossary/<term_id>")
def delete_term(term_id: str):
    term = get_or_404(GlossaryTerm, term_id)
    glossary.delete_term(term.id)
    return "", 204
