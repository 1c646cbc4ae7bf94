"""How the translation jobs feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.stories import signals
from newsdesk.translation_jobs import queue, views
from newsdesk.translation_jobs.cli import mt_group


def register(app: Flask) -> None:
    """Attach this feature's blueprint and commands, and bind the job queue to the app."""
    app.register_blueprint(views.bp)
    signals.story_page.connect(views.story_page_context, app)
    app.cli.add_command(mt_group)
    queue.init_app(app)  # storage, inline mode (HUEY_IMMEDIATE) and the app jobs run in
    app.jinja_env.globals["job_progress_label"] = views.progress_label  # the bar's text
