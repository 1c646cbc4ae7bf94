"""The job queue: huey on a SQLite file in instance/ by default, on Redis when configured.

Workers: ``huey_consumer newsdesk.translation_jobs.queue.huey`` (production), or the consumer threads that
``newsdesk serve`` starts inside the web process (the embedded default). Either way the
consumer must run with periodic tasks on (huey_consumer's default): a worker killed mid-job
loses its task, and :func:`recover_jobs` (at start-up and every 30 s) queues such jobs again
(see machine_translation.leases).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Config, Flask, has_app_context
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

from newsdesk.config import PROJECT_ROOT, default_instance_path, load_config

log = logging.getLogger(__name__)


def worker_settings() -> Config:
    """The settings a worker reads before any app exists (the queue, its priority)."""
    return load_config(Config(str(PROJECT_ROOT)), default_instance_path())


def make_huey() -> Huey:
    """Build the queue from the same settings the app reads (REDIS_URL, HUEY_IMMEDIATE)."""
    instance = default_instance_path()
    config = worker_settings()
    immediate = bool(config["HUEY_IMMEDIATE"])
    if config["REDIS_URL"]:
        # Inline (immediate) jobs keep results and locks in Redis too when a Redis URL is set.
        return RedisHuey(
            "newsdesk", url=config["REDIS_URL"], immediate=immediate, immediate_use_memory=False
        )
    instance.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("newsdesk", filename=str(instance / "huey.sqlite"), immediate=immediate)


huey = make_huey()

_app: Flask | None = None
_app_lock = threading.Lock()


@contextmanager
def app_context() -> Iterator[None]:
    """The caller's app context when there is one (inline jobs), else this worker's own app."""
    global _app
    if has_app_context():
        yield
        return
    with _app_lock:
        if _app is None:
            from newsdesk import create_app

            _app = create_app()
    with _app.app_context():
        yield


RETRIES = 2
# Seconds between attempts; none when jobs run inline (tests), where nothing would wait.
RETRY_DELAY = 0 if huey.immediate else 5


@huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, context=True)
def translate_story(job_id: int, task=None) -> None:
    """Machine-translate a story (see machine_translation.service.run_job); safe to retry."""
    from newsdesk.translation_jobs import service

    final = task is None or not task.retries
    with app_context():
        service.run_job(job_id, final_attempt=final)


# Seconds between two runs of the recovery step; huey's periodic tasks run once a minute,
# so each run also schedules the one half a minute later.
RECOVERY_INTERVAL = 30


def _recover() -> list[int]:
    from newsdesk.translation_jobs import leases

    with app_context():
        return leases.recover_jobs()


@huey.on_startup()
def lower_worker_priority() -> int:
    """Make this worker thread ``MT_WORKER_NICE`` steps nicer than it was, and put it in
    Linux's SCHED_IDLE class when ``MT_WORKER_IDLE_CLASS`` is set; the new nice value.

    Runs in every worker thread (or process) as it starts, before it loads a model, so the
    CTranslate2 threads it creates inherit the lower priority: Linux keeps the nice value
    per thread and a new thread takes its creator's. The web server's own threads (the
    embedded ``newsdesk serve`` runs the consumer inside it) keep theirs.
    """
    settings = worker_settings()
    steps = max(0, min(19, int(settings["MT_WORKER_NICE"])))
    thread = threading.get_native_id()
    current = os.getpriority(os.PRIO_PROCESS, thread)
    wanted = min(19, current + steps)
    if wanted != current:
        os.setpriority(os.PRIO_PROCESS, thread, wanted)
        log.info("job worker thread %d runs at nice %d", thread, wanted)
    if settings.get("MT_WORKER_IDLE_CLASS") and hasattr(os, "SCHED_IDLE"):
        # Per thread on Linux, inherited by the threads it starts, like the nice value.
        os.sched_setscheduler(thread, os.SCHED_IDLE, os.sched_param(0))
        log.info("job worker thread %d runs in the SCHED_IDLE class", thread)
    return wanted


@huey.on_startup()
def recover_on_startup() -> None:
    """A starting worker first takes back the jobs of workers that died."""
    _recover()


@huey.task()
def recover_jobs() -> list[int]:
    """Queue again translation jobs whose worker died (see machine_translation.leases)."""
    return _recover()


@huey.periodic_task(crontab(minute="*"))
def recover_jobs_periodically() -> list[int]:
    """Every minute, and (scheduled from here) half a minute later."""
    recover_jobs.schedule(delay=RECOVERY_INTERVAL)
    return _recover()


def start_consumer(workers: int = 1, app: Flask | None = None):
    """Start huey's consumer as threads of this process (the embedded set-up); returns it.

    Jobs run in ``app`` (the serving app) when given, else in an app built from the config.
    """
    global _app
    if app is not None:
        _app = app
    # Periodic tasks on: the recovery step must run in every kind of deployment.
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    # The web server owns the signal handlers; the consumer only needs its threads.
    consumer._set_signal_handlers = lambda: None
    consumer.start()
    log.info("job consumer started with %d thread(s)", workers)
    return consumer
