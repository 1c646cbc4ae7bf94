"""Plain scans for what a regex can only find in quadratic time (issue 13).

A regex that looks for a closer (a backtick run, ``-->``) after every opener searches the
rest of the text again for each opener that has none: quadratic in runs of openers.
These scans find the same spans in one pass. Each ``finditer`` object below can stand
where a compiled pattern's ``finditer`` is used for spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_TICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, ticks)`` of each code span: a backtick run, at least one character,
    and the next run of exactly as many backticks (CommonMark), leftmost first; what
    ``(?<!`)(`+)(?!`).+?(?<!`)\\1(?!`)`` (re.S) matches."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    cursor = dict.fromkeys(by_length, 0)  # per length: first run not yet passed
    spans, number = [], 0
    while number < len(runs):
        start, end = runs[number]
        length = end - start
        same = by_length[length]
        while cursor[length] < len(same) and same[cursor[length]] <= number:
            cursor[length] += 1
        if cursor[length] == len(same):
            number += 1  # no closer of this length: the run is plain text
            continue
        closer = same[cursor[length]]
        spans.append((start, runs[closer][1], length))
        number = closer + 1
    return spans


def html_comments(text: str) -> list[tuple[int, int]]:
    """Spans of ``<!-- ... -->``, leftmost first (what ``<!--.*?-->`` with re.S finds)."""
    spans, pos = [], 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break  # no later comment is closed either
        spans.append((start, end + 3))
        pos = end + 3
    return spans


_TAG = re.compile(r"</?[A-Za-z][\w-]*+(?:\s[^<>]*+)?/?>")


def html_spans(text: str) -> list[tuple[int, int]]:
    r"""Inline HTML tags and comments, leftmost first, a tag inside a comment not apart:
    what ``</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->`` (re.S) finds."""
    comments = html_comments(text)
    starts = [start for start, _end in comments]
    spans = list(comments)
    for tag in _TAG.finditer(text):
        at = bisect_right(starts, tag.start()) - 1
        if at < 0 or comments[at][1] <= tag.start():  # not inside a comment
            spans.append(tag.span())
    return sorted(spans)


def strip_trailing(text: str, chars: str) -> str:
    """``text`` without its trailing whitespace and ``chars`` (what a regex
    ``[\\s<chars>]*$`` removes, in one backward pass)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return text[:end]


@dataclass(frozen=True)
class Span:
    """The part of a ``re.Match`` that span finders give: where it is and its text."""

    string: str
    begin: int
    finish: int

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.string[self.begin : self.finish]


@dataclass(frozen=True)
class Finder:
    """A span scan dressed as a compiled pattern: ``finditer`` gives :class:`Span` objects."""

    scan: Callable[[str], list]

    def finditer(self, text: str) -> Iterator[Span]:
        for found in self.scan(text):
            yield Span(text, found[0], found[1])


CODE = Finder(code_spans)
HTML = Finder(html_spans)
