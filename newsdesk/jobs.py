"""The job queue: huey on a SQLite file in instance/ by default, on Redis when configured.

Workers: ``huey_consumer newsdesk.jobs.huey`` (production), or the consumer threads that
``newsdesk serve`` starts inside the web process (the embedded default).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Config, Flask, has_app_context
from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from .config import PROJECT_ROOT, default_instance_path, load_config

log = logging.getLogger(__name__)


def make_huey() -> Huey:
    """Build the queue from the same settings the app reads (REDIS_URL, HUEY_IMMEDIATE)."""
    instance = default_instance_path()
    config = load_config(Config(str(PROJECT_ROOT)), instance)
    immediate = bool(config["HUEY_IMMEDIATE"])
    if config["REDIS_URL"]:
        return RedisHuey("newsdesk", url=config["REDIS_URL"], immediate=immediate)
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
            from . import create_app

            _app = create_app()
    with _app.app_context():
        yield


RETRIES = 2
# Seconds between attempts; none when jobs run inline (tests), where nothing would wait.
RETRY_DELAY = 0 if huey.immediate else 5


@huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, context=True)
def translate_story(job_id: int, task=None) -> None:
    """Machine-translate a story (see machine_translation.service.run_job); safe to retry."""
    from .machine_translation import service

    final = task is None or not task.retries
    with app_context():
        service.run_job(job_id, final_attempt=final)


def start_consumer(workers: int = 1, app: Flask | None = None):
    """Start huey's consumer as threads of this process (the embedded set-up); returns it.

    Jobs run in ``app`` (the serving app) when given, else in an app built from the config.
    """
    global _app
    if app is not None:
        _app = app
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=False)
    # The web server owns the signal handlers; the consumer only needs its threads.
    consumer._set_signal_handlers = lambda: None
    consumer.start()
    log.info("job consumer started with %d thread(s)", workers)
    return consumer
