"""The OpenAPI document, made by flask-smorest (apispec) from the views and their schemas."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Flask

from newsdesk.api.schemas import ErrorSchema

SPEC = {
    "title": "newsdesk API",
    "version": "1.0.0",
    "openapi_version": "3.0.3",
    "info": {
        "description": "Stories, articles, publishing, machine-translation jobs and the "
        "glossary. Authenticate with `Authorization: Bearer <token>`; tokens are made in the "
        "editor's preferences or with `newsdesk tokens create`."
    },
    "security": [{"bearer": []}],
}


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting errors with this API's error body."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        """None at the app: the blueprint answers its own errors as JSON (errors.py), and
        every other URL keeps the site's error pages."""

    def _register_pagination_header(self) -> None:
        """None: lists are paged by ``?page=&per_page=`` and say so in the body (schemas.page),
        not by flask-smorest's X-Pagination header, which the document would otherwise list."""


def init_app(app: Flask, bp: flask_smorest.Blueprint) -> Api:
    """Register ``bp`` through flask-smorest, which collects its operations into the document."""
    api = Api(app, spec_kwargs={**SPEC, "servers": [{"url": bp.url_prefix}]})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.register_blueprint(bp)
    return api


def document(api: Api, prefix: str) -> dict[str, Any]:
    """The document; its paths are relative to the server URL (``/stories``, not ``/api/v1/…``)."""
    spec = api.spec.to_dict()
    spec["paths"] = {path.removeprefix(prefix): item for path, item in spec["paths"].items()}
    return spec
