"""Check the numbers, dates and times of an MT output against the source, and mend them.

The engine sees numbers as the source wrote them (a model copies ``12 October`` or
``1500`` far better than a placeholder it never saw), so nothing is put back blindly:
each source unit (:class:`.locale_forms.Form`) is looked for in the output, in order of
confidence, and only what is missing is repaired:

1. its target-language spelling (``3,5``, ``14 ноября 2024 г.``) — kept;
2. the source's own spelling copied through (``3.5`` or ``£20`` in Russian) — converted;
3. any other spelling with the same meaning that the model chose (``14 ноября 2024
   года``) — kept as the model wrote it;
4. the same digits with something lost around them (the sign of ``−5``, the dash of
   ``10–12``, the brackets of a phone number) — replaced by the whole unit, flagged;
5. nowhere — inserted between words where it stood in the source, flagged.

A repair replaces a whole span or goes between words with spaces around it: it never
glues two numbers or a number and a word together. Each step scans the output once, so
the cost is linear in the output's length for each unit.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.machine_translation.form_patterns import month_names
from newsdesk.machine_translation.locale_forms import Form, find_forms

_DIGITS = re.compile(r"\d+")
# What may stand between the digit groups of one unit in an output: a few characters of
# punctuation and spaces (a dash, brackets, a sign, a thousands separator).
_GAP = re.compile(r"[\s\-–—−+().,:/×xх*'’]{1,4}")
_MONTHS = re.compile(
    "|".join(
        re.escape(m)
        for m in sorted({*month_names("en"), *month_names("ru")}, key=len, reverse=True)
    )
)
_DATE_GAP = re.compile(rf"[\s.,]{{0,3}}(?:{_MONTHS.pattern})\.?[\s.,]{{0,3}}", re.I)
_MONTH_BEFORE = re.compile(rf"(?<!\w)(?:{_MONTHS.pattern})\.?[\s,]{{0,3}}$", re.I)
_MONTH_AFTER = re.compile(rf"[\s,]{{0,3}}(?:{_MONTHS.pattern})(?!\w)\.?", re.I)
_SIGNS = "−+±-–"


@dataclass(frozen=True)
class LiteralUnit:
    """A unit of the source sentence sent to the engine as written: its form and target."""

    form: Form
    target: str  # the form written in the target language
    offset: int  # where it starts in the engine's input


@dataclass(frozen=True)
class FormsRestored:
    text: str
    repaired: bool  # a unit had to be mended or inserted
    guessed: bool  # a unit was nowhere in the output: inserted by its source position


def restore_forms(
    output: str,
    literals: Sequence[LiteralUnit],
    source: str,
    target: str,
    protected: Sequence[tuple[int, int]] = (),
) -> FormsRestored:
    """Find every literal unit in ``output`` and mend what is missing (see module doc).

    ``source`` is the engine's input; ``protected`` spans of the output (placeholders)
    are never taken for a unit."""
    if not literals:
        return FormsRestored(output, False, False)
    found = list(find_forms(output, target)) if target else []
    used_forms: set[int] = set()
    claimed = bytearray(len(output))
    for start, end in protected:
        _claim(claimed, start, end)
    edits: list[tuple[int, int, str]] = []
    missing: list[LiteralUnit] = []
    repaired = False
    runs = _Runs(output, target or "en")
    # Where to look next for each needle, and the found forms by meaning: claims only grow,
    # so nothing passed over is looked at again (per unit it was quadratic, issue 13).
    resume: dict[str, int] = {}
    by_key: dict[object, deque[int]] = {}
    for n, candidate in enumerate(found):
        by_key.setdefault(candidate.key, deque()).append(n)
    for literal in literals:
        form = literal.form
        span = _find_text(output, literal.target, claimed, resume)
        if span is not None:
            _claim(claimed, *span)
            continue
        span = _find_text(output, form.text, claimed, resume)  # copied through: convert it
        if span is None:
            span = _same_meaning(form, found, by_key, used_forms, claimed)
            if span is not None:  # the model's own spelling of the same value: keep it
                _claim(claimed, *span)
                continue
            span = runs.find(form, claimed)
            repaired = repaired or span is not None
        if span is not None:
            _claim(claimed, *span)
            edits.append((span[0], span[1], literal.target))
        else:
            missing.append(literal)
    text = _apply(output, edits)
    for literal in missing:
        units = [unit.target for unit in literals]
        text = insert_between_words(text, literal.target, _where(literal, source), target, units)
    return FormsRestored(text, repaired or bool(missing), bool(missing))


_WORDY = re.compile(r"[^\W_]")


def _where(literal: LiteralUnit, source: str) -> float:
    """Where the unit stood in the engine's input: 0.0 first, 1.0 last (punctuation aside)."""
    end = literal.offset + len(literal.form.text)
    if not _WORDY.search(source, end):
        return 1.0
    if not _WORDY.search(source, 0, literal.offset):
        return 0.0
    return literal.offset / max(len(source), 1)


