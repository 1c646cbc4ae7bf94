"""flask-smorest's Blueprint and argument parser, set to this API's conventions.

- Path ids become rows (a malformed or unknown one is a 404) before the body or query is
  read, and are documented as integers; ``lang`` as one of the content languages.
- A bad body or query is a 400 with one message in the client's language, never
  webargs' 422 with marshmallow's English dictionary.
- Each operationId is the view's name in camelCase (``list_stories`` -> ``listStories``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

import flask
import flask_smorest
from flask import Request
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser

from newsdesk.api import errors
from newsdesk.api.errors import bad_request, not_found
from newsdesk.extensions import db
from newsdesk.hygiene import MAX_ID
from newsdesk.models import LANGS, GlossaryTerm, Story, TranslationJob

_ID = re.compile(r"[1-9][0-9]{0,9}")
_ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
# path argument -> (the view's argument, the model it names); ``lang`` is checked, not loaded
ROWS = {
    "story_id": ("story", Story),
    "job_id": ("job", TranslationJob),
    "term_id": ("term", GlossaryTerm),
}
PATH_PARAMETERS = {
    name: {"in": "path", "name": name, "required": True, "schema": _ID_SCHEMA} for name in ROWS
} | {
    "lang": {
        "in": "path",
        "name": "lang",
        "required": True,
        "schema": {"type": "string", "enum": list(LANGS)},
    }
}


def get_or_404(model: type, raw_id: str) -> Any:
    """The row with this id; a malformed or unknown id is a 404 (as for any unknown URL)."""
    if not _ID.fullmatch(raw_id) or int(raw_id) > MAX_ID:
        raise not_found()
    row = db.session.get(model, int(raw_id))
    if row is None or _in_trash(row) or _in_trash(getattr(row, "story", None)):
        raise not_found()  # a story in the trash, or a job of one
    return row


def _in_trash(row: Any) -> bool:
    return getattr(row, "deleted_at", None) is not None


def _with_rows(view: Callable) -> Callable:
    """The view called with rows for its path ids (``story_id`` -> ``story``), ``lang`` checked."""

    @wraps(view)
    def wrapper(**path: str) -> Any:
        for name, (argument, model) in ROWS.items():
            if name in path:
                path[argument] = get_or_404(model, path.pop(name))
        if "lang" in path and path["lang"] not in LANGS:
            raise not_found()
        return view(**path)

    return wrapper


class ApiParser(FlaskParser):
    """webargs' parser: JSON bodies must be objects, errors are one localized message."""

    DEFAULT_VALIDATION_STATUS = 400

    def load_json(self, req: Request, schema: Schema) -> Any:
        try:
            body = req.get_json(silent=True) if req.is_json else None
        except RecursionError:  # json raises it (not ValueError) for deeply nested arrays
            raise bad_request(_("The JSON document is nested too deeply.")) from None
        if not isinstance(body, dict):
            raise bad_request(_("Send a JSON object."))
        return body

    def handle_error(self, error: ValidationError, req: Request, schema: Schema, **kwargs: Any):
        """The first problem, as the API always named it: unexpected or missing members,
        then members in the order sent (query parameters in the documented order)."""
        ((location, messages),) = error.messages.items()
        if location == "json":
            body = req.get_json(silent=True)
            unknown = sorted(set(body) - set(schema.fields))
            missing = [n for n, f in schema.fields.items() if f.required and n not in body]
            if unknown or missing:
                names = ", ".join(unknown + missing)
                raise bad_request(_("Unexpected or missing fields: %(names)s.", names=names))
            order = [*body, *messages]
        else:
            order = [*schema.fields, *messages]
        name = next(name for name in order if name in messages)
        raise bad_request(str(messages[name][0]))


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with the conventions above."""

    ARGUMENTS_PARSER = ApiParser()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.query_names: dict[str, frozenset[str]] = {}

    def route(self, rule: str, *, parameters=None, **options: Any) -> Callable:
        names = [name for name in PATH_PARAMETERS if f"<{name}>" in rule]
        documented = [PATH_PARAMETERS[name] for name in names] + list(parameters or ())
        register = super().route(rule, parameters=documented, **options)

        def decorator(view: Callable) -> Callable:
            operation_id = "".join(
                word.capitalize() if i else word for i, word in enumerate(view.__name__.split("_"))
            )
            return register(self.doc(operationId=operation_id)(_with_rows(view)))

        return decorator

    def add_undocumented_rule(self, rule: str, view: Callable) -> None:
        """A GET route the document leaves out (the document itself)."""
        flask.Blueprint.add_url_rule(self, rule, view_func=view)

    def arguments(self, schema: type[Schema], *, location: str = "json", **kwargs: Any):
        """As flask-smorest's; the query parameters an endpoint reads are remembered, so
        that any other is refused before the view runs (auth.py)."""
        decorate = super().arguments(schema, location=location, **kwargs)

        def decorator(view: Callable) -> Callable:
            if location == "query":
                fields = schema().fields.items()
                self.query_names[view.__name__] = frozenset(f.data_key or n for n, f in fields)
            return decorate(view)

        return decorator


bp = ApiBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Stories, publishing, machine-translation jobs and the glossary.",
)
errors.handle_on(bp)
