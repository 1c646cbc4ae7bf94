"""What "Apply the suggested fixes" changes: a before/after with visible no-break spaces,
and whether the change is typography only (spaces, quotes, dashes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from newsdesk.review import diff, qa

#: Invisible spaces shown as a mark in the preview (and only there).
MARKED_SPACES = {"\u00a0": _l("No-break space"), "\u202f": _l("Narrow no-break space")}
MARK = "⍽"
_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟\"‘’‚'"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]++")


@dataclass(frozen=True)
class Preview:
    """A sentence before and after the one-click fixes."""

    before: Markup
    after: Markup
    fixed: str
    typography_only: bool


def _marked(text: str) -> Markup:
    """The text escaped, each no-break space as a visible mark with a title."""
    out = []
    for char in text:
        if char in MARKED_SPACES:
            out.append(
                Markup('<span class="nbsp" title="{}">{}</span>').format(MARKED_SPACES[char], MARK)
            )
        else:
            out.append(escape(char))
    return Markup("").join(out)


def _side(pieces: list[diff.Piece], keep: str, tag: str) -> Markup:
    out = []
    for piece in pieces:
        if piece.op == "equal":
            out.append(_marked(piece.text))
        elif piece.op == keep:
            out.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), _marked(piece.text)))
    return Markup("").join(out)


def typography_only(before: str, after: str) -> bool:
    """Do the texts differ only in spaces, quote marks and dashes?"""

    def core(text: str) -> str:
        return _SPACES.sub("", text.translate(_QUOTES).translate(_DASHES))

    return core(before) == core(after)


def preview(target: str, target_lang: str) -> Preview | None:
    """The before/after of the one-click fixes, or None when they change nothing."""
    fixed = qa.fix_all(target, target_lang)
    if fixed == target:
        return None
    pieces = diff.word_diff(target, fixed)
    return Preview(
        before=_side(pieces, "delete", "del"),
        after=_side(pieces, "insert", "ins"),
        fixed=fixed,
        typography_only=typography_only(target, fixed),
    )
