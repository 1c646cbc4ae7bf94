"""The reader site on PostgreSQL: migration 0004's search indexes, Snowball search, the pages.

Starts a throwaway PostgreSQL cluster (Debian's postgresql package) on a Unix socket in a
temporary folder; skipped when the server binaries are not installed (SQLite is the default).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk import create_app, search, stories
from newsdesk.extensions import db
from newsdesk.models import Article, Status

NOV = datetime(2024, 11, 14, 10, 0)


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    """A PostgreSQL server of our own; initdb refuses root, so run it as `postgres` then
    (in a folder of /tmp: pytest's own temporary folders are closed to other users)."""
    bindir = _pg_bin()
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("PostgreSQL server binaries are not installed")
    base = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        base.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{args[0]} failed: {done.stdout}{done.stderr}"

    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "newsdesk",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    options = f"-k {base} -c listen_addresses='' -p {port} -c fsync=off"
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-w",
        "-l",
        str(base / "log"),
        "start",
    )
    try:
        yield f"postgresql+psycopg://newsdesk@/postgres?host={base}&port={port}"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-m", "fast", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_app(pg_url, tmp_path_factory):
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("pg-instance")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": pg_url,
            "WTF_CSRF_ENABLED": False,
        },
        instance_path=instance,
    )
    with app.app_context():
        upgrade()
        published = stories.create_story(
            lang="ru",
            title="Университет открыл обсерваторию",
            body="Телескоп **университета** — крупнейший в регионе.",
            slug="observatoriya",
            status=Status.READY,
        )
        stories.add_article(
            published,
            lang="en",
            title="The university opens an observatory",
            body="The universities of the region share it.",
            slug="observatory",
            status=Status.READY,
        )
        stories.publish_pair(published, at=NOV)
        stories.create_story(lang="ru", title="Черновик", body="Об университете.", slug="draft")
    yield app
    with app.app_context():
        db.engine.dispose()


def test_migration_creates_one_gin_index_per_language(pg_app):
    with pg_app.app_context():
        rows = db.session.execute(
            db.text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles'")
        ).all()
    defs = dict(rows)
    assert "USING gin" in defs["ix_articles_search_ru"]
    assert "'russian'::regconfig" in defs["ix_articles_search_ru"]
    assert "WHERE ((lang)::text = 'ru'::text)" in defs["ix_articles_search_ru"]
    assert "'english'::regconfig" in defs["ix_articles_search_en"]


@pytest.mark.parametrize(
    ("lang", "query", "titles"),
    [
        ("ru", "университетом", ["Университет открыл обсерваторию"]),
        ("ru", "обсерватории телескопы", ["Университет открыл обсерваторию"]),
        ("ru", "черновик", []),
        ("en", "university", ["The university opens an observatory"]),
        ("en", "университет", []),
    ],
)
def test_snowball_search_finds_forms_and_hides_drafts(pg_app, lang, query, titles):
    with pg_app.test_request_context(f"/{lang}/"):
        results = search.search_articles(lang, query)
        assert [hit.article.title for hit in results.items] == titles
        assert results.total == len(titles)


def test_the_search_condition_uses_the_index(pg_app):
    """The query's document must be the index expression, or PostgreSQL reads every row.

    With a few thousand Russian articles (rolled back afterwards) the planner prefers the
    GIN index, which it can only do when the expressions are identical.
    """
    filler = """
        INSERT INTO articles (story_id, lang, title, slug, lead, body, status, version, updated_at)
        SELECT (SELECT min(id) FROM stories), 'ru', 'Заметка ' || n, 'filler-' || n, '',
               'Обычный текст заметки номер ' || n, 'draft', 1, now()
        FROM generate_series(1, 3000) AS n
    """
    with pg_app.app_context(), db.engine.connect() as connection:
        transaction = connection.begin()
        try:
            connection.execute(
                db.text("ALTER TABLE articles DROP CONSTRAINT uq_articles_story_lang")
            )
            connection.execute(db.text(filler))
            connection.execute(db.text("ANALYZE articles"))
            condition, _rank = search.pg_match("ru", "университетом")
            query = db.select(Article.id).where(Article.lang == "ru", condition)
            compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in connection.execute(db.text(f"EXPLAIN {compiled}")))
        finally:
            transaction.rollback()
    assert "Bitmap Index Scan on ix_articles_search_ru" in plan, plan


@pytest.mark.parametrize(
    "path",
    [
        "/ru/search?q=университетом",
        "/ru/archive/2024/11/",
        "/en/tags/",
        "/sitemap.xml",
        "/ru/feed.xml",
        "/ru/news/observatoriya",
    ],
)
def test_reader_pages_work_on_postgresql(pg_app, path):
    response = pg_app.test_client().get(path)
    assert response.status_code == 200, path
