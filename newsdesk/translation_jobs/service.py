"""Service layer for machine translation in the product: jobs that make machine drafts.

Queue, cancel and run jobs here. :func:`translate_sentences` is the one MT call (a
whole-story job and review's re-translation of changed sentences alike); ``draft_writer``
is the one writer of machine sentences, revisions and audit entries; ``directions`` says
which models are installed. ``load_engine`` stays in this module on purpose: it is where
the job, the review workspace and the CLI look it up, so tests and the worker probe
replace ``service.load_engine`` and every caller sees the replacement.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.machine_translation.engine import DirectionNotInstalled, Engine
from newsdesk.machine_translation.pipeline import DocumentTranslation, translate_document
from newsdesk.models import Article, JobState, Segment, Status, Story, TranslationJob, User, utcnow
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import leases
from newsdesk.translation_jobs.directions import directions, missing_model_message
from newsdesk.translation_jobs.draft_writer import HUMAN, HumanEditMeanwhile, write_draft
from newsdesk.translation_jobs.memory import CachingEngine, DatabaseMemory
from newsdesk.translation_jobs.progress import ProgressEngine, Throttled

log = logging.getLogger(__name__)


class TranslationUnavailable(stories.StoryError):
    """Machine translation cannot run for this story now; the message says what to do."""


# Translate-and-write rounds when people keep editing the target while the job runs.
WRITE_ROUNDS = 3


def configure_engines() -> None:
    """Point argostranslate at the app's packages folder with the app's decoding settings."""
    # Imported on first use: argostranslate is heavy, optional, and creates folders at import.
    from newsdesk.machine_translation import argos

    cfg = current_app.config
    argos.configure(
        Path(cfg["ARGOS_PACKAGES_DIR"]),
        beam_size=cfg["MT_BEAM_SIZE"],
        inter_threads=cfg["MT_INTER_THREADS"],
        intra_threads=cfg["MT_INTRA_THREADS"],
        compute_type=cfg["MT_COMPUTE_TYPE"],
        max_batch_size=cfg["MT_MAX_BATCH_SIZE"],
    )


def load_engine(source: str, target: str) -> Engine:
    """The warm engine for a direction in this process (argostranslate + CTranslate2)."""
    # Imported on first use: argostranslate is heavy, optional, and creates folders at import.
    from newsdesk.machine_translation import argos

    configure_engines()
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
    leases.job_ready.send(job.id)  # the queue gives it a worker (inline in immediate mode)
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
        JOB_SCOPES[job.scope](job, engine)
    except leases.JobCancelled:
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


def _translate_whole_story(job: TranslationJob, engine: Engine | None) -> None:
    for round_ in range(1, WRITE_ROUNDS + 1):
        result = _translate(job, engine)
        try:
            write_draft(job, result, check_human=round_ < WRITE_ROUNDS)
            return
        except HumanEditMeanwhile:
            db.session.rollback()
            log.info("job %s: a sentence was edited meanwhile; assembling again", job.id)


# How a job of each scope does its work. The whole story is this module's; the changed
# sentences are the review feature's (review.service.retranslate registers it): review
# depends on translation jobs, never the other way round.
JobRunner = Callable[[TranslationJob, Engine | None], None]
JOB_SCOPES: dict[str, JobRunner] = {SCOPE_STORY: _translate_whole_story}


def job_scope(scope: str) -> Callable[[JobRunner], JobRunner]:
    """Register the function that runs jobs of ``scope`` (a decorator)."""

    def register(runner: JobRunner) -> JobRunner:
        JOB_SCOPES[scope] = runner
        return runner

    return register


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

    def progress(done: int, total: int) -> None:
        leases.renew(job, done=done, total=total)

    translated = translate_sentences(
        source, job.target_lang, keep=protected, engine=engine, progress=progress
    )
    return translated.document


@dataclass(frozen=True)
class MachineTranslation:
    """An article's sentences machine-translated: the document, and how often the engine
    was asked (the rest came from the cache or the sentences kept)."""

    document: DocumentTranslation
    engine_calls: int


def translate_sentences(
    source: Article,
    target: str,
    *,
    keep: Mapping[str, str],
    engine: Engine | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MachineTranslation:
    """Translate the sentences of ``source`` into ``target``, keeping the target text given
    for some of them (by sentence key); ``progress(done, total)`` follows the batches.

    The one MT call of the product: a whole-story job and a re-translation of changed
    sentences both come here; the engine's output is cached, the glossary applied.
    """
    raw = engine or load_engine(source.lang, target)
    if progress is not None:  # report within a batch too, throttled (see .progress)
        cfg = current_app.config
        throttled = Throttled(
            progress, every=cfg["MT_JOB_PROGRESS_EVERY"], seconds=cfg["MT_JOB_PROGRESS_SECONDS"]
        )
        raw = ProgressEngine(raw, throttled, step=cfg["MT_JOB_PROGRESS_STEP"])
        progress = throttled.batch_done
    cached = CachingEngine(raw)
    document = translate_document(
        title=source.title,
        lead=source.lead,
        body=source.body,
        source=source.lang,
        target=target,
        engine=cached,
        memory=DatabaseMemory(dict(keep)),
        glossary=glossary.pipeline_terms(),
        progress=progress,
        chunk_size=current_app.config["MT_JOB_CHUNK_SIZE"],
    )
    return MachineTranslation(document, cached.engine_calls)
