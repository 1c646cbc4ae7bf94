"""The archive feeds the translation memory: published English/Russian pairs, aligned sentence
by sentence (``machine_translation.sentence_align``), become memory units in both directions,
marked with their origin and their story.

A person's translation approved in the review workspace always wins: an archive unit never
replaces a unit of origin ``review``; a later archive unit for the same sentence replaces an
earlier one (the newest published wording is the house style).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.machine_translation.pipeline import normalize_sentence, sentence_key
from newsdesk.machine_translation.sentence_align import (
    Bead,
    align_paragraphs,
    article_paragraphs,
    memory_pairs,
)
from newsdesk.models import Article, MemoryEntry, Status, Story

log = logging.getLogger(__name__)

ORIGIN_ARCHIVE = "archive"
ORIGIN_REVIEW = "review"


def _paragraphs(article: Article, other: str) -> list[list[str]]:
    return article_paragraphs(article.title, article.lead or "", article.body, article.lang, other)


def pair_units(story: Story) -> list[tuple[str, str, str, str]]:
    """(source lang, target lang, source sentence, target text) for every confident unit of a
    story whose two languages are both published; none otherwise."""
    en, ru = story.article("en"), story.article("ru")
    if en is None or ru is None or Status.PUBLISHED != en.status or Status.PUBLISHED != ru.status:
        return []
    beads = align_paragraphs(_paragraphs(en, "ru"), _paragraphs(ru, "en"))
    units = [("en", "ru", source, target) for source, target in memory_pairs(beads)]
    reverse = [Bead(bead.target, bead.source, bead.cost) for bead in beads]
    units += [("ru", "en", source, target) for source, target in memory_pairs(reverse)]
    return units


def remember_story(story: Story) -> int:
    """Store the story's aligned units (see the module docstring); returns how many were
    written. The caller's session is committed."""
    units = pair_units(story)
    if not units:
        return 0
    keys = {(s, t, sentence_key(text)) for s, t, text, _target in units}
    existing = {
        (e.source_lang, e.target_lang, e.source_key): e
        for e in db.session.scalars(
            select(MemoryEntry).where(MemoryEntry.source_key.in_({k for _s, _t, k in keys}))
        )
    }
    written = 0
    for source_lang, target_lang, source_text, target_text in units:
        key = (source_lang, target_lang, sentence_key(source_text))
        entry = existing.get(key)
        if entry is not None and entry.origin != ORIGIN_ARCHIVE:
            continue  # a person's approved translation wins
        if entry is None:
            entry = MemoryEntry(source_lang=source_lang, target_lang=target_lang, source_key=key[2])
            db.session.add(entry)
            existing[key] = entry
        entry.source_text = normalize_sentence(source_text)
        entry.target_text = target_text
        entry.origin = ORIGIN_ARCHIVE
        entry.story_id = story.id
        entry.approved_by_id = None
        written += 1
    db.session.commit()
    return written


def remember_published(sender, *, story: Story, **extra) -> None:
    """stories' ``published`` signal: a pair just published joins the memory. Never blocks
    publishing: a failure is logged and the story stays published."""
    try:
        count = remember_story(story)
    except Exception:  # noqa: BLE001 - the memory is a by-product of publishing
        db.session.rollback()
        log.exception("archive units of story %s not stored", story.id)
        return
    if count:
        log.info("story %s: %d archive units in the translation memory", story.id, count)


def remember_archive() -> tuple[int, int]:
    """Align every published pair (``newsdesk tm align-archive``): (stories, units)."""
    ids = db.session.scalars(
        select(Story.id).where(Story.published_at.is_not(None)).order_by(Story.id)
    ).all()
    stories = units = 0
    for story_id in ids:
        count = remember_story(db.session.get(Story, story_id))
        stories += bool(count)
        units += count
    return stories, units
