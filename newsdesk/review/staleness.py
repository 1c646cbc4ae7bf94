"""Keep a translation's sentences in step with its source when the source changes.

Sentences whose source is unchanged (ignoring whitespace and inline markup) keep their
status; sentences whose source changed become ``stale`` and keep their old translation
(the source they were made from is kept in :class:`StaleSource` for the diff); new
source sentences appear as missing (stale, empty, made from nothing); translations of
deleted source sentences are removed and listed in the audit note.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.machine_translation.pipeline import sentence_key
from newsdesk.models import Article, Segment, SegmentStatus
from newsdesk.models.review import StaleSource
from newsdesk.review.units import Layout, content_key

PAIR_THRESHOLD = 0.4  # similarity for pairing an edited sentence with its old version
MAX_PAIRS = 40_000  # unmatched (new, old) sentence pairs compared at most (200 x 200)
ORIGIN_NONE = "none"  # a missing sentence: nothing translated yet


@dataclass
class SourceChange:
    """What a source edit did to one translation."""

    stale: list[int] = field(default_factory=list)  # positions (0-based) now stale
    missing: list[int] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)  # {"source", "target"}
    restored: int = 0  # stale sentences whose source edit was undone

    def __bool__(self) -> bool:
        return bool(self.stale or self.missing or self.removed or self.restored)

    @property
    def summary(self) -> dict:
        return {
            "stale": [p + 1 for p in self.stale],
            "missing": [p + 1 for p in self.missing],
            "removed": self.removed,
            "restored": self.restored,
        }


def is_missing(segment: Segment) -> bool:
    """A sentence of the source that was never translated (it appeared after translation)."""
    return segment.status == SegmentStatus.STALE and not segment.source_key


def segments_of(article: Article) -> list[Segment]:
    return list(
        db.session.scalars(
            select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
        )
    )


def stale_sources(segments: Sequence[Segment]) -> dict[int, StaleSource]:
    ids = [s.id for s in segments if s.status == SegmentStatus.STALE]
    if not ids:
        return {}
    rows = db.session.scalars(select(StaleSource).where(StaleSource.segment_id.in_(ids)))
    return {row.segment_id: row for row in rows}


def _pair(news: list[str], olds: list[str]) -> list[tuple[int, int]]:
    """Order-preserving pairs (new, old) that maximise similarity; equal counts pair by place."""
    threshold = 0.0 if len(news) == len(olds) else PAIR_THRESHOLD
    a, b = len(news), len(olds)
    new_keys, old_keys = [content_key(t) for t in news], [content_key(t) for t in olds]
    if a * b > MAX_PAIRS:  # a bound on work: a rewrite this large pairs by place
        return [
            (i, i)
            for i in range(min(a, b))
            if fuzz.ratio(new_keys[i], old_keys[i]) / 100 >= threshold
        ]
    best = [[0.0] * (b + 1) for _ in range(a + 1)]
    for i in range(1, a + 1):
        for j in range(1, b + 1):
            sim = fuzz.ratio(new_keys[i - 1], old_keys[j - 1]) / 100
            take = best[i - 1][j - 1] + sim if sim >= threshold else float("-inf")
            best[i][j] = max(best[i - 1][j], best[i][j - 1], take)
    pairs, i, j = [], a, b
    while i and j:
        sim = fuzz.ratio(new_keys[i - 1], old_keys[j - 1]) / 100
        if sim >= threshold and best[i][j] == best[i - 1][j - 1] + sim:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return list(reversed(pairs))


def _match(units: list[str], olds: list[Segment], sources: dict[int, StaleSource]):
    """new unit -> (old index, how): "same", "restored" or "changed"; unmatched olds removed."""
    by_key: dict[str, deque[int]] = defaultdict(deque)
    undo: dict[str, deque[int]] = defaultdict(deque)
    for number, seg in enumerate(olds):
        by_key[content_key(seg.source_text)].append(number)
        if seg.id in sources:
            undo[content_key(sources[seg.id].old_source_text)].append(number)
    taken: set[int] = set()
    result: dict[int, tuple[int, str]] = {}

    def first_free(candidates: list[int]) -> int | None:
        # Taken ones are dropped from the front as met: ``taken`` only grows, so repeated
        # sentences ("One. One. One.") cost linear time, not quadratic.
        while candidates and candidates[0] in taken:
            candidates.popleft()
        return candidates[0] if candidates else None

    for k, text in enumerate(units):
        key = content_key(text)
        old = first_free(undo.get(key, deque()))
        how = "restored"
        if old is None:
            old, how = first_free(by_key.get(key, deque())), "same"
        if old is not None:
            taken.add(old)
            result[k] = (old, how)
    # Unmatched new sentences between two anchors pair with the unmatched old sentences
    # that stood between the same anchors: those are edits of each other.
    k = 0
    while k < len(units):
        if k in result:
            k += 1
            continue
        end = k
        while end < len(units) and end not in result:
            end += 1
        low = result[k - 1][0] if k > 0 else -1
        high = result[end][0] if end < len(units) else len(olds)
        low, high = min(low, high), max(low, high)
        candidates = [o for o in range(low + 1, high) if o not in taken]
        news = list(range(k, end))
        for a, b in _pair([units[n] for n in news], [olds[o].source_text for o in candidates]):
            result[news[a]] = (candidates[b], "changed")
            taken.add(candidates[b])
        k = end
    removed = [o for o in range(len(olds)) if o not in taken]
    return result, removed


def sync_with_source(target: Article, skeleton: Layout) -> SourceChange:
    """Re-align the target's sentences with the changed source ``skeleton`` (no commit).

    The returned change lists what this edit did (newly stale, newly missing, removed,
    restored); sentences that were already stale or missing stay so and are not repeated.
    """
    olds = segments_of(target)
    sources = stale_sources(olds)
    units = [u.text for u in skeleton.units]
    matches, removed = _match(units, olds, sources)
    change = SourceChange()
    for o in removed:
        seg = olds[o]
        if seg.target_text.strip():
            change.removed.append({"source": seg.source_text, "target": seg.target_text})
        if seg.id in sources:
            db.session.delete(sources.pop(seg.id))
        db.session.delete(seg)
    for number, k in enumerate(sorted(matches)):
        olds[matches[k][0]].position = -1 - number  # out of the way of (article, position)
    db.session.flush()
    for k, unit in enumerate(skeleton.units):
        if k not in matches:
            seg = Segment(
                article_id=target.id,
                source_key="",
                target_text="",
                machine_text="",
                origin=ORIGIN_NONE,
                flags="",
                status=SegmentStatus.STALE,
            )
            db.session.add(seg)
            change.missing.append(k)
        else:
            old, how = matches[k]
            seg = olds[old]
            if how == "restored":
                seg.status = SegmentStatus(sources[seg.id].prior_status)
                seg.source_key = sentence_key(unit.text)
                db.session.delete(sources.pop(seg.id))
                change.restored += 1
            elif how == "changed" and seg.status != SegmentStatus.STALE:
                db.session.add(
                    StaleSource(
                        segment=seg, old_source_text=seg.source_text, prior_status=seg.status.value
                    )
                )
                seg.status = SegmentStatus.STALE
                change.stale.append(k)
            elif seg.status != SegmentStatus.STALE:
                seg.source_key = sentence_key(unit.text)  # whitespace or markup edits only
        seg.position, seg.part, seg.block, seg.index = k, unit.part, unit.block, unit.index
        seg.source_text = unit.text
    db.session.flush()
    return change
