"""Shared fixtures: a fresh app on a real SQLite file per test, factories for users and stories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import has_app_context

from newsdesk import create_app
from newsdesk.extensions import db
from newsdesk.models import Role, Status, Story, User
from tests.mt_fixtures import (  # noqa: F401  (fixtures for the real argos path)
    argos_home,
    argos_packages,
    block_network,
    empty_argos_packages,
    tiny_argos_files,
)

# Jobs run inline in tests (huey's immediate mode, in memory): set before newsdesk.jobs loads.
os.environ["NEWSDESK_HUEY_IMMEDIATE"] = "true"

PASSWORD = "correct horse battery"


def _config(instance: Path, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'newsdesk.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        # A cheap scrypt cost keeps the suite fast; the OWASP default is tested on DefaultConfig.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        **extra,
    }


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """One database migrated with the real Alembic migrations, copied for each test."""
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("template")
    app = create_app(_config(instance), instance_path=instance)
    with app.app_context():
        upgrade()
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    return instance / "newsdesk.sqlite"


@pytest.fixture
def app_factory(tmp_path, migrated_db) -> Callable:
    """Build an app on a fresh copy of the migrated database; extra config as keywords."""

    def build(**extra):
        instance = tmp_path / "instance"
        instance.mkdir(exist_ok=True)
        target = instance / "newsdesk.sqlite"
        if not target.exists():
            shutil.copy(migrated_db, target)
        return create_app(_config(instance, **extra), instance_path=instance)

    return build


@pytest.fixture
def app(app_factory):
    """The app with no context pushed: each client request gets its own, as in production."""
    app = app_factory()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def ctx(app):
    """An app context for tests that call services directly."""
    with app.app_context():
        yield app


@contextmanager
def _context(app):
    """Reuse the test's app context when there is one, else push a short-lived one."""
    if has_app_context():
        yield
    else:
        with app.app_context():
            yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    """Create a user: make_user("ed", role="editor", languages="en,ru", locale=None)."""
    from newsdesk import users

    def make(username: str = "editor", role: str = "editor", languages: str = "en,ru", locale=None):
        with _context(app):
            user = users.create_user(username, PASSWORD, Role(role), languages)
            if locale:
                users.set_locale(user, locale)
            db.session.refresh(user)
            return user

    return make


@pytest.fixture
def make_story(app) -> Callable[..., Story]:
    """Create a story from per-language dicts or titles; publish="pair"|"en"|"ru", at=datetime."""
    from newsdesk import stories

    def make(en=None, ru=None, *, source: str | None = None, publish: str | None = None, at=None):
        sides = {
            k: ({"title": v} if isinstance(v, str) else dict(v))
            for k, v in (("en", en), ("ru", ru))
            if v
        }
        for side in sides.values():
            side.setdefault("body", f"Body of {side['title']}.")
            side.setdefault("status", Status.READY if publish else Status.DRAFT)
        first = source or next(iter(sides))
        with _context(app):
            story = stories.create_story(lang=first, **sides.pop(first))
            for lang, side in sides.items():
                stories.add_article(story, lang=lang, **side)
            if publish == "pair":
                stories.publish_pair(story, at=at)
            elif publish:
                stories.publish_single(story, publish, at=at)
            # Load what tests read, so the object stays usable once the context ends.
            story = stories.get_story(story.id)
            for article in story.articles:
                _ = article.slug, article.story
            return story

    return make


@pytest.fixture
def login(client):
    """Log a user in through the real login form."""

    def do(user: User):
        response = client.post(
            "/editor/login", data={"username": user.username, "password": PASSWORD}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return do
