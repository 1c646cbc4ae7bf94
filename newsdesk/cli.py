"""The ``newsdesk`` console script (``flask --app wsgi …`` works too): every feature adds its
commands in its ``register(app)``."""

from __future__ import annotations

from flask.cli import FlaskGroup

from newsdesk import create_app


def main() -> None:
    """Entry point of the ``newsdesk`` console script."""
    FlaskGroup(create_app=lambda: create_app(), help="newsdesk: bilingual newsroom.")(
        prog_name="newsdesk"
    )
