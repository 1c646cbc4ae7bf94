"""Interoperability: XLIFF 2.0 for CAT tools, TMX for translation memories."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """The editor's XLIFF pages and the ``xliff`` and ``tm`` commands."""
    from newsdesk.interop.cli import tm_group, xliff_group
    from newsdesk.interop.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(xliff_group)
    app.cli.add_command(tm_group)
