"""Re-align a whole translated article (as typed in Markdown) with its source sentences.

The translation keeps the source's structure, one unit per source sentence. After a
translator edits the whole Markdown, each target block is matched with a source block
(by similarity with the previous translation, so reordered paragraphs find their source
again; blocks without a previous translation are matched by position), and the target
sentences of a block are distributed over the block's source sentences by dynamic
programming (an added sentence joins a neighbour, a fixed word keeps its sentence).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from rapidfuzz import fuzz

from newsdesk.machine_translation.blocks import parse_blocks, plain_document
from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.machine_translation.pipeline import normalize_sentence
from newsdesk.review.units import PARTS, Layout, split_block
from newsdesk.stories.errors import StoryError

BLOCK_MATCH = 0.5  # similarity above which a target block is taken for a source block
MAX_GROUP = 8  # target sentences one source sentence may take (more if the block needs it)
BAND = 8  # how far (in sentences) a unit's group may start from the block's diagonal
MAX_SCORES = 100_000  # beyond this many scores a block is split along its diagonal


class AlignmentError(StoryError):
    """The translation cannot be aligned with its source; the message says why."""


@dataclass
class Aligned:
    """Target text per source sentence, and what the alignment noticed."""

    texts: list[str]
    reordered: bool = False  # target paragraphs were in a different order than the source


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two texts, whitespace-insensitive."""
    return fuzz.ratio(normalize_sentence(a), normalize_sentence(b)) / 100


