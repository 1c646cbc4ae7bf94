"""newsdesk: bilingual news drafting, offline machine translation and publishing."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from newsdesk.config import PROJECT_ROOT, default_instance_path, load_config

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(
    test_config: dict[str, Any] | None = None, instance_path: str | os.PathLike | None = None
) -> Flask:
    """Build the application: config, extensions, blueprints and CLI. No routes here."""
    app = Flask(
        __name__,
        instance_path=str(instance_path or default_instance_path()),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PACKAGE_DIR / "static"),
    )
    configure_settings(app, test_config)
    configure_extensions(app)
    configure_blueprints(app)
    return app


def configure_settings(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then instance/config.py, then NEWSDESK_* variables, then test overrides."""
    load_config(app.config, Path(app.instance_path))
    if test_config:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(PROJECT_ROOT / "translations")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    packages = Path(app.config["ARGOS_PACKAGES_DIR"])
    if not packages.is_absolute():
        app.config["ARGOS_PACKAGES_DIR"] = str(Path(app.instance_path) / packages)
    logging.getLogger(__name__).debug("instance folder: %s", app.instance_path)


def _instance_secret(instance: Path) -> str:
    """A random secret generated once per instance, so sessions survive restarts."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def configure_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from newsdesk import db_setup, i18n, security
    from newsdesk.extensions import babel, csrf, db, login_manager, migrate

    security.init_request_origin(app)  # first: proxies, then cross-site requests refused
    db.init_app(app)
    db_setup.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    security.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = i18n.LOGIN_MESSAGE
    login_manager.login_message_category = "info"


def configure_blueprints(app: Flask) -> None:
    """Each feature registers its blueprint, CLI and hooks; the order matters where noted.

    The features are imported here, when an app is built, not at the top of this module: so
    ``import newsdesk.machine_translation`` (the pure MT library) from a plain script loads
    neither the web features nor the database layer."""
    from newsdesk import errors
    from newsdesk.accounts import feature as accounts
    from newsdesk.api import feature as api
    from newsdesk.desk import feature as desk
    from newsdesk.drafts import feature as drafts
    from newsdesk.glossary import feature as glossary
    from newsdesk.images import feature as images
    from newsdesk.interop import feature as interop
    from newsdesk.maintenance import feature as maintenance
    from newsdesk.people import feature as people
    from newsdesk.review import feature as review
    from newsdesk.site import feature as site
    from newsdesk.stories import feature as stories
    from newsdesk.topics import feature as topics
    from newsdesk.translation_jobs import feature as translation_jobs

    accounts.register(app)  # first: the access policy runs before every view
    stories.register(app)
    site.register(app)
    review.register(app)  # the review workspace blueprint and the `qa` commands
    glossary.register(app)
    people.register(app)  # after the glossary: its names join the MT glossary
    topics.register(app)
    images.register(app)
    translation_jobs.register(app)
    maintenance.register(app)
    errors.init_app(app)
    drafts.register(app)  # after the error pages: an expired session or token keeps the text
    api.register(app)  # after the error pages: JSON errors under /api/
    interop.register(app)  # XLIFF pages and the `xliff` and `tm` commands
    desk.register(app)  # the translator's work queue
