"""Consistent JSON error bodies: ``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

log = logging.getLogger(__name__)
_ROUTING = ((404, NotFound), (405, MethodNotAllowed))


class ApiError(Exception):
    """An error answered as JSON with this status, code and (localized) message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("There is nothing here."))


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("The request is not valid.")),
        401: ("unauthorized", _("An API token is required.")),
        403: ("forbidden", _("You may not do this.")),
        404: ("not_found", _("There is nothing here.")),
        405: ("method_not_allowed", _("This method is not allowed here.")),
        409: ("conflict", _("This conflicts with the current state.")),
        413: ("too_large", _("The request is too large.")),
        415: ("unsupported_media_type", _("Send JSON.")),
        422: ("unprocessable", _("The request cannot be carried out.")),
    }


def error_response(status: int, code: str | None = None, message: str | None = None):
    default_code, default_message = _messages().get(status, ("error", _("Something went wrong.")))
    body = {"error": {"code": code or default_code, "message": message or default_message}}
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="newsdesk"'
    return response


def _api_error(error: ApiError):
    return error_response(error.status, error.code, error.message)


def _http_error(error: HTTPException):
    response = error_response(error.code or 500)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _server_error(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    log.exception("API request failed")
    return error_response(500)


def handle_on(bp: Blueprint) -> None:
    """Every error raised under the blueprint is answered as JSON."""
    bp.register_error_handler(ApiError, _api_error)
    bp.register_error_handler(HTTPException, _http_error)
    bp.register_error_handler(Exception, _server_error)


def init_app(app: Flask, prefix: str) -> None:
    """Routing errors under ``prefix`` (unknown URL, wrong method) also get JSON bodies.

    Call after the app's own error pages are registered: their 404 page stays for
    every other URL.
    """
    pages = {code: app.error_handler_spec[None][code].get(cls) for code, cls in _ROUTING}

    def routing_error(error: HTTPException):
        if request.path == prefix or request.path.startswith(prefix + "/"):
            return _http_error(error)
        page = pages.get(error.code)
        return page(error) if page else error

    for code, _cls in _ROUTING:
        app.register_error_handler(code, routing_error)
