"""How interoperability joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.interop.cli import tm_group, xliff_group
from newsdesk.interop.views import bp


def register(app: Flask) -> None:
    """The editor's XLIFF pages and the ``xliff`` and ``tm`` commands."""
    app.register_blueprint(bp)
    app.cli.add_command(xliff_group)
    app.cli.add_command(tm_group)
