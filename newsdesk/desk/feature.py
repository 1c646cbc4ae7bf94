"""How the translator's desk joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.desk import views


def register(app: Flask) -> None:
    """Attach the desk page."""
    app.register_blueprint(views.bp)
