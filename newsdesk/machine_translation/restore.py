"""Put masked tokens back into an MT output, repairing what the model did to placeholders.

Numbers, dates and times were sent as written; :mod:`.restore_forms` finds them in the
output and mends only what is missing. Placeholders get deterministic repairs: an
invented or duplicated placeholder is removed; a dropped one is re-inserted where it was
in the source (proportionally, between words; at the start or the end if it was there);
markup closed before it was opened is put back in source order; a mark left with nothing
inside (``****``, ``[](…)``, ``<abbr></abbr>``) takes in the neighbouring word, so no mark
is ever emptied; two atoms the source kept apart are never glued together. Reordered
atoms (names, links) are legitimate word order and are kept. A lower-case glossary term
that ends up first in a sentence gets a capital (:mod:`.casing`). :func:`verify` then
checks the finished sentence on its own: every token and every number must be in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.machine_translation import casing
from newsdesk.machine_translation.locale_forms import find_forms
from newsdesk.machine_translation.mask import PLACEHOLDER, PLACEHOLDER_RE, MaskedSentence, Slot
from newsdesk.machine_translation.restore_forms import nearest_space, outside_units, restore_forms

# Entered only where a run starts (a run not at the end was read again from each of its
# positions: quadratic, issue 13).
_TAIL = re.compile(r"(?<![\s.!?…»\"”’')\]])[\s.!?…»\"”’')\]]*+$")
_HEAD = re.compile(r"[\s«\"“‘'(\[]*")


@dataclass(frozen=True)
class Restored:
    """An MT output with its placeholders put back."""

    text: str
    repaired: bool  # placeholders or numbers were dropped, duplicated, invented, crossed
    verified: bool  # the finished text has every token and number (see :func:`verify`)


def restore(masked: MaskedSentence, output: str) -> Restored:
    """Put the tokens back into an MT ``output``, repairing damaged placeholders."""
    placeholders = [m.span() for m in PLACEHOLDER_RE.finditer(output)]
    forms = restore_forms(output, masked.literals, masked.text, masked.target, placeholders)
    output = forms.text
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
            items = _insert(items, number, _where(masked, number), masked)
    if not _well_nested(items, slots):
        repaired = True
        paired = [
            n for n, item in enumerate(items) if isinstance(item, int) and slots[item].mate >= 0
        ]
        for position, number in zip(paired, sorted(items[p] for p in paired), strict=True):
            items[position] = number
    repaired = _fill_empty_pairs(items, masked) or repaired
    text = _render(items, masked)
    return Restored(text, repaired or forms.repaired, verify(masked, text))


def verify(masked: MaskedSentence, text: str) -> bool:
    """Does ``text`` hold every token of the source sentence in its target form, and
    every number, date and time with the same meaning? Checked on the text alone."""
    needed: dict[str, int] = {}
    for slot in masked.slots:
        needed[slot.token.target] = needed.get(slot.token.target, 0) + 1
    for target, count in needed.items():
        present = text.count(target)
        if slot_capitalizable(masked, target):
            present += text.count(casing.capitalize_first(target)) if target[:1].islower() else 0
        if present < count:
            return False
    if not masked.literals:
        return True
    keys = [form.key for form in find_forms(text, masked.target)] if masked.target else []
    for literal in masked.literals:
        if literal.form.key in keys:
            keys.remove(literal.form.key)
        elif literal.target not in text:
            return False
    return True


def slot_capitalizable(masked: MaskedSentence, target: str) -> bool:
    """Is ``target`` the form of a glossary term that may take a capital?"""
    return any(s.token.capitalizable and s.token.target == target for s in masked.slots)


_LETTER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*+")


def _word_ends(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that begin with a letter and are not part of a
    number, date or time (``млн`` in ``3,5 млн $`` is not a word a mark may take)."""
    inside = bytearray(len(text))
    if lang:
        for form in find_forms(text, lang):
            inside[form.start : form.end] = b"\x01" * (form.end - form.start)
    return [m.span() for m in _LETTER_WORD.finditer(text) if not inside[m.start()]]


def _source_inside(masked: MaskedSentence, opener: int, closer: int) -> str:
    """The engine input's words between two placeholders (nested placeholders left out)."""
    start = masked.slots[opener].offset + len(PLACEHOLDER.format(opener + 1))
    inside = masked.text[start : masked.slots[closer].offset]
    return " ".join(PLACEHOLDER_RE.sub(" ", inside).split())


def _move_into(items: list[str | int], atom: int, opener: int) -> None:
    """Move slot ``atom`` from where it stands to right after slot ``opener``."""
    at = items.index(atom)
    left, right = str(items[at - 1]), str(items[at + 1])
    joint = " " if left and right and not left[-1].isspace() and not right[0].isspace() else ""
    items[at - 1 : at + 2] = [left + joint + right]
    place = items.index(opener)
    items[place + 1 : place + 2] = ["", atom, str(items[place + 1])]


