"""How the site feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.site import feeds, media, search, views  # noqa: F401  (routes join the blueprint)
from newsdesk.site.blueprint import bp


def register(app: Flask) -> None:
    """Attach the readers' blueprint; SQLite connections get the search index's stemmer."""
    app.register_blueprint(bp)
    search.init_app(app)
