"""The OpenAPI document, made by flask-smorest (apispec) from the views and their schemas."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Flask
from flask_smorest.spec.plugins import FlaskPlugin

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


class _ServerRelativePaths(FlaskPlugin):
    """Paths relative to the server URL: ``/stories`` under ``servers: [/api/v1]``."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def path_helper(self, rule, operations, parameters, **kwargs: Any) -> str:
        path = super().path_helper(rule, operations, parameters, **kwargs)
        return path.removeprefix(self.prefix)


def init_app(app: Flask, bp: flask_smorest.Blueprint) -> Api:
    """Register ``bp`` through flask-smorest, which collects its operations into the document
    (served at /api/v1/openapi.json, printed by ``newsdesk openapi print``)."""
    plugin = _ServerRelativePaths(bp.url_prefix)
    servers = [{"url": bp.url_prefix}]
    api = Api(app, spec_kwargs={**SPEC, "servers": servers, "flask_plugin": plugin})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.register_blueprint(bp)
    return api