def _fill_empty_pairs(items: list[str | int], masked: MaskedSentence) -> bool:
    """Give every mark left empty the text up to the next word after it (or else from
    the word before it; or else the source's own words), so no mark is ever emptied."""
    slots, lang = masked.slots, masked.target
    where = {item: n for n, item in enumerate(items) if isinstance(item, int)}
    pairs = [
        (n, slot.mate)
        for n, slot in enumerate(slots)
        if slot.token.role == "open" and slot.mate in where and n in where
    ]
    changed = False
    for first_slot, last_slot in sorted(pairs, key=lambda p: where[p[1]] - where[p[0]]):
        opener, closer = where[first_slot], where[last_slot]  # moves shift positions
        if opener > closer:
            continue
        inside = items[opener + 1 : closer]
        if any(isinstance(item, int) for item in inside) or any(
            re.search(r"[^\W_]", item) for item in inside if isinstance(item, str)
        ):
            continue
        first, last = int(items[opener]), int(items[closer])
        source_inside = _source_inside(masked, first, last)
        atoms = [n for n in range(first + 1, last) if masked.slots[n].token.role == "atom"]
        if not re.search(r"[^\W_]", source_inside) and not atoms:
            continue  # empty (or only punctuation) in the source too
        after = str(items[closer + 1]) if closer + 1 < len(items) else ""
        before = str(items[opener - 1]) if opener else ""
        words_after, words_before = _word_ends(after, lang), _word_ends(before, lang)
        if words_after:
            cut = words_after[0][1]
            moved = after[:cut]
            items[closer - 1] = str(items[closer - 1]) + moved.lstrip()
            items[closer + 1] = " " + after[cut:].lstrip() if after[cut:].strip() else after[cut:]
        elif words_before:
            cut = words_before[-1][0]
            items[opener - 1] = before[:cut]
            items[opener + 1] = before[cut:].rstrip() + str(items[opener + 1])
        elif atoms and atoms[0] in where:
            _move_into(items, atoms[0], first)  # the atom the mark held in the source
            where = {item: n for n, item in enumerate(items) if isinstance(item, int)}
        else:  # no word left anywhere: the source's words are better than an empty mark
            items[opener + 1] = source_inside
        changed = True
    return changed


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


def _insert(
    items: list[str | int], number: int, fraction: float, masked: MaskedSentence
) -> list[str | int]:
    """Re-insert a dropped placeholder at about ``fraction`` of the output, between words.

    At 0.0 it goes after any opening quotes, at 1.0 before the final punctuation.
    """
    units = [literal.target for literal in masked.literals]
    if fraction >= 1.0:
        last = str(items[-1])
        tail = _TAIL.search(last)
        cut = outside_units(last, tail.start() if tail else len(last), masked.target, units)
        return _split_at(items, len(items) - 1, cut, number)
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
    return _split_at(items, index, nearest_space(text, local, masked.target, units), number)


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


def _render(items: list[str | int], masked: MaskedSentence) -> str:
    """Replace slots by their target text, gluing markup to the words it was attached to,
    and never gluing two atoms that the source kept apart."""
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
            rest = parts[n + 1].lstrip()
            # A closing mark glued to punctuation in the source ("**…**:") whose
            # punctuation the model dropped keeps its space: "**…**word" would not close.
            keep = slot.token.role == "close" and rest[:1].isalnum() and rest != parts[n + 1]
            if keep:  # only where the source had punctuation there, not a letter
                after = slot.offset + len(PLACEHOLDER.format(item + 1)) + 1
                keep = not masked.text[after : after + 1].isalnum()
            parts[n + 1] = " " + rest if keep else rest
        following = items[n + 2] if n + 2 < len(items) else None
        if isinstance(following, int) and slots[following].token.start == slot.token.end:
            if not parts[n + 1].strip():
                parts[n + 1] = ""  # adjacent in the source and still adjacent
        elif (
            isinstance(following, int)
            and not parts[n + 1]
            and slot.token.role != "open"
            and slots[following].token.role != "close"
        ):
            # Apart in the source: never glue two atoms, or the end of one mark to the
            # start of the next ("**a** **b**" must not become "**a****b**").
            parts[n + 1] = " "
        if (
            slot.token.target.endswith(".")
            and not slot.token.text.endswith(".")
            and parts[n + 1].startswith(".")
        ):
            parts[n + 1] = parts[n + 1][1:]  # "2024 г." + "." at the sentence end
    _capitalize_terms(items, parts, masked)
    return "".join(parts)


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
