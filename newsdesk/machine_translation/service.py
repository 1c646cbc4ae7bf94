"""Service layer for machine translation in the product: jobs that make machine drafts."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from .. import stories
from ..extensions import db
from ..models import (
    Article,
    JobState,
    Revision,
    Segment,
    SegmentStatus,
    Status,
    Story,
    TranslationJob,
    User,
    utcnow,
)
from . import glossary, leases
from .engine import DirectionNotInstalled, Engine
from .memory import CachingEngine, DatabaseMemory
from .pipeline import ORIGIN_MEMORY, DocumentTranslation, translate_document

log = logging.getLogger(__name__)
HUMAN = (SegmentStatus.EDITED, SegmentStatus.APPROVED)


class TranslationUnavailable(stories.StoryError):
    """Machine translation cannot run for this story now; the message says what to do."""


class JobCancelled(Exception):
    """The editor cancelled the job while it ran."""


class HumanEditMeanwhile(Exception):
    """Somebody edited a sentence of the target while the job translated: translate again
    (from the cache) so the draft is assembled around their text."""


# Translate-and-write rounds when people keep editing the target while the job runs.
WRITE_ROUNDS = 3


@dataclass(frozen=True)
class Direction:
    source: str
    target: str
    installed: bool
    package: str = ""
    version: str = ""
    path: str = ""

    @property
    def install_commands(self) -> tuple[str, str]:
        """Offline and online ways to install this direction's model."""
        return (
            "newsdesk mt install FILE.argosmodel",
            f"newsdesk mt install --from-index {self.source} {self.target}",
        )


def directions() -> dict[tuple[str, str], Direction]:
    """Which of en→ru and ru→en have a model, read from the packages folder's metadata.

    Reading metadata.json directly keeps argostranslate (and torch) out of web requests.
    """
    found: dict[tuple[str, str], Direction] = {}
    root = Path(current_app.config["ARGOS_PACKAGES_DIR"])
    for meta_path in sorted(root.glob("*/metadata.json")) if root.is_dir() else []:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("unreadable package metadata: %s", meta_path)
            continue
        pair = (meta.get("from_code"), meta.get("to_code"))
        if pair in (("en", "ru"), ("ru", "en")) and pair not in found:
            found[pair] = Direction(
                *pair,
                True,
                str(meta.get("package_name") or meta_path.parent.name),
                str(meta.get("package_version", "")),
                str(meta_path.parent),
            )
    for pair in (("en", "ru"), ("ru", "en")):
        found.setdefault(pair, Direction(*pair, False))
    return found


def missing_model_message(source: str, target: str) -> str:
    """What an editor or admin has to do when a direction has no model."""
    return _(
        "No %(source)s→%(target)s translation model is installed. An administrator can install "
        "one with “newsdesk mt install FILE.argosmodel” (offline) or “newsdesk mt install "
        "--from-index %(source)s %(target)s” (with network access).",
        source=source,
        target=target,
    )


def load_engine(source: str, target: str) -> Engine:
    """The warm engine for a direction in this process (argostranslate + CTranslate2)."""
    from . import argos

    cfg = current_app.config
    argos.configure(
        Path(cfg["ARGOS_PACKAGES_DIR"]),
        beam_size=cfg["MT_BEAM_SIZE"],
        inter_threads=cfg["MT_INTER_THREADS"],
        intra_threads=cfg["MT_INTRA_THREADS"],
        compute_type=cfg["MT_COMPUTE_TYPE"],
        max_batch_size=cfg["MT_MAX_BATCH_SIZE"],
    )
    return argos.get_engine(source, target)


def active_job(story: Story, target: str) -> TranslationJob | None:
    return db.session.scalar(
        select(TranslationJob)
        .where(TranslationJob.story_id == story.id, TranslationJob.target_lang == target)
        .order_by(TranslationJob.id.desc())
        .limit(1)
    )


