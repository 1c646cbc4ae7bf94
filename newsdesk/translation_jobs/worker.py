"""A job worker process: ``huey_consumer newsdesk.translation_jobs.worker.huey``.

Importing this module builds the app (settings from instance/config.py and ``NEWSDESK_*``
variables, as ``newsdesk serve`` reads them), which binds the queue; the consumer then runs
every job inside that app. The web process never imports it.
"""

from __future__ import annotations

from newsdesk import create_app
from newsdesk.translation_jobs.queue import huey

app = create_app()

__all__ = ["app", "huey"]
