"""How the translation jobs feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask, request_started

from newsdesk.stories import signals
from newsdesk.translation_jobs import archive, model_admin, model_views, queue, views
from newsdesk.translation_jobs.cli import mt_group


def register(app: Flask) -> None:
    """Attach this feature's blueprint and commands, and bind the job queue to the app."""
    assert model_views.bp is views.bp  # the models page's routes are on this blueprint
    app.register_blueprint(views.bp)
    request_started.connect(model_admin.prepare_upload_request, app)
    signals.story_page.connect(views.story_page_context, app)
    signals.published.connect(archive.remember_published, app)
    app.cli.add_command(mt_group)
    app.jinja_env.globals["job_progress_label"] = views.progress_label  # the bar's text
    queue.init_app(app)  # storage, inline mode (HUEY_IMMEDIATE) and the app jobs run in
