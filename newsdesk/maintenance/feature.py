"""How the maintenance feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.maintenance.cli import COMMANDS


def register(app: Flask) -> None:
    """Attach this feature's blueprint, commands and hooks to the app."""
    for command in COMMANDS:
        app.cli.add_command(command)
