"""The REST API (/api/v1/): JSON for stories, articles, publishing, MT jobs and the glossary.

Clients authenticate with per-user Bearer tokens only (never the session cookie), so the
blueprint is exempt from CSRF. Views declare their bodies and answers as marshmallow schemas
(schemas.py); flask-smorest validates with them and writes the OpenAPI document from them.
"""

from __future__ import annotations

from flask import Flask

from newsdesk.api import errors
from newsdesk.api.blueprint import ApiBlueprint

bp = ApiBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Stories, publishing, machine-translation jobs and the glossary.",
)
errors.handle_on(bp)

from newsdesk.api import auth, views, writes  # noqa: E402, F401  (they register on bp)


def register(app: Flask) -> None:
    """Register the blueprint (and its document), exempt from CSRF (tokens, not cookies),
    and the CLI."""
    from newsdesk.api import spec
    from newsdesk.api.cli import tokens_group
    from newsdesk.extensions import csrf

    csrf.exempt(bp)
    spec.init_app(app, bp)
    errors.init_app(app, bp.url_prefix)
    app.cli.add_command(tokens_group)
