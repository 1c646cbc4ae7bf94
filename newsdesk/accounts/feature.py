"""How the accounts feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.accounts import (  # noqa: F401  (routes join the blueprint)
    account,
    admin,
    policy,
    reset_views,
    token_views,
    views,
)
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.cli import users_group


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    policy.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(users_group)
