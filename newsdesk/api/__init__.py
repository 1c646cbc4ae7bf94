"""The REST API (/api/v1/): JSON for stories, articles, publishing, MT jobs and the glossary.

Clients authenticate with per-user Bearer tokens only (never the session cookie), so the
blueprint is exempt from CSRF; role checks are the UI's.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from newsdesk.api import auth, errors, views, writes  # noqa: E402, F401  (they register on bp)


def register(app: Flask) -> None:
    """Register the blueprint, exempt from CSRF (tokens, not cookies), and the CLI."""
    from newsdesk.api.cli import tokens_group
    from newsdesk.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
    errors.init_app(app)
    app.cli.add_command(tokens_group)
