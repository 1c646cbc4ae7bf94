"""Checking path, query and body input exactly as the OpenAPI document states it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask import request
from flask_babel import gettext as _

from newsdesk.api.errors import ApiError
from newsdesk.extensions import db
from newsdesk.hygiene import MAX_ID, MAX_PAGE, text_problem
from newsdesk.models import LANGS

_ID = re.compile(r"[1-9][0-9]{0,9}")
_COUNT = re.compile(r"[0-9]{1,9}")


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("There is nothing here."))


def bad(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def get_or_404(model, raw_id: str):
    """The row with this id; a malformed or unknown id is a 404 (as for any unknown URL)."""
    if not _ID.fullmatch(raw_id) or int(raw_id) > MAX_ID:
        raise not_found()
    row = db.session.get(model, int(raw_id))
    if row is None:
        raise not_found()
    return row


def lang_or_404(lang: str) -> str:
    if lang not in LANGS:
        raise not_found()
    return lang


def page_args(max_per_page: int = 100) -> tuple[int, int]:
    """``page`` (≥ 1) and ``per_page`` (1..100) from the query string."""
    values = []
    for name, default, top in (("page", 1, MAX_PAGE), ("per_page", 20, max_per_page)):
        raw = request.args.get(name)
        if raw is None:
            values.append(default)
            continue
        if not _COUNT.fullmatch(raw) or not 1 <= int(raw) <= top:
            raise bad(_("%(name)s must be a whole number from 1 to %(top)s.", name=name, top=top))
        values.append(int(raw))
    return values[0], values[1]


def choice_arg(name: str, choices: tuple[str, ...]) -> str | None:
    raw = request.args.get(name)
    if raw is not None and raw not in choices:
        raise bad(_("%(name)s must be one of: %(choices)s.", name=name, choices=", ".join(choices)))
    return raw


def json_body(properties: dict[str, dict[str, Any]], required: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object body, checked against ``properties`` (type, enum, maxLength, nullable);
    unknown members and missing required ones are refused."""
    try:
        body = request.get_json(silent=True) if request.is_json else None
    except RecursionError:  # json raises it (not ValueError) for deeply nested arrays
        raise bad(_("The JSON document is nested too deeply.")) from None
    if not isinstance(body, dict):
        raise bad(_("Send a JSON object."))
    unknown = set(body) - set(properties)
    missing = [name for name in required if name not in body]
    if unknown or missing:
        raise bad(
            _(
                "Unexpected or missing fields: %(names)s.",
                names=", ".join(sorted(unknown) + missing),
            )
        )
    for name, value in body.items():
        rule = properties[name]
        if value is None and rule.get("nullable"):
            continue
        if not isinstance(value, str) or ("enum" in rule and value not in rule["enum"]):
            raise bad(_("The field %(name)s is not valid.", name=name))
        if len(value) > rule.get("maxLength", 10**6) or len(value) < rule.get("minLength", 0):
            raise bad(_("The field %(name)s is not valid.", name=name))
        problem = text_problem(value)  # NUL, lone surrogates: the database cannot store them
        if problem:
            raise bad(_("The field %(name)s: %(problem)s", name=name, problem=problem))
    return body


def parse_time(value: str | None, name: str) -> datetime | None:
    """An RFC 3339 date-time as naive UTC (how times are stored)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.upper())
        if when.tzinfo is None:
            raise ValueError(value)
        return when.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise bad(_("The field %(name)s is not a date and time.", name=name)) from None
