"""How the drafts feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in

from newsdesk.drafts import recovery
from newsdesk.drafts.views import bp


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    app.register_blueprint(bp)
    recovery.init_app(app)  # after the error pages: an expired session or token keeps the text
    user_logged_in.connect(recovery.keep_text_on_login, app)
    app.context_processor(recovery.login_page_context)
