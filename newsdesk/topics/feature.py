"""How topics join the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.topics.views import bp


def register(app: Flask) -> None:
    """Attach the topics pages."""
    app.register_blueprint(bp)
