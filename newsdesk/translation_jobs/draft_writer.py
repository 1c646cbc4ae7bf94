"""The one writer of machine translations: sentences into their rows, the article's new
revision and the audit entry. A whole-story job writes its draft here (:func:`write_draft`);
re-translating changed sentences (review) writes through the same two helpers."""

from __future__ import annotations

from flask_babel import force_locale, ngettext
from sqlalchemy import delete, select

from newsdesk.extensions import db
from newsdesk.machine_translation.engine import Provenance
from newsdesk.machine_translation.long_input import MAX_SENTENCE_CHARS, TOO_LONG
from newsdesk.machine_translation.pipeline import ORIGIN_MEMORY, DocumentTranslation
from newsdesk.machine_translation.pipeline import Segment as SegmentResult
from newsdesk.models import (
    Article,
    JobState,
    Segment,
    SegmentStatus,
    Status,
    Story,
    TranslationJob,
    User,
    utcnow,
)
from newsdesk.stories import audit
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import leases

# Sentence statuses that mean a person wrote or approved the text: a job never replaces it.
HUMAN = (SegmentStatus.EDITED, SegmentStatus.APPROVED)


class HumanEditMeanwhile(Exception):
    """Somebody edited a sentence of the target while the job translated: translate again
    (from the cache) so the draft is assembled around their text."""


def write_draft(job: TranslationJob, result: DocumentTranslation, *, check_human: bool) -> None:
    """Write the machine draft and its aligned sentences and end the job, in one transaction
    that only the job's holder can commit; human sentences keep their text and status."""
    # Renewing first opens the write transaction: on SQLite no edit can land from here on.
    leases.renew(job, commit=False)
    story = db.session.get(Story, job.story_id)
    article = story.article(job.target_lang) or stories.add_article(
        story, lang=job.target_lang, commit=False
    )
    db.session.flush()
    # Locked (on PostgreSQL) so an edit being saved right now is either seen here or waits.
    previous = {
        s.source_key: s
        for s in db.session.scalars(
            select(Segment)
            .where(Segment.article_id == article.id)
            .order_by(Segment.position)
            .with_for_update()
        )
        if s.status in HUMAN
    }
    if check_human and any(
        seg.key in previous and seg.target != previous[seg.key].target_text
        for seg in result.segments
    ):
        raise HumanEditMeanwhile()
    db.session.execute(delete(Segment).where(Segment.article_id == article.id))
    for position, seg in enumerate(result.segments):
        kept = previous.get(seg.key) if seg.origin == ORIGIN_MEMORY else None
        row = Segment(
            article_id=article.id,
            position=position,
            part=seg.kind,
            block=seg.block,
            index=seg.index,
            source_text=seg.source,
            source_key=seg.key,
        )
        write_machine_sentence(row, seg, result.provenance)
        if kept:  # a person's sentence keeps its status and its first machine text
            row.machine_text, row.origin, row.status = kept.machine_text, "human", kept.status
        db.session.add(row)
    stories.retitle(article, result.title)  # an unpublished slug follows the title
    article.lead, article.body = result.lead, result.body
    article.status = Status.MT_DRAFT
    user = db.session.get(User, job.requested_by_id) if job.requested_by_id else None
    record_machine_translation(
        article,
        user,
        result,
        revision="machine translation",
        scope="story",
        job=job.id,
        sentences=len(result.segments),
        from_memory=sum(1 for seg in result.segments if seg.origin == ORIGIN_MEMORY),
    )
    leases.renew(
        job, commit=False, state=JobState.DONE, finished_at=utcnow(), error=_notice(job, result)
    )
    db.session.commit()


def write_machine_sentence(row: Segment, seg: SegmentResult, provenance: Provenance | None) -> None:
    """Put a machine-translated sentence into its row: text, origin, score, flags, the model."""
    provenance = seg.provenance or provenance
    row.target_text, row.machine_text = seg.target, seg.machine
    row.origin, row.score, row.flags = seg.origin, seg.score, ",".join(seg.flags)
    row.package = provenance.package if provenance else ""
    row.package_version = provenance.version if provenance else ""
    row.status = SegmentStatus.MACHINE


def record_machine_translation(
    article: Article,
    user: User | None,
    result: DocumentTranslation,
    *,
    revision: str | None,
    **detail: object,
) -> None:
    """Keep the machine-translated text as a new revision (when ``revision`` names it) and
    note it in the story's audit log; the caller commits."""
    provenance = result.provenance
    if revision is not None:
        model = f"{provenance.package} {provenance.version}" if provenance else "memory"
        stories.record_revision(article, user, f"{revision} ({model})"[:200])
    audit.record(
        "machine_translated",
        article=article,
        user=user,
        engine=provenance.engine if provenance else "",
        package=provenance.package if provenance else "",
        version=provenance.version if provenance else "",
        **detail,
    )


def _notice(job: TranslationJob, result: DocumentTranslation) -> str:
    """What the requester must know about a finished draft (in their interface language):
    sentences too long to translate, kept in the source language."""
    count = sum(TOO_LONG in segment.flags for segment in result.segments)
    if not count:
        return ""
    user = db.session.get(User, job.requested_by_id) if job.requested_by_id else None
    with force_locale(user.locale if user and user.locale else "en"):
        return ngettext(
            "%(num)d sentence is longer than %(limit)s characters: it was kept in the source "
            "language. Split it into shorter sentences and translate again.",
            "%(num)d sentences are longer than %(limit)s characters: they were kept in the "
            "source language. Split them into shorter sentences and translate again.",
            count,
            limit=f"{MAX_SENTENCE_CHARS:,}".replace(",", " "),
        )
