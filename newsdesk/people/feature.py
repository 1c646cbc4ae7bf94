"""How the name register joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.glossary.service import add_term_source
from newsdesk.people.service import pipeline_terms
from newsdesk.people.views import bp


def register(app: Flask) -> None:
    """Attach the register's pages, and feed its names to MT as glossary terms."""
    app.register_blueprint(bp)
    add_term_source(app, pipeline_terms)
