"""The OpenAPI 3.0 document of /api/v1/, written by hand next to the views it describes."""

from __future__ import annotations

from typing import Any

from newsdesk.hygiene import MAX_PAGE
from newsdesk.models import LANGS, JobState, Status

_TIME = {"type": "string", "format": "date-time"}
_TIME_OR_NULL = {"type": "string", "format": "date-time", "nullable": True}
_LANG = {"type": "string", "enum": list(LANGS)}
_ID = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _page(item: str) -> dict[str, Any]:
    return _object(
        {
            "items": {"type": "array", "items": _ref(item)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 0},
        }
    )


SCHEMAS: dict[str, Any] = {
    "Error": _object(
        {
            "error": _object(
                {"code": {"type": "string"}, "message": {"type": "string"}},
            )
        }
    ),
    "User": _object(
        {
            "id": _ID,
            "username": {"type": "string"},
            "role": {"type": "string", "enum": ["editor", "translator", "admin"]},
            "languages": {"type": "array", "items": {"type": "string"}},
            "can_publish": {"type": "boolean"},
        }
    ),
    "ArticleSummary": _object(
        {
            "lang": _LANG,
            "title": {"type": "string"},
            "slug": {"type": "string"},
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "version": {"type": "integer"},
            "updated_at": _TIME,
        }
    ),
    "Article": _object(
        {
            "lang": _LANG,
            "title": {"type": "string"},
            "slug": {"type": "string"},
            "status": {"type": "string", "enum": [s.value for s in Status]},
            "version": {"type": "integer"},
            "updated_at": _TIME,
            "story_id": _ID,
            "lead": {"type": "string"},
            "body": {"type": "string"},
        }
    ),
    "Story": _object(
        {
            "id": _ID,
            "source_lang": _LANG,
            "published_at": _TIME_OR_NULL,
            "single_language": {"type": "string", "enum": list(LANGS), "nullable": True},
            "tags": {"type": "array", "items": {"type": "string"}},
            "created_at": _TIME,
            "updated_at": _TIME,
            "articles": {"type": "array", "items": _ref("ArticleSummary")},
        }
    ),
    "StoryPage": _page("Story"),
    "Job": _object(
        {
            "id": _ID,
            "story_id": _ID,
            "source_lang": _LANG,
            "target_lang": _LANG,
            "state": {"type": "string", "enum": [s.value for s in JobState]},
            "done": {"type": "integer", "minimum": 0},
            "total": {"type": "integer", "minimum": 0},
            "percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "error": {"type": "string"},
            "created_at": _TIME,
            "started_at": _TIME_OR_NULL,
            "finished_at": _TIME_OR_NULL,
        }
    ),
    "Term": _object(
        {
            "id": _ID,
            "en": {"type": "string"},
            "ru": {"type": "string"},
            "kind": {"type": "string", "enum": ["do_not_translate", "preferred", "forbidden"]},
            "note": {"type": "string"},
        }
    ),
    "TermPage": _page("Term"),
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses(ok: int, schema: str | None, description: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "default": _json(_ref("Error"), "An error (4xx, 5xx) with a code and a message")
    }
    out[str(ok)] = _json(_ref(schema), description) if schema else {"description": description}
    return out


def _param(name: str, where: str, schema: dict[str, Any], required: bool = True) -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema}


STORY_ID = _param("story_id", "path", _ID)
LANG = _param("lang", "path", _LANG)
PAGING = [
    _param("page", "query", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, False),
    _param("per_page", "query", {"type": "integer", "minimum": 1, "maximum": 100}, False),
]


def _op(summary: str, ok: int, schema: str | None, params=(), body=None, **extra) -> dict:
    operation: dict[str, Any] = {
        "summary": summary,
        "operationId": extra.pop("operation_id"),
        "parameters": list(params),
        "responses": _responses(ok, schema, summary),
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return operation


def document() -> dict[str, Any]:
    """The document served at /api/v1/openapi.json."""
    from newsdesk.api.writes import PUBLISH_BODY, TERM_BODY

    publish = _object({k: {x: y for x, y in v.items()} for k, v in PUBLISH_BODY.items()}, ["mode"])
    term = _object({k: dict(v) for k, v in TERM_BODY.items()}, ["en", "ru", "kind"])
    paths = {
        "/me": {"get": _op("The token's user", 200, "User", operation_id="showMe")},
        "/stories": {
            "get": _op(
                "Stories, newest first",
                200,
                "StoryPage",
                [
                    *PAGING,
                    _param(
                        "status",
                        "query",
                        {"type": "string", "enum": [s.value for s in Status] + ["missing"]},
                        False,
                    ),
                    _param("lang", "query", _LANG, False),
                ],
                operation_id="listStories",
            )
        },
        "/stories/{story_id}": {
            "get": _op(
                "A story and its articles", 200, "Story", [STORY_ID], operation_id="showStory"
            )
        },
        "/stories/{story_id}/articles/{lang}": {
            "get": _op(
                "One language version in full",
                200,
                "Article",
                [STORY_ID, LANG],
                operation_id="showArticle",
            )
        },
        "/stories/{story_id}/publish": {
            "post": _op(
                "Publish the pair or one language (editors)",
                200,
                "Story",
                [STORY_ID],
                publish,
                operation_id="publishStory",
            )
        },
        "/stories/{story_id}/unpublish": {
            "post": _op(
                "Take the story off the site (editors)",
                200,
                "Story",
                [STORY_ID],
                operation_id="unpublishStory",
            )
        },
        "/stories/{story_id}/translations/{lang}": {
            "get": _op(
                "The latest machine-translation job",
                200,
                "Job",
                [STORY_ID, LANG],
                operation_id="showTranslationJob",
            ),
            "post": _op(
                "Start machine translation",
                202,
                "Job",
                [STORY_ID, LANG],
                operation_id="startTranslation",
            ),
        },
        "/jobs/{job_id}": {
            "get": _op(
                "A job's progress",
                200,
                "Job",
                [_param("job_id", "path", _ID)],
                operation_id="showJob",
            )
        },
        "/glossary": {
            "get": _op("Glossary terms", 200, "TermPage", PAGING, operation_id="listGlossary"),
            "post": _op("Add a term (editors)", 201, "Term", body=term, operation_id="addTerm"),
        },
        "/glossary/{term_id}": {
            "delete": _op(
                "Delete a term (editors)",
                204,
                None,
                [_param("term_id", "path", _ID)],
                operation_id="deleteTerm",
            )
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "newsdesk API",
            "version": "1.0.0",
            "description": "Stories, articles, publishing, machine-translation jobs and the "
            "glossary. Authenticate with `Authorization: Bearer <token>`; tokens are made "
            "in the editor's preferences or with `newsdesk tokens create`.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
