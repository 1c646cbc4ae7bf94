"""Leases on translation jobs: which worker holds a job, and taking back jobs whose worker died.

huey hands a task to one worker and forgets it, so a worker killed mid-job (SIGKILL, OOM,
a lost machine) loses it. The database keeps the truth instead: a running job names its
worker (``host:pid``) and carries a heartbeat renewed after every batch of sentences. Every
write a worker makes to a job is conditional on still holding it, so a worker whose job was
taken back cannot overwrite the one that took it. :func:`recover_jobs` queues again what
nobody holds; re-running a job is cheap because finished sentences come from the cache.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

from blinker import Namespace
from flask import current_app
from flask_babel import ngettext
from sqlalchemy import or_, select, update

from newsdesk.extensions import db
from newsdesk.models import JobState, TranslationJob, utcnow

log = logging.getLogger(__name__)

# Sent with the id of a job that needs a worker (just queued, or taken back from a dead one).
# The queue (translation_jobs.queue) answers by queuing its task: the job logic announces,
# the queue that runs it listens, so neither imports the other both ways.
job_ready = Namespace().signal("translation-job-ready")


class LeaseLost(Exception):
    """This worker no longer holds the job: it was cancelled, finished or taken back."""


class JobCancelled(Exception):
    """The editor cancelled the job while it ran."""


def worker_id() -> str:
    """This process's name on the jobs it runs: ``hostname:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_length() -> timedelta:
    return timedelta(seconds=current_app.config["MT_JOB_LEASE"])


def max_attempts() -> int:
    return int(current_app.config["MT_JOB_MAX_ATTEMPTS"])


def gave_up_message(attempts: int) -> str:
    """Why a job that keeps stopping its worker was failed, for the editor."""
    return ngettext(
        "The translation was started %(num)d time and its worker stopped each time, so it "
        "was given up. Try again, and tell an administrator if it happens again.",
        "The translation was started %(num)d times and its worker stopped each time, so it "
        "was given up. Try again, and tell an administrator if it happens again.",
        attempts,
    )


def _held(job_id: int):
    """The WHERE clause of every write by the job's holder."""
    return (
        TranslationJob.id == job_id,
        TranslationJob.worker == worker_id(),
        TranslationJob.state == JobState.RUNNING,
    )


def claim(job: TranslationJob) -> bool:
    """Take a queued job for this worker (one attempt more); False if someone else did."""
    now = utcnow()
    result = db.session.execute(
        update(TranslationJob)
        .where(TranslationJob.id == job.id, TranslationJob.state == JobState.QUEUED)
        .values(
            state=JobState.RUNNING,
            worker=worker_id(),
            heartbeat_at=now,
            started_at=now,
            attempts=TranslationJob.attempts + 1,
            error="",
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(job)
    return result.rowcount == 1


def renew(job: TranslationJob, *, commit: bool = True, **values) -> None:
    """Renew the lease (and write ``values``); raise if the job is no longer this worker's.

    Without ``commit`` the update opens the caller's write transaction, which then holds
    the job (and on SQLite the database) until it commits.
    """
    result = db.session.execute(
        update(TranslationJob)
        .where(*_held(job.id))
        .values(heartbeat_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        if commit:
            db.session.commit()
        return
    db.session.rollback()
    state = db.session.scalar(select(TranslationJob.state).where(TranslationJob.id == job.id))
    if state == JobState.CANCELLED:
        raise JobCancelled()
    raise LeaseLost(f"job {job.id} is no longer held by {worker_id()} (now {state})")


def release(job_id: int, state: JobState, error: str) -> bool:
    """Hand a held job back (queued for a retry) or end it (failed); False if not held."""
    values: dict = {"state": state, "error": error, "heartbeat_at": utcnow()}
    if state == JobState.QUEUED:
        values["worker"] = ""
    else:
        values["finished_at"] = utcnow()
    result = db.session.execute(
        update(TranslationJob)
        .where(*_held(job_id))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _dead_here(worker: str) -> bool:
    """True when ``worker`` is a process of this machine that no longer exists."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by another user
    return False


def recover_jobs(
    now: datetime | None = None, waiting: Callable[[], set[int]] = frozenset
) -> list[int]:
    """Queue again the jobs nobody holds; fail those that were started too often.

    A running job is taken back when its lease ran out, or at once when its worker was a
    process of this machine that is gone. A queued job whose task is in no queue (lost
    between huey handing it out and a worker claiming it) is queued again once its lease
    ran out. ``waiting()`` names the jobs whose task is in the queue (asked only when
    needed). Each job queued again is announced on :data:`job_ready`; returns their ids.
    """
    now = now or utcnow()
    cutoff = now - lease_length()
    requeued: list[int] = []
    running = db.session.scalars(
        select(TranslationJob).where(TranslationJob.state == JobState.RUNNING)
    ).all()
    for job in running:
        job_id, holder, beat, attempts = job.id, job.worker, job.heartbeat_at, job.attempts
        if not (beat is None or beat < cutoff or _dead_here(holder)):
            continue
        gave_up = attempts >= max_attempts()
        values: dict = {"worker": "", "heartbeat_at": now}
        if gave_up:
            values.update(state=JobState.FAILED, finished_at=now, error=gave_up_message(attempts))
        else:
            values.update(state=JobState.QUEUED, error="")
        # Only if nothing moved since we looked: the worker may have just renewed its lease.
        result = db.session.execute(
            update(TranslationJob)
            .where(
                TranslationJob.id == job_id,
                TranslationJob.state == JobState.RUNNING,
                TranslationJob.worker == holder,
                TranslationJob.heartbeat_at == beat
                if beat is not None
                else TranslationJob.heartbeat_at.is_(None),
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if result.rowcount != 1:
            continue
        log.warning(
            "job %s: worker %s stopped holding it after %s attempt(s); %s",
            job_id,
            holder or "?",
            attempts,
            "given up" if gave_up else "queued again",
        )
        if not gave_up:
            requeued.append(job_id)
    stale_queued = db.session.scalars(
        select(TranslationJob.id).where(
            TranslationJob.state == JobState.QUEUED,
            or_(
                TranslationJob.heartbeat_at < cutoff,
                (TranslationJob.heartbeat_at.is_(None) & (TranslationJob.created_at < cutoff)),
            ),
        )
    ).all()
    if stale_queued:
        in_queue = waiting()
        for job_id in stale_queued:
            if job_id in in_queue:
                continue
            result = db.session.execute(
                update(TranslationJob)
                .where(TranslationJob.id == job_id, TranslationJob.state == JobState.QUEUED)
                .values(heartbeat_at=now)
                .execution_options(synchronize_session=False)
            )
            db.session.commit()
            if result.rowcount == 1:
                log.warning("job %s was queued but in no queue; queued again", job_id)
                requeued.append(job_id)
    db.session.expire_all()
    for job_id in requeued:
        job_ready.send(job_id)
    return requeued