def _check_target(story: Story, target: str) -> Article:
    """The source article, after checking that a machine draft may be written for target."""
    source = story.article(story.source_lang)
    if target == story.source_lang or source is None:
        raise TranslationUnavailable(_("A story is translated from its source language."))
    if not (source.title.strip() or source.body.strip()):
        raise TranslationUnavailable(_("The source article is empty: write it first."))
    existing = story.article(target)
    if existing is not None:
        if existing.status == Status.PUBLISHED:
            raise TranslationUnavailable(
                _(
                    "The %(lang)s version is published: unpublish it before replacing it.",
                    lang=target.upper(),
                )
            )
        hand_written = not existing.is_empty and not db.session.scalar(
            select(Segment.id).where(Segment.article_id == existing.id).limit(1)
        )
        if hand_written:
            raise TranslationUnavailable(
                _(
                    "The %(lang)s version was written by hand; machine translation would replace "
                    "it. Clear it first if you want a machine draft.",
                    lang=target.upper(),
                )
            )
    return source


def request_translation(story: Story, target: str, user: User | None = None) -> TranslationJob:
    """Queue a machine translation of the story into ``target`` (or return the one running)."""
    _check_target(story, target)
    return queue_job(story, target, user, SCOPE_STORY)


SCOPE_STORY, SCOPE_CHANGED = "story", "changed"


def queue_job(story: Story, target: str, user: User | None, scope: str) -> TranslationJob:
    """Queue a job of ``scope`` (the whole story, or its changed sentences) into ``target``;
    the story's running job when there is one."""
    if not directions()[(story.source_lang, target)].installed:
        raise TranslationUnavailable(missing_model_message(story.source_lang, target))
    job = active_job(story, target)
    if job is not None and job.active:
        return job
    job = TranslationJob(
        story_id=story.id,
        source_lang=story.source_lang,
        target_lang=target,
        requested_by_id=user.id if user else None,
        scope=scope,
        heartbeat_at=utcnow(),  # queued now: recovery leaves it alone for one lease
    )
    db.session.add(job)
    db.session.commit()
    from ..jobs import translate_story

    translate_story(job.id)
    db.session.refresh(job)
    return job


def cancel_job(job: TranslationJob) -> None:
    """Stop a queued or running job; sentences already translated stay in the cache."""
    if job.active:
        job.state, job.finished_at = JobState.CANCELLED, utcnow()
        db.session.commit()


def run_job(
    job_id: int, engine: Engine | None = None, *, final_attempt: bool = True
) -> TranslationJob | None:
    """Do the work of a job: claim it, translate, then write the machine draft.

    Safe to run again and from several workers: only the worker that claimed the job writes
    to it, and batches already translated come back from the machine cache.
    """
    job = db.session.get(TranslationJob, job_id)
    if job is None or job.state != JobState.QUEUED:
        return job  # finished, cancelled, or held by another worker
    if job.attempts >= leases.max_attempts():
        _fail(job, leases.gave_up_message(job.attempts))
        return job
    if not leases.claim(job):
        return job
    final_attempt = final_attempt or job.attempts >= leases.max_attempts()
    try:
        if job.scope == SCOPE_CHANGED:
            _retranslate_changed(job, engine)
        else:
            _translate_story(job, engine)
    except JobCancelled:
        db.session.rollback()
        log.info("job %s cancelled", job_id)
        return job
    except leases.LeaseLost as exc:
        db.session.rollback()
        log.warning("%s; leaving it to its holder", exc)
        return job
    except (stories.StoryError, DirectionNotInstalled) as exc:
        db.session.rollback()
        message = (
            exc.message
            if isinstance(exc, stories.StoryError)
            else missing_model_message(job.source_lang, job.target_lang)
        )
        leases.release(job_id, JobState.FAILED, message)
        return job
    except Exception:
        db.session.rollback()
        log.exception("translation job %s failed (attempt %s)", job_id, job.attempts)
        if final_attempt:
            leases.release(
                job_id,
                JobState.FAILED,
                _(
                    "The translation stopped because of an internal error; nothing was "
                    "changed. Try again, and tell an administrator if it happens again."
                ),
            )
        else:
            leases.release(job_id, JobState.QUEUED, _("An attempt failed; retrying."))
        raise
    db.session.refresh(job)
    return job


def _translate_story(job: TranslationJob, engine: Engine | None) -> None:
    for round_ in range(1, WRITE_ROUNDS + 1):
        result = _translate(job, engine)
        try:
            _write_draft(job, result, check_human=round_ < WRITE_ROUNDS)
            return
        except HumanEditMeanwhile:
            db.session.rollback()
            log.info("job %s: a sentence was edited meanwhile; assembling again", job.id)


