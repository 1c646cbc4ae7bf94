"""Shared fixtures: a fresh app on a real database per test, factories for users and stories.

The suite runs twice in CI: on SQLite files (the default) and with ``--scale-out`` on
PostgreSQL + Redis, each started on loopback by this conftest (tests/services.py) or taken
from ``NEWSDESK_TEST_DATABASE_URL`` / ``NEWSDESK_TEST_REDIS_URL``. On PostgreSQL every test
gets its own database, created from a migrated template.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from flask import has_app_context

from newsdesk import create_app
from newsdesk.extensions import db
from newsdesk.models import Role, Status, Story, User
from tests import services
from tests.mt_fixtures import (  # noqa: F401  (fixtures for the real argos path)
    argos_home,
    argos_packages,
    block_network,
    empty_argos_packages,
    tiny_argos_files,
)

# Jobs run inline in tests (huey's immediate mode, in memory): every app reads it, and
# create_app binds the job queue to its app's settings.
os.environ["NEWSDESK_HUEY_IMMEDIATE"] = "true"

PASSWORD = "correct horse battery"

# Set by pytest_configure on a --scale-out run: the PostgreSQL server's URL (database "postgres").
SCALE_OUT: dict[str, str] = {}


def pytest_addoption(parser):
    parser.addoption(
        "--scale-out",
        action="store_true",
        help="run on PostgreSQL + Redis (started on loopback unless NEWSDESK_TEST_DATABASE_URL "
        "and NEWSDESK_TEST_REDIS_URL name servers)",
    )


def pytest_configure(config):
    if not config.getoption("--scale-out"):
        return
    stack = ExitStack()
    config.add_cleanup(stack.close)
    try:
        pg = os.environ.get("NEWSDESK_TEST_DATABASE_URL") or stack.enter_context(
            services.postgres_server()
        )
        redis = os.environ.get("NEWSDESK_TEST_REDIS_URL") or stack.enter_context(
            services.redis_server()
        )
    except services.ServiceMissing as exc:
        raise pytest.UsageError(f"--scale-out needs {exc}: run `make services`") from exc
    SCALE_OUT["database"] = pg
    # Every app built from here on (and its job queue, bound in create_app) reads this.
    os.environ["NEWSDESK_REDIS_URL"] = redis
    config.stash[_BANNER] = f"scale-out run: {pg.split('@')[-1]} + {redis}"


_BANNER = pytest.StashKey[str]()


def pytest_report_header(config):
    return config.stash.get(_BANNER, "database: SQLite files, job queue: huey in memory")


def pytest_collection_modifyitems(config, items):
    if not SCALE_OUT:
        return
    skip = pytest.mark.skip(reason="exercises SQLite itself; this run is on PostgreSQL")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


def on_postgres() -> bool:
    return bool(SCALE_OUT)


def _database_url(instance: Path) -> str:
    return f"sqlite:///{instance / 'newsdesk.sqlite'}"


def _config(instance: Path, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": _database_url(instance),
        "WTF_CSRF_ENABLED": False,
        "ARGOS_INDEX_URL": "",  # the models page never probes the network in tests
        # A cheap scrypt cost keeps the suite fast; the OWASP default is tested on DefaultConfig.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        **extra,
    }


def _pg_admin(sql: str) -> None:
    """Run one statement on the PostgreSQL server's maintenance database, outside a transaction."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(SCALE_OUT["database"], isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(sql))
    finally:
        engine.dispose()


def _pg_database(name: str) -> str:
    return SCALE_OUT["database"].rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path | str:
    """One database migrated with the real Alembic migrations, copied for each test:
    a SQLite file, or on PostgreSQL a template database (its name is returned)."""
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("template")
    extra = {}
    if on_postgres():
        _pg_admin("DROP DATABASE IF EXISTS newsdesk_template")
        _pg_admin("CREATE DATABASE newsdesk_template")
        extra["SQLALCHEMY_DATABASE_URI"] = _pg_database("newsdesk_template")
    app = create_app(_config(instance, **extra), instance_path=instance)
    with app.app_context():
        upgrade()
        if not on_postgres():
            db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    return "newsdesk_template" if on_postgres() else instance / "newsdesk.sqlite"


_test_databases = itertools.count(1)


@pytest.fixture
def database_url(tmp_path, migrated_db) -> Iterator[str]:
    """This test's own migrated database: a copied SQLite file or a PostgreSQL database."""
    if not on_postgres():
        instance = tmp_path / "instance"
        instance.mkdir(exist_ok=True)
        shutil.copy(migrated_db, instance / "newsdesk.sqlite")
        yield _database_url(instance)
        return
    name = f"newsdesk_test_{os.getpid()}_{next(_test_databases)}"
    _pg_admin(f"CREATE DATABASE {name} TEMPLATE {migrated_db}")
    try:
        yield _pg_database(name)
    finally:
        _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def app_factory(tmp_path, database_url) -> Iterator[Callable]:
    """Build an app on this test's fresh migrated database; extra config as keywords."""

    built = []

    def build(**extra):
        instance = tmp_path / "instance"
        instance.mkdir(exist_ok=True)
        extra.setdefault("SQLALCHEMY_DATABASE_URI", database_url)
        app = create_app(_config(instance, **extra), instance_path=instance)
        built.append(app)
        return app

    yield build
    # Close every pooled connection before the test's database goes away.
    for app in built:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    """The app with no context pushed: each client request gets its own, as in production."""
    return app_factory()


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
    from newsdesk.accounts import users

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
    from newsdesk.stories import service as stories

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
