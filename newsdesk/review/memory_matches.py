"""Translation-memory matches for the sentences of a workspace page."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import MemoryEntry, Segment

SUGGESTION_CUTOFF = 60  # memory matches below this similarity (%) are not worth showing
SUGGESTIONS = 3


@dataclass
class Suggestion:
    """A translation-memory entry similar to the sentence, with its match percentage."""

    source: str
    target: str
    score: int


def suggestions(segments: list[Segment], source_lang: str, target_lang: str):
    """Memory matches per segment id (one query, then rapidfuzz in memory).

    A full scan of the direction's memory: fine for newsroom-sized memories (tens of
    thousands of sentences); a larger one would want a prefilter (e.g. trigram index).
    """
    entries = list(
        db.session.scalars(
            select(MemoryEntry).where(
                MemoryEntry.source_lang == source_lang, MemoryEntry.target_lang == target_lang
            )
        )
    )
    choices = {n: e.source_text for n, e in enumerate(entries)}
    out = {}
    for seg in segments:
        if not choices:
            out[seg.id] = []
            continue
        found = process.extract(
            seg.source_text,
            choices,
            scorer=fuzz.ratio,
            limit=SUGGESTIONS + 1,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        out[seg.id] = [
            Suggestion(entries[n].source_text, entries[n].target_text, round(score))
            for _text, score, n in found
            if entries[n].target_text != seg.target_text
        ][:SUGGESTIONS]
    return out
