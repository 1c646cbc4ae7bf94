"""Three-way merge of two saves of one article made from the same base version.

Title and lead merge as whole fields; the body merges paragraph by paragraph (blocks separated
by blank lines), diff3-style: wherever only one side changed a stretch of the base, that
side's text is taken; where both changed it differently, the stretch is a conflict that the
editor settles (keep mine / keep theirs). Paragraph matching uses difflib on the paragraphs'
hashes; an article with more than ``MAX_PARAGRAPHS`` paragraphs is not merged (the editor
resolves by hand), which bounds the work whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

MAX_PARAGRAPHS = 500
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


@dataclass(frozen=True)
class Conflict:
    """A stretch both sides changed: the base's text and each side's."""

    base: str
    mine: str
    theirs: str


@dataclass
class Merged:
    """The merge of one field: pieces of settled text and conflicts, in order."""

    pieces: list[str | Conflict] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Conflict]:
        return [piece for piece in self.pieces if isinstance(piece, Conflict)]

    def text(self, choices: dict[int, str] | None = None, *, separator: str = "\n\n") -> str:
        """The merged text; conflict number ``n`` takes ``choices[n]`` ("mine" or "theirs",
        mine by default)."""
        choices = choices or {}
        out, number = [], 0
        for piece in self.pieces:
            if isinstance(piece, Conflict):
                chosen = piece.theirs if choices.get(number) == "theirs" else piece.mine
                number += 1
                if chosen:
                    out.append(chosen)
            elif piece:
                out.append(piece)
        return separator.join(out)


def paragraphs(text: str) -> list[str]:
    """The blocks of a Markdown body, without the blank lines between them (browsers send
    CRLF line endings: they count as LF)."""
    text = text.replace("\r\n", "\n").strip("\n")
    return [block.strip("\n") for block in _BLANK_LINES.split(text) if block.strip()]


def merge_field(base: str, mine: str, theirs: str) -> Merged:
    """A one-piece field (title, lead): the side that changed it wins; both: a conflict."""
    if mine == theirs or theirs == base:
        return Merged([mine])
    if mine == base:
        return Merged([theirs])
    return Merged([Conflict(base, mine, theirs)])


def _stable(base: list[str], other: list[str]) -> dict[int, int]:
    """Base paragraph index -> the index of the same paragraph in ``other``, where unchanged."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    pairs = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    return pairs


def merge_body(base: str, mine: str, theirs: str) -> Merged | None:
    """diff3 over paragraphs; None when the body is too long to merge."""
    b, m, t = paragraphs(base), paragraphs(mine), paragraphs(theirs)
    if max(len(b), len(m), len(t)) > MAX_PARAGRAPHS:
        return None
    in_mine, in_theirs = _stable(b, m), _stable(b, t)
    anchors = [i for i in range(len(b)) if i in in_mine and i in in_theirs]
    merged = Merged()
    i = j = k = 0  # next base, mine and theirs paragraph not yet placed
    for anchor in [*anchors, None]:
        if anchor is None:
            a_end, m_end, t_end = len(b), len(m), len(t)
        else:
            a_end, m_end, t_end = anchor, in_mine[anchor], in_theirs[anchor]
        _settle(merged, b[i:a_end], m[j:m_end], t[k:t_end])
        if anchor is not None:
            merged.pieces.append(b[anchor])
            i, j, k = anchor + 1, in_mine[anchor] + 1, in_theirs[anchor] + 1
    return merged


def _settle(merged: Merged, base: list[str], mine: list[str], theirs: list[str]) -> None:
    """One stretch between two paragraphs nobody changed. Where both sides kept the number
    of paragraphs, each paragraph settles on its own (edits in place, the usual case)."""
    if len(base) > 1 and len(base) == len(mine) == len(theirs) and mine != base != theirs:
        for one in zip(base, mine, theirs, strict=True):
            _settle(merged, [one[0]], [one[1]], [one[2]])
        return
    if mine == theirs or theirs == base:
        merged.pieces.extend(mine)
    elif mine == base:
        merged.pieces.extend(theirs)
    else:
        merged.pieces.append(Conflict("\n\n".join(base), "\n\n".join(mine), "\n\n".join(theirs)))
