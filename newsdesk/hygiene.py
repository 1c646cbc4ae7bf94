"""Text hygiene for everything users type: NFC, no NUL, control characters or lone surrogates,
no mixed scripts."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl

from flask import Flask, abort, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

# The largest id an INTEGER primary key holds on every supported database: PostgreSQL's
# INTEGER is 32-bit (SQLite's is 64-bit); a larger id in a URL is a 404, never a query.
MAX_ID = 2**31 - 1
# The highest page number of a paged list (UI and API): beyond it no list reaches, and the
# OFFSET it would mean overflows the drivers' integers (a 500 the fuzzer found).
MAX_PAGE = 10**6


def page_number() -> int:
    """``?page=`` of a paged list page (1 when absent); a 404 outside 1..MAX_PAGE."""
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= MAX_PAGE:
        abort(404)
    return page


_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters XML cannot hold (all of C0 but tab, newline and carriage return) and the
# two noncharacters U+FFFE/U+FFFF: stored, they would break XLIFF/TMX exports and feeds.
_UNSTORABLE = r"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_CONTROL = re.compile(f"[{_UNSTORABLE}]")  # NUL is matched first, with its own message
# JSON Schema patterns (Python and ECMA-262 read them alike) for the API document: text
# text_problem() accepts, and such text with at least one non-space character.
STORABLE_PATTERN = f"^[^{_UNSTORABLE}]*$"
STORABLE_WORD_PATTERN = f"^[^{_UNSTORABLE}]*[^\\s{_UNSTORABLE}][^{_UNSTORABLE}]*$"

# Scripts whose letters look alike (Latin "a", Cyrillic "а", Greek "α"): a name mixing them
# can impersonate another one.
CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored (a message in the user's language), or None."""
    if "\x00" in text:
        return _("The text contains a NUL character (U+0000); remove it and try again.")
    if _SURROGATE.search(text):
        return _("The text contains an invalid character (a lone UTF-16 surrogate).")
    control = _CONTROL.search(text)
    if control:
        return _(
            "The text contains a control character (U+%(code)s); remove it and try again.",
            code=f"{ord(control.group()):04X}",
        )
    return None


def normalize(text: str) -> str:
    """The NFC form, so that "é" typed two ways is stored, searched and compared as one."""
    return unicodedata.normalize("NFC", text)


def scripts(text: str) -> set[str]:
    """The confusable scripts the letters of ``text`` belong to."""
    found = set()
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            if script in CONFUSABLE_SCRIPTS:
                found.add(script)
    return found


def is_mixed_script(text: str) -> bool:
    """True when letters of more than one confusable script are mixed, as in "аdmin"."""
    return len(scripts(text)) > 1


class DatabaseIntConverter(IntegerConverter):
    """``<int:...>`` in URLs, up to the largest id the database holds: a longer number is an
    unknown page (404) rather than an integer overflow in the database driver (500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False) -> None:
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)


def init_app(app: Flask) -> None:
    """Check and NFC-normalize every form field and query parameter before any view runs;
    bound the numbers in URLs and refuse path names no row can have (404). Call before the
    blueprints are registered."""
    app.url_map.converters["int"] = DatabaseIntConverter
    app.before_request(_clean_request)


def _clean_request():
    if (request.endpoint or "").startswith("api.") or request.path.startswith("/api/"):
        return None  # the JSON API validates its own bodies (and answers errors in JSON)
    if any(isinstance(v, str) and text_problem(v) for v in (request.view_args or {}).values()):
        abort(404)  # no slug or tag has such a name (and PostgreSQL could not even look it up)
    problem = _undecodable_form() or _json_problem()
    for values in (request.args, request.form, request.files):
        for key, value in values.items(multi=True):
            if key is None:  # a multipart part without a name
                problem = problem or _("The form could not be read: a field has no name.")
            else:
                problem = problem or text_problem(key)
            if isinstance(value, str):  # every value, not only the first of each name
                problem = problem or text_problem(value)
    if problem:
        return render_template("input_rejected.html", message=problem), 400
    request.args = _normalized(request.args)
    request.form = _normalized(request.form)
    return None


def _json_problem() -> str | None:
    """Flask-WTF reads a JSON body as the form: check its strings as form fields are."""
    if not request.is_json:
        return None
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        return _("The JSON document is nested too deeply.")
    if data is not None and not isinstance(data, dict):
        # Flask-WTF turns the body into form fields: only an object has fields (a bare
        # number or list made it raise TypeError: 500).
        return _("The form could not be read: send its fields as a JSON object.")
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and text_problem(value):
            return text_problem(value)
    return None


def _undecodable_form() -> str | None:
    """Werkzeug replaces invalid UTF-8 (an encoded lone surrogate too) with U+FFFD; refuse it."""
    if request.mimetype != "application/x-www-form-urlencoded":
        return None
    body = request.get_data(cache=True).decode("latin-1")
    try:
        parse_qsl(body, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return _("The text contains an invalid character (a lone UTF-16 surrogate).")
    return None


def _normalized(values: MultiDict) -> MultiDict:
    if all(unicodedata.is_normalized("NFC", value) for value in values.values()):
        return values
    return ImmutableMultiDict([(key, normalize(value)) for key, value in values.items(multi=True)])
