"""How the REST API joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.api import auth, errors, spec, views, writes  # noqa: F401  (routes join bp)
from newsdesk.api.blueprint import bp
from newsdesk.api.cli import tokens_group
from newsdesk.extensions import csrf


def register(app: Flask) -> None:
    """Register the blueprint (and its document), exempt from CSRF (tokens, not cookies),
    and the CLI."""
    csrf.exempt(bp)
    spec.init_app(app, bp)
    errors.init_app(app, bp.url_prefix)
    app.cli.add_command(tokens_group)
