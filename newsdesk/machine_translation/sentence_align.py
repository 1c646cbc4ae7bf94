"""Align the sentences of an article with its human translation (Gale–Church, with anchors).

Both sides are cut exactly as the MT pipeline cuts a source (title, lead, then each Markdown
block into sentences), so an aligned source sentence is the very text whose memory key a later
translation looks up. Paragraphs are aligned first, then the sentences inside each aligned
paragraph group, by dynamic programming over "beads" (1–1, 1–0, 0–1, 2–1, 1–2, 2–2):

- the length cost of Gale and Church (1993): a translation's length in characters is about
  ``c`` times its source's, with a variance growing with the length; ``c`` is measured on the
  pair itself, so it holds for English→Russian and back;
- anchors: numbers (written with any digit grouping), URLs, and names (a capitalized word that
  does not start its sentence, compared by the consonants of its Latin transliteration, so
  "Arseniev" meets "Арсеньев"). A shared anchor lowers a bead's cost; a number on one side only
  raises it.

The search stays within a band around the diagonal, so the work is linear in the number of
sentences (``BAND`` cells per sentence), whatever the size of the article.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from text_unidecode import unidecode

from newsdesk.machine_translation.blocks import parse_blocks, plain_document
from newsdesk.machine_translation.mask import find_tokens
from newsdesk.machine_translation.pipeline import normalize_sentence
from newsdesk.machine_translation.segment import find_urls, sentence_spans

# Gale & Church's bead priors (-log), and the variance of the length ratio per character.
BEADS = {
    (1, 1): 0.89,
    (1, 0): 0.0049,
    (0, 1): 0.0049,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (2, 2): 0.011,
}
PENALTY = {shape: -math.log(prior) for shape, prior in BEADS.items()}
VARIANCE = 6.8
SHARED_ANCHOR = 2.0  # cost taken off per anchor both sides share (at most MAX_SHARED counted)
MAX_SHARED = 3
LONE_NUMBER = 1.5  # cost added per number found on one side only
BAND = 12  # how far (in units) a path may stray from the diagonal
MAX_MEMORY_COST = 4.0  # beads above this cost are not offered to the translation memory

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_WORD = re.compile(r"\w+")
_VOWELS = str.maketrans("", "", "aeiouy'")


@dataclass(frozen=True)
class Bead:
    """Source sentences ``source`` aligned with target sentences ``target`` (maybe none)."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    cost: float

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.source), len(self.target)


def article_paragraphs(title: str, lead: str, body: str, lang: str, other: str) -> list[list[str]]:
    """The article as the MT pipeline cuts it: title, lead, then each body block, as lists of
    sentences (empty parts left out)."""
    out = []
    documents = [plain_document(title, "title"), plain_document(lead, "lead"), parse_blocks(body)]
    for document in documents:
        for block in document.blocks:
            tokens = find_tokens(block.text, lang, other, (), document.references)
            spans = sentence_spans(block.text, lang, [(t.start, t.end) for t in tokens])
            sentences = [block.text[a:b] for a, b in spans if block.text[a:b].strip()]
            if sentences:
                out.append(sentences)
    return out


