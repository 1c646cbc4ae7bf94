"""The job queue: huey, declared here and bound to the app's settings by :func:`init_app`.

Tasks register on ``huey`` when this module loads; ``create_app`` binds it to the app
(``register`` in this feature): ``REDIS_URL`` set puts the queue on Redis, else it is a
SQLite file ``instance/huey.sqlite``; ``HUEY_IMMEDIATE`` runs jobs inline (in memory, or in
Redis when a Redis URL is set). Nothing is read from the environment at import.

Workers: the consumer threads that ``newsdesk serve`` starts inside the web process, on
the app it serves (the embedded default), or ``huey_consumer wsgi.huey`` run from the
project folder (a separate process; ``wsgi.py`` builds the app). Either way the consumer
must run with periodic tasks on (huey_consumer's default): a worker killed mid-job loses
its task, and the recovery step (at start-up and every 30 s) queues such jobs again (see
translation_jobs.leases).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, has_app_context
from huey import crontab
from huey.api import Huey
from huey.storage import BaseStorage, RedisStorage, SqliteStorage

from newsdesk.stories import service as stories
from newsdesk.translation_jobs import leases, service

log = logging.getLogger(__name__)


class UnboundStorage(BaseStorage):
    """The storage of a queue no app was bound to yet: using it is a mistake, said plainly."""

    def enqueue(self, data, priority=None):
        raise RuntimeError("the job queue is not bound to an app: create_app() binds it")


class AppQueue(Huey):
    """A huey queue whose storage comes from an app's config in :meth:`init_app`."""

    storage_class = UnboundStorage

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.app: Flask | None = None
        self._binding: tuple | None = None

    def init_app(self, app: Flask) -> None:
        """Bind the queue to ``app``: its storage, inline mode, and the app jobs run in."""
        config = app.config
        immediate = bool(config["HUEY_IMMEDIATE"])
        if config["REDIS_URL"]:
            # Inline (immediate) jobs keep results and locks in Redis too when a Redis URL is set.
            binding = (RedisStorage, {"url": config["REDIS_URL"]}, immediate, False)
        else:
            filename = str(Path(app.instance_path) / "huey.sqlite")
            binding = (SqliteStorage, {"filename": filename}, immediate, True)
        self.app = app
        app.extensions["huey"] = self
        # Seconds between attempts; none when jobs run inline (tests), where nothing would wait.
        run_translation_job.task_class.default_retry_delay = 0 if immediate else RETRY_DELAY
        if binding == self._binding:
            return  # the same settings (another app of the same process): keep the connection
        self._binding = binding
        self.storage_class, kwargs, self._immediate, self.immediate_use_memory = binding
        self.storage_kwargs = dict(kwargs)
        self.storage = self.create_storage()


huey = AppQueue("newsdesk")


def init_app(app: Flask) -> None:
    """Bind the queue to the app being built (called by this feature's ``register``)."""
    huey.init_app(app)


@contextmanager
def app_context() -> Iterator[None]:
    """The caller's app context when there is one (inline jobs), else the bound app's."""
    if has_app_context():
        yield
        return
    if huey.app is None:
        raise RuntimeError("the job queue is not bound to an app: create_app() binds it")
    with huey.app.app_context():
        yield


RETRIES = 2
RETRY_DELAY = 5


@huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, context=True)
def run_translation_job(job_id: int, task=None) -> None:
    """Run a translation job (see translation_jobs.service.run_job); safe to retry."""
    final = task is None or not task.retries
    with app_context():
        service.run_job(job_id, final_attempt=final)


@leases.job_ready.connect
def _give_to_a_worker(job_id: int, **_: object) -> None:
    """A job wants a worker (queued, or taken back from a dead one): queue its task."""
    run_translation_job(job_id)


def queued_job_ids() -> set[int]:
    """Jobs that have a translate task waiting in the queue or its schedule."""
    name = run_translation_job.name
    return {
        int(task.args[0])
        for task in [*huey.pending(), *huey.scheduled()]
        if task.name == name and task.args
    }


# Seconds between two runs of the recovery step; huey's periodic tasks run once a minute,
# so each run also schedules the one half a minute later.
RECOVERY_INTERVAL = 30


def _recover() -> list[int]:
    with app_context():
        return leases.recover_jobs(waiting=queued_job_ids)


@huey.on_startup()
def lower_worker_priority() -> int:
    """Make this worker thread ``MT_WORKER_NICE`` steps nicer than it was, and put it in
    Linux's SCHED_IDLE class when ``MT_WORKER_IDLE_CLASS`` is set; the new nice value.

    Runs in every worker thread (or process) as it starts, before it loads a model, so the
    CTranslate2 threads it creates inherit the lower priority: Linux keeps the nice value
    per thread and a new thread takes its creator's. The web server's own threads (the
    embedded ``newsdesk serve`` runs the consumer inside it) keep theirs.
    """
    settings = huey.app.config
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
    """Queue again translation jobs whose worker died (see translation_jobs.leases)."""
    return _recover()


@huey.periodic_task(crontab(minute="*"))
def recover_jobs_periodically() -> list[int]:
    """Every minute, and (scheduled from here) half a minute later."""
    recover_jobs.schedule(delay=RECOVERY_INTERVAL)
    return _recover()


@huey.periodic_task(crontab(minute="17", hour="3"))
def purge_trash_daily() -> list[int]:
    """Once a day: purge the stories in the trash longer than ``TRASH_RETENTION_DAYS``
    (the same rule as ``newsdesk stories purge-trash``)."""
    with app_context():
        return stories.purge_expired()


def start_consumer(workers: int = 1, app: Flask | None = None):
    """Start huey's consumer as threads of this process (the embedded set-up); returns it.

    Jobs run in ``app`` (the serving app) when given, else in the app the queue was bound to.
    A graceful stop waits ``JOB_CONSUMER_SHUTDOWN_SECONDS`` at most for a running task.
    """
    if app is not None:
        huey.init_app(app)
    # Periodic tasks on: the recovery step must run in every kind of deployment.
    consumer = huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=True,
        shutdown_timeout=float(huey.app.config["JOB_CONSUMER_SHUTDOWN_SECONDS"]),
    )
    # The web server owns the signal handlers; the consumer only needs its threads.
    consumer._set_signal_handlers = lambda: None
    consumer.start()
    log.info("job consumer started with %d thread(s)", workers)
    return consumer
