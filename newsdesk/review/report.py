"""A translation's review state for the story page, and the post-edit report: how much
translators changed the machine output, sentence by sentence and for the article."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from rapidfuzz.distance import Levenshtein

from newsdesk.models import Segment, SegmentStatus, Story
from newsdesk.review import diff, sentences


def article_distance(segments) -> float | None:
    """Post-edit distance of an article: edits over the length of the machine output."""
    edits = length = 0
    for seg in segments:
        if seg.machine_text and not sentences.is_missing(seg):
            edits += Levenshtein.distance(seg.machine_text, seg.target_text)
            length += max(len(seg.machine_text), len(seg.target_text))
    return round(edits / length, 4) if length else None


def distance(seg: Segment) -> float | None:
    if not seg.machine_text or sentences.is_missing(seg):
        return None
    return Levenshtein.normalized_distance(seg.machine_text, seg.target_text)


@dataclass
class Overview:
    """A translation's review state, for the story page and the story list."""

    lang: str
    aligned: bool
    total: int = 0
    approved: int = 0
    unresolved: int = 0  # stale or missing


def overview(story: Story) -> list[Overview]:
    """The review state of each translation of the story."""
    out = []
    for lang in ("en", "ru"):
        article = story.article(lang)
        if lang == story.source_lang or article is None:
            continue
        segments = sentences.segments_of(article)
        out.append(
            Overview(
                lang,
                bool(segments),
                len(segments),
                sum(1 for s in segments if s.status == SegmentStatus.APPROVED),
                sum(1 for s in segments if s.status == SegmentStatus.STALE),
            )
        )
    return out


@dataclass
class ReportRow:
    number: int
    source: str
    machine: str
    final: str
    distance: float | None
    origin: str
    diff: Markup


def report(story: Story, lang: str) -> tuple[list[ReportRow], dict]:
    """Per-sentence post-edit distances and the article's summary: how useful MT was."""
    target = story.article(lang)
    segments = sentences.segments_of(target)
    rows = [
        ReportRow(
            s.position + 1,
            s.source_text,
            s.machine_text,
            s.target_text,
            distance(s),
            s.origin,
            diff.to_html(diff.word_diff(s.machine_text, s.target_text)),
        )
        for s in segments
    ]
    machine = [r for r in rows if r.distance is not None]
    summary = {
        "sentences": len(rows),
        "machine": len(machine),
        "untouched": sum(1 for r in machine if r.distance == 0),
        "distance": article_distance(segments),
        "mean": round(sum(r.distance for r in machine) / len(machine), 4) if machine else None,
        "approved": sum(1 for s in segments if s.status == SegmentStatus.APPROVED),
    }
    return rows, summary
