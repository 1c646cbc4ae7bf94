"""How the drafts feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in

from newsdesk.drafts import recovery, service, views
from newsdesk.stories import signals


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    app.register_blueprint(views.bp)
    signals.edit_page.connect(views.edit_page_context, app)
    signals.saved_by_user.connect(service.discard_superseded, app)
    recovery.init_app(app)  # after the error pages: an expired session or token keeps the text
    user_logged_in.connect(recovery.keep_text_on_login, app)
    app.context_processor(recovery.login_page_context)
