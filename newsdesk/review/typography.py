"""Russian typography fixes offered with one click: quotes, dashes, no-break spaces."""

from __future__ import annotations

import re

NBSP = "\u00a0"

# Every pattern is linear in the text's length (issue 13): runs are possessive (``*+``,
# ``++``), and a run of spaces is entered only at its first character, so no position of a
# long run is tried again and again.
_STRAIGHT_QUOTED = re.compile(r"\"([^\"\n]++)\"")
_CURLY_QUOTED = re.compile(r"“([^“”\n]++)”")
_DASH = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]++(?:-|–|—|--)[ \t\u00a0]++")
_YEAR = re.compile(r"(\d)[ \t]++(гг?\.)")
_INITIALS_FIRST = re.compile(r"(?<!\w)([А-ЯЁ]\.)(?:[ \t]*+([А-ЯЁ]\.))?[ \t]++(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(
    r"(?<![\w.])([А-ЯЁ][а-яё]++)[ \t]++([А-ЯЁ]\.)(?:[ \t\u00a0]*+([А-ЯЁ]\.))?"
    r"(?![ \t\u00a0]*+[А-ЯЁ](?:[а-яё]|\.))"
)
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u202f]\d{3})+(?![\d])")
# What may start a code span, a link target, a tag or a URL (see _protected()).
_OPENER = re.compile(r"`|\]\(|<|https?://")
_URL_REST = re.compile(r"\S+")
_ANGLES = re.compile(r"[<>]")


def _protected(text: str) -> list[tuple[int, int]]:
    r"""Spans of `code`, ](link targets), <tags> and URLs, leftmost first: what the regex
    ``\`[^\`]*\`|\]\([^)]*\)|<[^<>]*>|https?://\S+`` finds, in one pass. An opener
    without its closer means no later opener of that kind has one either (the closer is
    searched to the end once), so no stretch of text is searched twice."""
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()  # kinds with no closer left in the rest of the text
    pos = 0
    while (opener := _OPENER.search(text, pos)) is not None:
        start, kind = opener.start(), opener.group()
        end = -1
        if kind == "`" and kind not in unclosed:
            end = text.find("`", start + 1) + 1
        elif kind == "](" and kind not in unclosed:
            end = text.find(")", start + 2) + 1
        elif kind == "<" and kind not in unclosed:
            angle = _ANGLES.search(text, start + 1)
            end = angle.end() if angle and angle.group() == ">" else 0
            if angle is None:
                unclosed.add(kind)
        elif kind.startswith("http"):
            rest = _URL_REST.match(text, opener.end())
            end = rest.end() if rest else -1
        if end > 0:
            spans.append((start, end))
            pos = end
            continue
        if end == 0 and kind != "<":
            unclosed.add(kind)
        pos = start + 1
    return spans


def _outside_code(text: str, change) -> str:
    """Apply ``change`` to the text between code spans, link targets, tags and URLs."""
    out, pos = [], 0
    for start, end in _protected(text):
        out += [change(text[pos:start]), text[start:end]]
        pos = end
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
