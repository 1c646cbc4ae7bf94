"""M5 on PostgreSQL: the same 100,000 articles, copied from the generated SQLite file into a
throwaway PostgreSQL on loopback (``tests/services.py``; ``make services`` installs Debian's
``postgresql``), migrated by the same Alembic migrations, measured by the same code as
``bench.scale`` (one request at a time through the Flask test client, page cache off)."""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
from pathlib import Path

from bench import scale
from bench.appsetup import make_app
from bench.common import Result

log = logging.getLogger("bench.scale_pg")

# (table, columns) in foreign-key order: exactly what bench.scale.build() writes.
TABLES = (
    ("users", ("id", "username", "password_hash", "role", "languages", "created_at")),
    ("tags", ("id", "name", "ru_key", "name_en", "name_ru", "slug_en", "slug_ru")),
    (
        "stories",
        ("id", "source_lang", "published_at", "mt_note", "author_id", "created_at", "updated_at"),
    ),
    (
        "articles",
        (
            "id",
            "story_id",
            "lang",
            "title",
            "slug",
            "lead",
            "body",
            "status",
            "version",
            "updated_at",
        ),
    ),
    ("story_tags", ("story_id", "tag_id")),
    (
        "live_articles",
        ("id", "story_id", "lang", "title", "slug", "lead", "body", "version", "updated_at"),
    ),
)


def copy_into(source: Path, dsn: str) -> float:
    """COPY the generated rows from the SQLite file into the migrated PostgreSQL database
    (its search indexes are built as rows arrive); then ANALYZE. Returns seconds taken."""
    import psycopg

    started = time.monotonic()
    lite = sqlite3.connect(source)
    with psycopg.connect(dsn) as pg:
        with pg.cursor() as cur:
            for table, columns in TABLES:
                names = ", ".join(columns)
                rows = lite.execute(f"SELECT {names} FROM {table}")  # noqa: S608 (fixed names)
                with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        if table == "stories":  # SQLite's 0/1 into a boolean column
                            row = (*row[:3], bool(row[3]), *row[4:])
                        copy.write_row(row)
                log.info("copied %s", table)
        pg.commit()
        pg.autocommit = True
        pg.execute("ANALYZE")
    lite.close()
    return time.monotonic() - started


def run(
    *, samples: int = scale.SAMPLES, database: Path | None = None, stories: int = scale.STORIES
) -> list[Result]:
    """Start PostgreSQL, load the M5 data, measure every M5 page ("M5 PostgreSQL ...")."""
    from tests.services import ServiceMissing, postgres_server

    source = database or scale.cached_database()
    try:
        server = postgres_server()
        admin_url = server.__enter__()
    except ServiceMissing as exc:
        log.warning("M5 on PostgreSQL skipped: %s is not installed (make services)", exc)
        return [
            Result(
                figure="M5 PostgreSQL",
                ratio=None,
                target=f"p99 ≤ {scale.TARGET_MS:.0f} ms",
                passed=None,
                absolute=f"not run: {exc} missing (`make services` installs it)",
                repetitions=0,
                spread="–",
            )
        ]
    try:
        import psycopg

        plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(plain, autocommit=True) as pg:
            pg.execute("CREATE DATABASE newsdesk_bench")
        url = admin_url.rsplit("/", 1)[0] + "/newsdesk_bench"
        instance = Path(tempfile.mkdtemp(prefix="newsdesk-bench-m5pg-"))
        app = make_app(instance, SQLALCHEMY_DATABASE_URI=url, PAGE_CACHE=False)
        with app.app_context():
            from newsdesk.extensions import db

            db.engine.dispose()
        loaded = copy_into(source, url.replace("postgresql+psycopg://", "postgresql://"))
        results = scale.measure_app(app, samples=samples, stories=stories, label="PostgreSQL")
        with app.app_context():
            db.engine.dispose()
    finally:
        server.__exit__(None, None, None)
    results[0].note = (
        f"PostgreSQL 15 on loopback (fsync off, defaults otherwise), the same {stories:,} "
        f"stories copied from the SQLite file in {loaded:.0f} s (search indexes built on the "
        "way in); Flask test client, one request at a time, page cache off."
    )
    return results
