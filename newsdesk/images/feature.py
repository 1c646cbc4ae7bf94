"""How the images feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.images import checks
from newsdesk.images.views import bp


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    app.register_blueprint(bp)
    checks.connect(app)