def anchors(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(numbers, other anchors) of a text: digits without their grouping, URLs, and names as
    consonant skeletons of their Latin transliteration."""
    numbers = frozenset(re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(text))
    names = {text[a:b].rstrip("/").lower() for a, b in find_urls(text)}
    first = True
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and not first and len(word) > 2 and not word.isdigit():
            skeleton = unidecode(word).lower().translate(_VOWELS)
            if len(skeleton) >= 3:
                names.add("~" + skeleton[:4])
        first = text[match.end() : match.end() + 2].strip()[:1] in (".", "!", "?")
    return numbers, frozenset(names)


@dataclass
class _Unit:
    text: str
    length: int
    numbers: frozenset[str]
    names: frozenset[str]


def _units(texts: Sequence[str]) -> list[_Unit]:
    out = []
    for text in texts:
        numbers, names = anchors(text)
        out.append(_Unit(text, len(normalize_sentence(text)), numbers, names))
    return out


def _length_cost(source: int, target: int, ratio: float) -> float:
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2
    delta = (target - source * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE)
    tail = max(2 * (1 - _phi(abs(delta))), 1e-12)
    return -math.log(tail)


def _phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _bead_cost(a: list[_Unit], b: list[_Unit], ratio: float) -> float:
    cost = PENALTY[(len(a), len(b))]
    if a and b:  # a sentence left out costs its prior only: its length says nothing
        cost += _length_cost(sum(u.length for u in a), sum(u.length for u in b), ratio)
        numbers_a = frozenset().union(*(u.numbers for u in a))
        numbers_b = frozenset().union(*(u.numbers for u in b))
        names_a = frozenset().union(*(u.names for u in a))
        names_b = frozenset().union(*(u.names for u in b))
        shared = len(numbers_a & numbers_b) + len(names_a & names_b)
        cost -= SHARED_ANCHOR * min(shared, MAX_SHARED)
        cost += LONE_NUMBER * len(numbers_a ^ numbers_b)
    return cost


def _align(a: list[_Unit], b: list[_Unit], ratio: float) -> list[tuple[int, int, int, int, float]]:
    """Best bead path from (0, 0) to (len(a), len(b)): (i0, i1, j0, j1, cost) per bead."""
    n, m = len(a), len(b)
    band = BAND + abs(n - m)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        centre = i * m / n if n else 0
        low, high = max(0, int(centre) - band), min(m, int(centre) + band + 1)
        for j in range(low, high + 1):
            if (i, j) == (0, 0):
                continue
            choice = None
            for di, dj in BEADS:
                prev = best.get((i - di, j - dj))
                if prev is None:
                    continue
                total = prev[0] + _bead_cost(a[i - di : i], b[j - dj : j], ratio)
                if choice is None or total < choice[0]:
                    choice = (total, (i - di, j - dj))
            if choice is not None:
                best[(i, j)] = choice
    path, at = [], (n, m)
    if at not in best:  # cannot happen within the band; keep every unit rather than fail
        return [(0, n, 0, m, float("inf"))]
    while best[at][1] is not None:
        total, prev = best[at]
        path.append((prev[0], at[0], prev[1], at[1], total - best[prev][0]))
        at = prev
    return path[::-1]


def _ratio(a: Sequence[_Unit], b: Sequence[_Unit]) -> float:
    total_a, total_b = sum(u.length for u in a), sum(u.length for u in b)
    return total_b / total_a if total_a and total_b else 1.0


def align_paragraphs(source: list[list[str]], target: list[list[str]]) -> list[Bead]:
    """Sentence beads of two articles given as paragraphs of sentences (article_paragraphs)."""
    flat_a = _units([s for p in source for s in p])
    flat_b = _units([s for p in target for s in p])
    ratio = _ratio(flat_a, flat_b)
    paras_a = _units([" ".join(p) for p in source])
    paras_b = _units([" ".join(p) for p in target])
    if len(paras_a) == len(paras_b):
        groups = [(i, i + 1, i, i + 1) for i in range(len(paras_a))]
    else:
        groups = [(i0, i1, j0, j1) for i0, i1, j0, j1, _c in _align(paras_a, paras_b, ratio)]
    beads = []
    for i0, i1, j0, j1 in groups:
        a = _units([s for p in source[i0:i1] for s in p])
        b = _units([s for p in target[j0:j1] for s in p])
        for s0, s1, t0, t1, cost in _align(a, b, ratio):
            beads.append(
                Bead(tuple(u.text for u in a[s0:s1]), tuple(u.text for u in b[t0:t1]), cost)
            )
    return beads


def memory_pairs(beads: Sequence[Bead], max_cost: float = MAX_MEMORY_COST) -> list[tuple[str, str]]:
    """(source sentence, its translation) for the beads a translation memory can use: one source
    sentence (a memory is looked up sentence by sentence) rendered by one or two target
    sentences, with the same numbers on both sides and a cost showing a confident match."""
    pairs = []
    for bead in beads:
        if len(bead.source) != 1 or len(bead.target) not in (1, 2) or bead.cost > max_cost:
            continue
        target = " ".join(normalize_sentence(t) for t in bead.target)
        if anchors(bead.source[0])[0] != anchors(target)[0]:
            continue
        pairs.append((bead.source[0], target))
    return pairs