def distribute(
    block_text: str, spans: Sequence[tuple[int, int]], olds: Sequence[str], sources: Sequence[str]
) -> list[str]:
    """Split a target block's sentences into ``len(olds)`` consecutive (maybe empty) groups
    that best match the previous translations; returns each group's text.

    Bounded work: a group has at most :data:`MAX_GROUP` sentences (more when there are more
    target sentences per unit than that), and the group of unit ``i`` starts within
    :data:`BAND` sentences of the block's diagonal (``i * sentences / units``). So a block
    costs ``units * (2 * BAND + 1) * (MAX_GROUP + 1)`` scores at most, and a paragraph of up
    to ``BAND`` sentences is distributed exactly as by trying every split. A block whose
    cost would pass :data:`MAX_SCORES` is split along the diagonal without scoring.
    """
    k, r = len(olds), len(spans)
    if k == 0:
        return []
    if k * (2 * BAND + 1) * (MAX_GROUP + 1) > MAX_SCORES:
        cuts = [i * r // k for i in range(k + 1)]
        return [_group(block_text, spans, p, q) for p, q in zip(cuts, cuts[1:], strict=False)]
    sentences = [block_text[a:b] for a, b in spans]
    plain = [normalize_sentence(s) for s in sentences]
    old_plain = [normalize_sentence(old) for old in olds]
    widest = max(MAX_GROUP, -(-r // k))  # the diagonal path must fit

    def band(i: int) -> range:
        centre = i * r / k
        return range(max(0, math.ceil(centre - BAND)), min(r, math.floor(centre + BAND)) + 1)

    worst = float("-inf")
    best: list[dict[int, float]] = [{0: 0.0}] + [{} for _ in range(k)]
    back: list[dict[int, int]] = [{} for _ in range(k + 1)]
    for i in range(k):
        targets = band(i + 1)
        for p in band(i):
            start = best[i].get(p, worst)
            if start == worst:
                continue
            length, text = -1, ""  # of " ".join(sentences[p:q]) and the normalized join
            for q in range(p, min(r, p + widest) + 1):
                if q > p:
                    length += len(sentences[q - 1]) + 1
                    text = f"{text} {plain[q - 1]}" if text else plain[q - 1]
                if q not in targets:
                    continue
                score = start + _group_score(text, max(length, 0), old_plain[i], sources[i])
                if score > best[i + 1].get(q, worst):
                    best[i + 1][q], back[i + 1][q] = score, p
    cuts, q = [], r
    for i in range(k, 0, -1):
        p = back[i][q]
        cuts.append((p, q))
        q = p
    return [_group(block_text, spans, p, q) for p, q in reversed(cuts)]


def _group(block_text: str, spans: Sequence[tuple[int, int]], p: int, q: int) -> str:
    """The text of sentences ``p`` to ``q - 1`` of the block (with the spaces between)."""
    return block_text[spans[p][0] : spans[q - 1][1]] if q > p else ""


def _group_score(plain: str, length: int, old: str, source: str) -> float:
    """How well a group of sentences (normalized text, raw length) fits a unit whose
    previous translation was ``old`` (normalized); without one, by length."""
    if old:
        return fuzz.ratio(plain, old) / 100 if plain else 0.0
    if not length:
        return 0.5
    a, b = length, max(len(source), 1)
    return 0.4 + 0.5 * min(a, b) / max(a, b)


def _match_blocks(targets: list[str], olds: list[str]) -> dict[int, int]:
    """Target block number -> source block number."""
    n, m = len(targets), len(olds)
    plain_targets = [normalize_sentence(t) for t in targets]
    plain_olds = [normalize_sentence(o) for o in olds]
    # Every pair while there are at most MAX_SCORES of them; beyond, each target block is
    # compared with the source blocks around its place only (a bound on work).
    reach = m if n * m <= MAX_SCORES else max(1, MAX_SCORES // (2 * n))
    pairs = sorted(
        (
            (fuzz.ratio(plain_targets[i], plain_olds[j]) / 100, i, j)
            for i in range(n)
            for j in range(
                max(0, i * m // max(n, 1) - reach), min(m, i * m // max(n, 1) + reach + 1)
            )
            if plain_olds[j]
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < BLOCK_MATCH:
            break
        if i not in match and j not in used:
            match[i], used = j, used | {j}
    # Blocks not recognised by their text take the free source blocks between their
    # neighbours' matches, in order (new translations of missing paragraphs, rewrites).
    i = 0
    while i < n:
        if i in match:
            i += 1
            continue
        end = i
        while end < n and end not in match:
            end += 1
        low = match[i - 1] if i > 0 else -1
        high = match[end] if end < n else m
        free = [j for j in range(low + 1, high) if j not in used] if low < high else []
        for t, j in zip(range(i, end), free, strict=False):
            match[t] = j
            used.add(j)
        i = end
    return match


def align(
    skeleton: Layout,
    olds: Sequence[str],
    title: str,
    lead: str,
    body: str,
    lang: str,
    other: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> Aligned:
    """Distribute a target article (``lang``) over the source sentences of ``skeleton``.

    ``olds`` are the previous translations, one per source sentence ("" when none).
    Raises :class:`AlignmentError` when a target paragraph has no source paragraph.
    """
    texts = [""] * len(skeleton.units)
    targets = {
        "title": plain_document(title, "title"),
        "lead": plain_document(lead, "lead"),
        "body": parse_blocks(body),
    }
    reordered = False
    for part in PARTS:
        numbers = skeleton.block_units(part)
        target_blocks = [b.text for b in targets[part].blocks]
        old_blocks = [" ".join(olds[n] for n in units if olds[n]) for units in numbers]
        match = _match_blocks(target_blocks, old_blocks)
        extra = [i for i in range(len(target_blocks)) if i not in match]
        if extra:
            raise AlignmentError(_extra_message(part, target_blocks[extra[0]]))
        order = [match[i] for i in range(len(target_blocks))]
        reordered = reordered or order != sorted(order)
        for i, j in match.items():
            units = numbers[j]
            spans = split_block(target_blocks[i], lang, other, glossary)
            groups = distribute(
                target_blocks[i],
                spans,
                [olds[n] for n in units],
                [skeleton.units[n].text for n in units],
            )
            for n, text in zip(units, groups, strict=True):
                texts[n] = text
    return Aligned(texts, reordered)


def _extra_message(part: str, text: str) -> str:
    start = " ".join(text.split())[:60]
    if part == "title":
        return _("The source has no title to match the translated title “%(start)s”.", start=start)
    if part == "lead":
        return _("The source has no lead to match the translated lead “%(start)s”.", start=start)
    return _(
        "The paragraph “%(start)s…” has no counterpart in the source. A translation keeps the "
        "source's paragraphs: merge it into a neighbouring paragraph, or add it to the source "
        "first.",
        start=start,
    )
