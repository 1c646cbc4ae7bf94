"""How the site feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.site import feeds, media, preview, search, views  # noqa: F401  (routes join bp)
from newsdesk.site.blueprint import bp
from newsdesk.stories import signals


def register(app: Flask) -> None:
    """Attach the readers' blueprint; SQLite connections get the search index's stemmer."""
    app.register_blueprint(bp)
    search.init_app(app)
    signals.story_page.connect(preview.story_page_panel, app)  # "Preview as readers will see it"
