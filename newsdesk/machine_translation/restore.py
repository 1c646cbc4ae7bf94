"""Put masked tokens back into an MT output, repairing what the model did to placeholders.

Deterministic repairs: an invented or duplicated placeholder is removed; a dropped one is
re-inserted where it was in the source (proportionally, between words; at the start or
the end if it was there); markup closed before it was opened is put back in source
order. Reordered atoms (numbers, names) are legitimate word order and are kept. A
lower-case glossary term that ends up first in a sentence gets a capital (:mod:`.casing`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import casing
from .mask import PLACEHOLDER, PLACEHOLDER_RE, MaskedSentence, Slot

# Entered only where a run starts (a run not at the end was read again from each of its
# positions: quadratic, issue 13).
_TAIL = re.compile(r"(?<![\s.!?…»\"”’')\]])[\s.!?…»\"”’')\]]*+$")
_HEAD = re.compile(r"[\s«\"“‘'(\[]*")


@dataclass(frozen=True)
class Restored:
    """An MT output with its placeholders put back."""

    text: str
    repaired: bool  # placeholders were dropped, duplicated, invented or crossed
    verified: bool  # every token's target form is present


def restore(masked: MaskedSentence, output: str) -> Restored:
    """Put the tokens back into an MT ``output``, repairing damaged placeholders."""
    slots = masked.slots
    items: list[str | int] = []  # text, slot number, text, slot number, ..., text
    seen: set[int] = set()
    repaired, pos = False, 0
    for match in PLACEHOLDER_RE.finditer(output):
        number = int(match.group(1)) - 1
        before = output[pos : match.start()]
        if 0 <= number < len(slots) and number not in seen:
            items += [before, number]
            seen.add(number)
        else:  # invented or duplicated: drop it, and one of the spaces around it
            repaired = True
            rest = output[match.end() : match.end() + 1]  # not a copy of the rest per match
            items.append(before.rstrip() if not rest or rest[0].isspace() else before)
        pos = match.end()
    items.append(output[pos:])
    items = _alternate(items)
    for number in range(len(slots)):
        if number in seen:
            continue
        repaired = True
        previous = slots[number - 1] if number else None
        gap = masked.text[previous.offset : slots[number].offset] if previous else "x"
        if number - 1 not in seen and PLACEHOLDER_RE.fullmatch(gap.strip()):
            # It was right after the previous (also re-inserted) one: keep them together.
            at = items.index(number - 1)
            items[at + 1 : at + 1] = [" ", number]
        else:
            items = _insert(items, number, _where(masked, number))
    if not _well_nested(items, slots):
        repaired = True
        paired = [
            n for n, item in enumerate(items) if isinstance(item, int) and slots[item].mate >= 0
        ]
        for position, number in zip(paired, sorted(items[p] for p in paired), strict=True):
            items[position] = number
    text, targets = _render(items, masked)
    verified = all(text.count(t) >= targets.count(t) for t in set(targets))
    return Restored(text, repaired, verified)


def _alternate(items: list[str | int]) -> list[str | int]:
    """Normalise to text, slot, text, ..., text (merging adjacent texts)."""
    out: list[str | int] = [""]
    for item in items:
        if isinstance(item, str):
            out[-1] = str(out[-1]) + item
        else:
            out += [item, ""]
    return out


def _where(masked: MaskedSentence, number: int) -> float:
    """Where slot ``number`` was in the masked source: 0.0 at the start, 1.0 at the end."""
    offset = masked.slots[number].offset
    after = PLACEHOLDER_RE.sub("", masked.text[offset + len(PLACEHOLDER.format(number + 1)) :])
    if not re.search(r"\w", after):
        return 1.0
    if not re.search(r"\w", PLACEHOLDER_RE.sub("", masked.text[:offset])):
        return 0.0
    return offset / len(masked.text)


def _insert(items: list[str | int], number: int, fraction: float) -> list[str | int]:
    """Re-insert a dropped placeholder at about ``fraction`` of the output, between words.

    At 0.0 it goes after any opening quotes, at 1.0 before the final punctuation.
    """
    if fraction >= 1.0:
        tail = _TAIL.search(str(items[-1]))
        return _split_at(
            items, len(items) - 1, tail.start() if tail else len(str(items[-1])), number
        )
    if fraction <= 0.0:
        head = _HEAD.match(str(items[0]))
        return _split_at(items, 0, head.end() if head else 0, number)
    sizes = [
        len(item) if isinstance(item, str) else len(PLACEHOLDER.format(item + 1)) for item in items
    ]
    goal = round(fraction * sum(sizes))
    index, base, offset = len(items) - 1, sum(sizes) - sizes[-1], 0
    for n, item in enumerate(items):
        if isinstance(item, str) and goal <= offset + sizes[n]:
            index, base = n, offset
            break
        offset += sizes[n]
    text = str(items[index])
    local = min(max(goal - base, 0), len(text))
    spaces = [m.start() for m in re.finditer(r"\s", text)] + [0, len(text)]
    return _split_at(items, index, min(spaces, key=lambda p: (abs(p - local), p)), number)


def _split_at(items: list[str | int], index: int, cut: int, number: int) -> list[str | int]:
    """Insert slot ``number`` into the text item ``index`` at ``cut``, as a separate word."""
    text = str(items[index])
    left, right = text[:cut], text[cut:]
    left += " " if left and not left[-1].isspace() and left[-1] not in "«\"“‘'([" else ""
    right = (
        " " if right and not right[0].isspace() and right[0] not in ".,;:!?…»\"”’')]" else ""
    ) + right
    return [*items[:index], left, number, right, *items[index + 1 :]]


def _well_nested(items: list[str | int], slots: Sequence[Slot]) -> bool:
    """Does every closing markup placeholder follow its own opening one?"""
    stack: list[int] = []
    for item in items:
        if isinstance(item, int) and slots[item].mate >= 0:
            if slots[item].token.role == "open":
                stack.append(item)
            elif not stack or stack.pop() != slots[item].mate:
                return False
    return not stack


def _render(items: list[str | int], masked: MaskedSentence) -> tuple[str, list[str]]:
    """Replace slots by their target text, gluing markup to the words it was attached to;
    returns the text and what each slot became."""
    slots = masked.slots
    parts = [item if isinstance(item, str) else "" for item in items]
    for n, item in enumerate(items):
        if isinstance(item, str):
            continue
        slot = slots[item]
        parts[n] = slot.token.target
        if slot.glue_before:
            parts[n - 1] = parts[n - 1].rstrip()
        if slot.glue_after:
            parts[n + 1] = parts[n + 1].lstrip()
        following = items[n + 2] if n + 2 < len(items) else None
        if isinstance(following, int) and slots[following].token.start == slot.token.end:
            if not parts[n + 1].strip():
                parts[n + 1] = ""  # adjacent in the source and still adjacent
        if (
            slot.token.target.endswith(".")
            and not slot.token.text.endswith(".")
            and parts[n + 1].startswith(".")
        ):
            parts[n + 1] = parts[n + 1][1:]  # "2024 г." + "." at the sentence end
    _capitalize_terms(items, parts, masked)
    return "".join(parts), [parts[n] for n, item in enumerate(items) if isinstance(item, int)]


def _capitalize_terms(items: list[str | int], parts: list[str], masked: MaskedSentence) -> None:
    """Give a capital to a lower-case glossary term that begins a target sentence."""
    placed = {n: masked.slots[item] for n, item in enumerate(items) if isinstance(item, int)}
    if not any(slot.token.capitalizable for slot in placed.values()):
        return
    pieces = [placed[n].token if n in placed else parts[n] for n in range(len(items))]
    for (n, slot), where in zip(placed.items(), casing.positions(pieces), strict=True):
        if slot.token.capitalizable and (
            (where == casing.START and masked.sentence_like)
            or (where == casing.AFTER_END and slot.opens_sentence)
        ):
            parts[n] = casing.capitalize_first(parts[n])