def _claim(claimed: bytearray, start: int, end: int) -> None:
    claimed[start:end] = b"\x01" * (end - start)


def _find_text(
    text: str, needle: str, claimed: bytearray, resume: dict[str, int]
) -> tuple[int, int] | None:
    """The first unclaimed occurrence of ``needle`` not inside a longer number or word
    (the caller claims it); ``resume`` remembers where the next search starts."""
    if not needle:
        return None
    at = text.find(needle, resume.get(needle, 0))
    while at >= 0:
        end = at + len(needle)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        glued = (before.isalnum() and needle[0].isalnum()) or (
            after.isalnum() and needle[-1].isalnum() and (after.isdigit() or needle[-1].isalpha())
        )
        if not glued and not any(claimed[at:end]):
            resume[needle] = at + 1
            return at, end
        at = text.find(needle, at + 1)
    resume[needle] = len(text)
    return None


def _same_meaning(
    form: Form,
    found: list[Form],
    by_key: dict[object, deque[int]],
    used: set[int],
    claimed: bytearray,
) -> tuple[int, int] | None:
    """The first found form with the unit's meaning, not used and not claimed (those
    passed over never become usable again, so they are dropped from ``by_key``)."""
    candidates = by_key.get(form.key, deque())
    while candidates:
        n = candidates.popleft()
        candidate = found[n]
        if n not in used and not any(claimed[candidate.start : candidate.end]):
            used.add(n)
            return candidate.start, candidate.end
    return None


class _Runs:
    """The output's digit runs, indexed by their digits, to find a unit's digits fast."""

    def __init__(self, text: str, target: str) -> None:
        self.text, self.target = text, target
        self.runs = [(m.start(), m.end(), m.group()) for m in _DIGITS.finditer(text)]
        self.by_digits: dict[str, list[int]] = {}
        for n, (_start, _end, digits) in enumerate(self.runs):
            self.by_digits.setdefault(digits, []).append(n)

    def find(self, form: Form, claimed: bytearray) -> tuple[int, int] | None:
        """The span of consecutive digit runs spelling the unit's digits, with what was
        written around them (a sign, a month name, a unit) taken in."""
        groups = _DIGITS.findall(form.text)
        core = "".join(groups)
        if not core:
            return None
        dated = form.kind == "date"
        for prefix_end in range(1, len(core) + 1):
            for first in self.by_digits.get(core[:prefix_end], ()):
                span = self._extend(first, core, prefix_end, dated, claimed)
                if span is not None:
                    return self._widen(span, form, dated)
        return None

    def _extend(
        self, first: int, core: str, have: int, dated: bool, claimed: bytearray
    ) -> tuple[int, int] | None:
        start, end, _digits = self.runs[first]
        if any(claimed[start:end]):
            return None
        n = first
        while have < len(core):
            n += 1
            if n >= len(self.runs):
                return None
            gap = self.text[end : self.runs[n][0]]
            if not (_GAP.fullmatch(gap) or (dated and _DATE_GAP.fullmatch(gap))):
                return None
            digits = self.runs[n][2]
            if not core.startswith(digits, have) or any(claimed[self.runs[n][0] : self.runs[n][1]]):
                return None
            have += len(digits)
            end = self.runs[n][1]
        return start, end

    def _widen(self, span: tuple[int, int], form: Form, dated: bool) -> tuple[int, int]:
        start, end = span
        text = self.text
        if dated:
            head = _MONTH_BEFORE.search(text, max(0, start - 24), start)
            start = head.start() if head else start
            tail = _MONTH_AFTER.match(text, end)
            end = tail.end() if tail else end
            return start, end
        if start and text[start - 1] in _SIGNS and (start < 2 or not text[start - 2].isalnum()):
            start -= 1
        for candidate in find_forms(text[start : min(len(text), end + 12)], self.target):
            if candidate.start == 0 and candidate.kind in ("unit", "percent", "money"):
                end = max(end, start + candidate.end)
        return start, end


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        out += [text[pos:start], replacement]
        pos = end
        if replacement.endswith(".") and text.startswith(".", end):
            pos += 1  # "Dec. 5, 2024." became "5 декабря 2024 г.": one period
    out.append(text[pos:])
    return "".join(out)


