"""Glossary forms found in a text in time independent of the glossary's size.

One character trie per glossary (built once, then cached) is walked from each place a
word may start, so a sentence costs the same with 10 terms as with 10,000: at most
``len(text) * longest form`` steps, whatever the number of forms. Matching is
case-insensitive (each character case-folded on its own, as ``re.I`` compares them) and
on word edges that the caller chooses (see :data:`LETTERS`, :data:`WORD`, :data:`SNAKE`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

_END = ""  # trie key of the values of a form ending at this node (characters are never "")
_CACHE_SIZE = 32


def _fold_char(ch: str) -> str:
    folded = ch.casefold()
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


def fold(text: str) -> str:
    """The text case-folded character by character: same length, same offsets."""
    folded = text.casefold()
    if len(folded) == len(text):  # no character folded to several (no "ß")
        return folded
    return "".join(map(_fold_char, text))


def _alnum(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _wordy(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


# Word edges: (may a form start at i, may a form end at j) in ``text``.
Edges = tuple[Callable[[str, int], bool], Callable[[str, int], bool]]
#: Letters and digits are word characters, "_" (Markdown emphasis) is not: ``(?<![^\W_])``.
LETTERS: Edges = (lambda t, i: not _alnum(t, i - 1), lambda t, j: not _alnum(t, j))
#: ``\w`` edges: letters, digits and "_" continue a word: ``(?<!\w)`` ... ``(?!\w)``.
WORD: Edges = (lambda t, i: not _wordy(t, i - 1), lambda t, j: not _wordy(t, j))
#: Emphasis "_" may touch a term (``_city council_``), a snake_case word may not continue it.
SNAKE: Edges = (
    lambda t, i: not _alnum(t, i - 1) and not (t[i - 1 : i] == "_" and _alnum(t, i - 2)),
    lambda t, j: not _alnum(t, j) and not (t[j : j + 1] == "_" and _alnum(t, j + 1)),
)


class TermIndex:
    """Forms, each with a value, found case-insensitively on word edges."""

    def __init__(self, forms: Iterable[tuple[str, Any]], edges: Edges = LETTERS) -> None:
        self.edges = edges
        self.root: dict = {}
        for form, value in forms:
            if not form.strip():
                continue
            node = self.root
            for ch in fold(form):
                node = node.setdefault(ch, {})
            node.setdefault(_END, []).append(value)

    def __bool__(self) -> bool:
        return bool(self.root)

    def _starts(self, folded: str, text: str) -> Iterable[int]:
        can_start = self.edges[0]
        first = self.root
        return (i for i, ch in enumerate(folded) if ch in first and can_start(text, i))

    def _walk(self, folded: str, text: str, i: int) -> Iterable[tuple[int, list]]:
        """(end, values) of every form that starts at ``i`` and ends on a word edge."""
        can_end = self.edges[1]
        node, j, n = self.root, i, len(folded)
        while j < n:
            node = node.get(folded[j])
            if node is None:
                return
            j += 1
            if _END in node and can_end(text, j):
                yield j, node[_END]

    def find_all(self, text: str) -> list[tuple[int, int, Any]]:
        """Every occurrence of every form (overlapping ones too), by start then length."""
        folded, found = fold(text), []
        for i in self._starts(folded, text):
            for j, values in self._walk(folded, text, i):
                found += [(i, j, value) for value in values]
        return found

    def scan(self, text: str) -> list[tuple[int, int, Any]]:
        """Leftmost-longest occurrences that do not overlap (a regex alternation of the
        forms, longest first); the value is the first one given for the form."""
        folded, found, reach = fold(text), [], 0
        for i in self._starts(folded, text):
            if i < reach:
                continue
            longest = None
            for j, values in self._walk(folded, text, i):
                longest = (i, j, values[0])
            if longest:
                found.append(longest)
                reach = longest[1]
        return found

    def values_in(self, text: str) -> set:
        """The values of the forms that occur in ``text``."""
        return {value for _i, _j, value in self.find_all(text)}

    def blank(self, text: str, by: str = " ") -> str:
        """``text`` with occurrences replaced by ``by``: longest first, then leftmost, never
        overlapping one already replaced (what replacing form after form, longest first,
        does)."""
        chosen: list[tuple[int, int]] = []
        used = bytearray(len(text) + 1)
        for i, j, _value in sorted(self.find_all(text), key=lambda m: (m[0] - m[1], m[0])):
            if not any(used[i:j]):
                used[i:j] = b"\x01" * (j - i)
                chosen.append((i, j))
        out, pos = [], 0
        for i, j in sorted(chosen):
            out += [text[pos:i], by]
            pos = j
        out.append(text[pos:])
        return "".join(out)


_by_identity: OrderedDict[tuple, tuple[object, int, TermIndex]] = OrderedDict()
_by_content: OrderedDict[tuple, TermIndex] = OrderedDict()


def cached_index(
    glossary: Sequence, purpose: Hashable, build: Callable[[Sequence], TermIndex]
) -> TermIndex:
    """The index ``build(glossary)`` for ``purpose``, built once per glossary: the same
    sequence object (not changed in length since) or an equal one reuse it."""
    key = (purpose, id(glossary))
    hit = _by_identity.get(key)
    if hit is not None and hit[0] is glossary and hit[1] == len(glossary):
        _by_identity.move_to_end(key)
        return hit[2]
    try:
        content: tuple | None = (purpose, tuple(glossary))
        hash(content)
    except TypeError:  # unhashable items: cache by identity only
        content = None
    index = _by_content.get(content) if content is not None else None
    if index is None:
        index = build(glossary)
        if content is not None:
            _by_content[content] = index
            if len(_by_content) > _CACHE_SIZE:
                _by_content.popitem(last=False)
    _by_identity[key] = (glossary, len(glossary), index)
    if len(_by_identity) > _CACHE_SIZE:
        _by_identity.popitem(last=False)
    return index
