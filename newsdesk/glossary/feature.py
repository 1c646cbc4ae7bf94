"""How the glossary feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.glossary.cli import glossary_group
from newsdesk.glossary.views import bp


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    app.register_blueprint(bp)
    app.cli.add_command(glossary_group)
