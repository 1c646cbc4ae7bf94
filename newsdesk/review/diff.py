"""Readable word-level differences between two texts (sentences, revisions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
#: Token pairs compared at most in the changed middle of two texts (100 x 100).
MAX_PAIRS = 10_000


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
    codes = _opcodes(a, b)
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
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
        elif op == "replace":
            pieces += word_diff("".join(a[i1:i2]), "".join(b[j1:j2]))
        elif op == "delete":
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        else:
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return _merge(pieces)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes with a bound on work: the common head and tail are
    equal as they are, and a changed middle with more than :data:`MAX_PAIRS` token pairs
    is one replacement (matching is quadratic, and worse on repeated tokens)."""
    n, m = len(a), len(b)
    head = 0
    while head < min(n, m) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(n, m) - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    codes = [("equal", 0, head, 0, head)] if head else []
    middle_a, middle_b = a[head : n - tail], b[head : m - tail]
    if len(middle_a) * len(middle_b) <= MAX_PAIRS:
        matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        codes += [
            (op, i1 + head, i2 + head, j1 + head, j2 + head)
            for op, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    elif middle_a or middle_b:
        codes.append(("replace", head, n - tail, head, m - tail))
    if tail:
        codes.append(("equal", n - tail, n, m - tail, m))
    return codes


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent pieces of one kind as one piece (joined once: linear in their number)."""
    runs: list[tuple[str, list[str]]] = []
    for piece in pieces:
        if not piece.text:
            continue
        if runs and runs[-1][0] == piece.op:
            runs[-1][1].append(piece.text)
        else:
            runs.append((piece.op, [piece.text]))
    return [Piece(op, "".join(texts)) for op, texts in runs]


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
