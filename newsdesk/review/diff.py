"""Readable word-level differences between two texts (sentences, revisions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    op: str  # equal | delete | insert
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The words of ``old`` and ``new`` as equal, deleted and inserted pieces.

    Changes separated only by whitespace are shown as one change ("<del>a b</del><ins>c
    d</ins>" rather than "<del>a</del><ins>c</ins> <del>b</del><ins>d</ins>").
    """
    a, b = _tokens(old), _tokens(new)
    codes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[Piece] = []
    deleted, inserted = [], []

    def flush() -> None:
        pieces.extend([Piece("delete", "".join(deleted)), Piece("insert", "".join(inserted))])
        deleted.clear()
        inserted.clear()

    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op != "equal":
            deleted += a[i1:i2]
            inserted += b[j1:j2]
            continue
        text = "".join(a[i1:i2])
        between = (deleted or inserted) and n + 1 < len(codes) and not text.strip()
        if between:
            deleted.append(text)
            inserted.append(text)
            continue
        flush()
        pieces.append(Piece("equal", text))
    flush()
    return _merge(pieces)


def text_diff(old: str, new: str) -> list[Piece]:
    """A diff of long texts: paragraphs (lines) first, words within changed lines."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
        elif op == "replace":
            pieces += word_diff("".join(a[i1:i2]), "".join(b[j1:j2]))
        elif op == "delete":
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        else:
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return _merge(pieces)


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def to_html(pieces: list[Piece]) -> Markup:
    """``<del>``/``<ins>`` markup for a diff (escaped; safe to output)."""
    out = []
    for piece in pieces:
        text = escape(piece.text)
        if piece.op == "delete":
            out.append(Markup("<del>{}</del>").format(text))
        elif piece.op == "insert":
            out.append(Markup("<ins>{}</ins>").format(text))
        else:
            out.append(text)
    return Markup("").join(out)


def changed(pieces: list[Piece]) -> bool:
    return any(piece.op != "equal" for piece in pieces)
