"""Russian typography fixes offered with one click: quotes, dashes, no-break spaces."""

from __future__ import annotations

import re

NBSP = "\u00a0"

_STRAIGHT_QUOTED = re.compile(r"\"([^\"\n]+)\"")
_CURLY_QUOTED = re.compile(r"“([^“”\n]+)”")
_DASH = re.compile(r"[ \t\u00a0]+(?:-|–|—|--)[ \t\u00a0]+")
_YEAR = re.compile(r"(\d)[ \t]+(гг?\.)")
_INITIALS_FIRST = re.compile(r"(?<!\w)([А-ЯЁ]\.)[ \t]*([А-ЯЁ]\.)?[ \t]+(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(
    r"(?<![\w.])([А-ЯЁ][а-яё]+)[ \t]+([А-ЯЁ]\.)(?:[ \t\u00a0]*([А-ЯЁ]\.))?"
    r"(?![ \t\u00a0]*[А-ЯЁ](?:[а-яё]|\.))"
)
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u202f]\d{3})+(?![\d])")
_URL_OR_CODE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^<>]*>|https?://\S+")


def _outside_code(text: str, change) -> str:
    """Apply ``change`` to the text between code spans, link targets, tags and URLs."""
    out, pos = [], 0
    for match in _URL_OR_CODE.finditer(text):
        out += [change(text[pos : match.start()]), match.group()]
        pos = match.end()
    out.append(change(text[pos:]))
    return "".join(out)


def _initials(match: re.Match[str]) -> str:
    return NBSP.join(g for g in match.groups() if g) + NBSP


def _initials_after(match: re.Match[str]) -> str:
    return NBSP.join(g for g in match.groups() if g)


def _fix(text: str) -> str:
    text = _STRAIGHT_QUOTED.sub(r"«\1»", text)
    text = _CURLY_QUOTED.sub(r"«\1»", text)
    text = _DASH.sub(NBSP + "— ", text)
    text = _YEAR.sub(r"\1" + NBSP + r"\2", text)
    text = _INITIALS_FIRST.sub(_initials, text)
    return _INITIALS_AFTER.sub(_initials_after, text)


def fix(text: str) -> str:
    """«ёлочки» for straight and curly double quotes, an em dash with a no-break space
    before it for a spaced hyphen or en dash, a no-break space before «г.»/«гг.» and
    between initials and a surname."""
    return _outside_code(text, _fix)


def group_digits(text: str) -> str:
    """Digit groups of large numbers separated by no-break spaces (1 000 000)."""

    def change(part: str) -> str:
        return _DIGIT_GROUPS.sub(lambda m: re.sub(r"[ \u202f]", NBSP, m.group()), part)

    return _outside_code(text, change)
