"""Text hygiene for everything users type: NFC, no NUL or lone surrogates, no mixed scripts."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qsl

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

# Scripts whose letters look alike (Latin "a", Cyrillic "а", Greek "α"): a name mixing them
# can impersonate another one.
CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored (a message in the user's language), or None."""
    if "\x00" in text:
        return _("The text contains a NUL character (U+0000); remove it and try again.")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return _("The text contains an invalid character (a lone UTF-16 surrogate).")
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


def init_app(app: Flask) -> None:
    """Check and NFC-normalize every form field and query parameter before any view runs."""
    app.before_request(_clean_request)


def _clean_request():
    if request.endpoint and request.endpoint.startswith("api."):
        return None  # the JSON API validates its own bodies
    problem = _undecodable_form()
    for values in (request.args, request.form):
        for value in values.values():
            problem = problem or text_problem(value)
    if problem:
        return render_template("input_rejected.html", message=problem), 400
    request.args = _normalized(request.args)
    request.form = _normalized(request.form)
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