def _retranslate_changed(job: TranslationJob, engine: Engine | None) -> None:
    """The review workspace's "Re-translate changed sentences", as the job's holder."""
    from ..review import service as review

    story = db.session.get(Story, job.story_id)
    article = review.target_article(story, job.target_lang)
    user = db.session.get(User, job.requested_by_id) if job.requested_by_id else None

    def hold(final: bool) -> None:
        if final:
            leases.renew(job, commit=False, state=JobState.DONE, finished_at=utcnow())
        else:
            leases.renew(job, commit=False)

    review.retranslate_changed(
        article,
        user=user,
        engine=engine,
        progress=lambda done, total: leases.renew(job, done=done, total=total),
        hold=hold,
    )


def _fail(job: TranslationJob, message: str) -> None:
    job = db.session.merge(job)
    job.state, job.error, job.finished_at = JobState.FAILED, message, utcnow()
    db.session.commit()


def _translate(job: TranslationJob, engine: Engine | None) -> DocumentTranslation:
    story = db.session.get(Story, job.story_id)
    source = _check_target(story, job.target_lang)
    target_article = story.article(job.target_lang)
    protected = {}
    if target_article is not None:
        protected = {
            s.source_key: s.target_text
            for s in db.session.scalars(
                select(Segment)
                .where(Segment.article_id == target_article.id)
                .order_by(Segment.position)
            )
            if s.status in HUMAN
        }
    cached = CachingEngine(engine or load_engine(job.source_lang, job.target_lang))

    def progress(done: int, total: int) -> None:
        leases.renew(job, done=done, total=total)

    return translate_document(
        title=source.title,
        lead=source.lead,
        body=source.body,
        source=job.source_lang,
        target=job.target_lang,
        engine=cached,
        memory=DatabaseMemory(protected),
        glossary=glossary.pipeline_terms(),
        progress=progress,
        chunk_size=current_app.config["MT_JOB_CHUNK_SIZE"],
    )


def _write_draft(job: TranslationJob, result: DocumentTranslation, *, check_human: bool) -> None:
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
    provenance = result.provenance
    for position, seg in enumerate(result.segments):
        kept = previous.get(seg.key) if seg.origin == ORIGIN_MEMORY else None
        db.session.add(
            Segment(
                article_id=article.id,
                position=position,
                part=seg.kind,
                block=seg.block,
                index=seg.index,
                source_text=seg.source,
                source_key=seg.key,
                target_text=seg.target,
                machine_text=kept.machine_text if kept else seg.machine,
                origin="human" if kept else seg.origin,
                score=seg.score,
                flags=",".join(seg.flags),
                status=kept.status if kept else SegmentStatus.MACHINE,
                package=(seg.provenance or provenance).package
                if (seg.provenance or provenance)
                else "",
                package_version=(seg.provenance or provenance).version
                if (seg.provenance or provenance)
                else "",
            )
        )
    article.title, article.lead, article.body = result.title, result.lead, result.body
    if article.slug.startswith("story-") and result.title:
        article.slug = stories.make_slug(result.title, article.lang, exclude_article_id=article.id)
    article.status = Status.MT_DRAFT
    article.version += 1
    article.updated_at = utcnow()
    note = (
        f"machine translation ({provenance.package} {provenance.version})"
        if provenance
        else ("machine translation (memory)")
    )
    article.revisions.append(
        Revision(
            version=article.version,
            user_id=job.requested_by_id,
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            note=note[:200],
        )
    )
    from ..review import audit

    audit.record(
        "machine_translated",
        article=article,
        user_id=job.requested_by_id,
        scope="story",
        job=job.id,
        engine=provenance.engine if provenance else "",
        package=provenance.package if provenance else "",
        version=provenance.version if provenance else "",
        sentences=len(result.segments),
        from_memory=sum(1 for seg in result.segments if seg.origin == ORIGIN_MEMORY),
    )
    leases.renew(job, commit=False, state=JobState.DONE, finished_at=utcnow())
    db.session.commit()
