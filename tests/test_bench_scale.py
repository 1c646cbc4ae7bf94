"""The M5 harness: the generator builds a migrated database and every measured page answers
(a small database here; no timing targets)."""

from __future__ import annotations

import math
import sqlite3

import pytest

from bench import scale
from bench.run import table


@pytest.mark.sqlite_only
def test_generator_and_every_m5_page_on_a_small_database(tmp_path):
    database = tmp_path / "m5" / "newsdesk.sqlite"
    scale.build(database, stories=600)
    with sqlite3.connect(database) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1200,)
        live = con.execute("SELECT count(*) FROM live_articles").fetchone()
        published = "SELECT count(*) FROM articles WHERE status = 'published'"
        assert live == con.execute(published).fetchone() and 1000 < live[0] < 1200
        assert con.execute("SELECT count(*) FROM article_search").fetchone() == live
        langs = con.execute("SELECT lang, count(*) FROM articles GROUP BY lang").fetchall()
        assert dict(langs) == {"en": 600, "ru": 600}
        assert con.execute("SELECT count(DISTINCT tag_id) FROM story_tags").fetchone()[0] > 10

    results = scale.run(samples=1, database=database, stories=600)

    assert len(results) == 16
    for r in results:
        assert r.figure.startswith("M5 ") and r.repetitions == 1
        assert all(math.isfinite(ms) and ms > 0 for ms in r.extra["ms"])
        assert r.extra["url"].startswith(("/en/", "/ru/", "/editor/"))
    assert "before=" in results[2].extra["url"]  # deep pages come from cursor links
    assert table(results).count("\n") == len(results) + 1


@pytest.mark.sqlite_only  # starts its own PostgreSQL; once is enough
def test_every_m5_page_on_postgresql_from_the_same_small_database(tmp_path):
    from bench import scale_pg
    from tests import services

    if services.postgres_bindir() is None:
        pytest.skip("PostgreSQL is not installed (make services)")
    database = tmp_path / "m5" / "newsdesk.sqlite"
    scale.build(database, stories=300)
    results = scale_pg.run(samples=1, database=database, stories=300)
    assert len(results) == 16
    for r in results:
        assert r.figure.startswith("M5 PostgreSQL ") and r.repetitions == 1
        assert all(math.isfinite(ms) and ms > 0 for ms in r.extra["ms"])
    search = next(r for r in results if "rare word" in r.figure)
    assert search.extra["url"] == "/en/search?q=quasicrystal"
    assert "PostgreSQL 15" in results[0].note or "PostgreSQL" in results[0].note
