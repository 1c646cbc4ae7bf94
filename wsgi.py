"""Entry points that build the app: ``gunicorn wsgi:app`` (the web server) and
``huey_consumer wsgi.huey`` (a job worker process; run from the project folder)."""

from newsdesk import create_app
from newsdesk.translation_jobs.queue import huey

app = create_app()  # binds the job queue: the worker runs every job inside this app

__all__ = ["app", "huey"]