_SPACE = re.compile(r"\s")
_TAIL = re.compile(r"(?<![\s.!?…»\"”’')\]])[\s.!?…»\"”’')\]]*+$")  # linear: run starts only
_HEAD = re.compile(r"[\s«\"“‘'(\[]*")


def insert_between_words(
    text: str, piece: str, fraction: float, lang: str = "", units: Sequence[str] = ()
) -> str:
    """``piece`` put into ``text`` at about ``fraction`` of its length, between words,
    with a space on each side (after opening quotes at 0, before final punctuation at 1);
    never inside a number, date or time of ``lang`` already in the text."""
    if fraction <= 0.02:
        cut = _HEAD.match(text).end()
    elif fraction >= 0.98:
        tail = _TAIL.search(text)
        cut = outside_units(text, tail.start() if tail else len(text), lang, units)
    else:
        cut = nearest_space(text, round(fraction * len(text)), lang, units)
    left, right = text[:cut], text[cut:]
    if left and not left[-1].isspace() and left[-1] not in "«\"“‘'([":
        left += " "
    if right and not right[0].isspace() and right[0] not in ".,;:!?…»\"”’')]":
        right = " " + right
    if piece.endswith(".") and right.startswith("."):
        right = right[1:]  # "… 2024 г." at the end of a sentence: one period
    return left + piece + right


def _unit_spans(text: str, lang: str, units: Sequence[str]) -> list[tuple[int, int]]:
    """Where numbers, dates and times of ``lang`` and the given ``units`` stand in ``text``."""
    spans = [(form.start, form.end) for form in find_forms(text, lang)] if lang else []
    for unit in dict.fromkeys(units):
        at = text.find(unit) if unit else -1
        while at >= 0:
            spans.append((at, at + len(unit)))
            at = text.find(unit, at + len(unit))
    return spans


def nearest_space(text: str, goal: int, lang: str = "", units: Sequence[str] = ()) -> int:
    """The white space of ``text`` nearest to ``goal`` that is not inside a number, date
    or time of ``lang`` (``14 ноября 2024 г.``, ``12,5 %``) nor inside one of ``units``
    (the sentence's own numbers as restored); else the start or the end."""
    inside = bytearray(len(text) + 1)
    for start, end in _unit_spans(text, lang, units):
        inside[start + 1 : end] = b"\x01" * (end - start - 1)
    spaces = [m.start() for m in _SPACE.finditer(text) if not inside[m.start()]]
    return min([*spaces, 0, len(text)], key=lambda p: (abs(p - goal), p))


def outside_units(text: str, cut: int, lang: str = "", units: Sequence[str] = ()) -> int:
    """``cut`` moved to the end of the number or date it would split (``2024 г|.``)."""
    for start, end in _unit_spans(text, lang, units):
        if start < cut < end:
            return end
    return cut
