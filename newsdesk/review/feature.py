"""How the review feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.review import (
    finding_kinds,
    hooks,
    panels,
    story_views,  # noqa: F401  (routes join the blueprint)
    views,  # noqa: F401
)
from newsdesk.review.blueprint import bp
from newsdesk.review.cli import qa_group


def register(app: Flask) -> None:
    """Attach the blueprint and the ``qa`` command group; subscribe to story events."""
    app.register_blueprint(bp)
    app.cli.add_command(qa_group)
    app.add_template_global(finding_kinds.name, "check_names")
    hooks.connect(app)
    panels.connect(app)
