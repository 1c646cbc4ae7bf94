"""Revision notes in the reader's interface language.

Notes are stored in one canonical English form (``sentence 4``, ``sentences 1–3, 7``,
``machine translation (model 1.0)``, …): the key and its parameters. :func:`note_text`
renders a known form through gettext at display time; any other note, such as one typed by
hand or an older form, is shown as it was stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from newsdesk.stories.history import parse_numbers

_MODEL = r" \(([^()]{0,200}+)\)"
_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"created"), lambda m: _("created")),
    (re.compile(r"whole text edited"), lambda m: _("whole text edited")),
    (re.compile(r"aligned for sentence review"), lambda m: _("aligned for sentence review")),
    (
        re.compile(r"aligned with the changed source"),
        lambda m: _("aligned with the changed source"),
    ),
    (
        re.compile(r"restored version ([0-9]++)"),
        lambda m: _("restored version %(number)s", number=m.group(1)),
    ),
    (
        re.compile(r"sentences? ([0-9]++(?:[–,] ?[0-9]++)*+)"),
        lambda m: ngettext(
            "sentence %(numbers)s",
            "sentences %(numbers)s",
            len(parse_numbers(m.group(1))),
            numbers=m.group(1),
        ),
    ),
    (
        re.compile(r"machine translation" + _MODEL),
        lambda m: _("machine translation (%(model)s)", model=m.group(1)),
    ),
    (
        re.compile(r"machine translation of ([0-9]++) changed sentences" + _MODEL),
        lambda m: ngettext(
            "machine translation of %(num)d changed sentence (%(model)s)",
            "machine translation of %(num)d changed sentences (%(model)s)",
            int(m.group(1)),
            model=m.group(2),
        ),
    ),
]


def note_text(note: str | None) -> str:
    """A stored revision note as the current interface language says it."""
    for pattern, render in _FORMS:
        match = pattern.fullmatch(note or "")
        if match is not None:
            return render(match)
    return note or ""
