"""The reader site on PostgreSQL: migration 0004's search indexes, Snowball search, the pages.

Starts a throwaway PostgreSQL server on loopback (tests/services.py); skipped when the server
binaries are not installed (SQLite is the default).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk import create_app
from newsdesk.extensions import db
from newsdesk.models import LiveArticle, Status
from newsdesk.site import search
from newsdesk.stories import service as stories
from tests import services

NOV = datetime(2024, 11, 14, 10, 0)


@pytest.fixture(scope="module")
def pg_url():
    """A PostgreSQL server of this module's own (tests/services.py)."""
    try:
        with services.postgres_server() as url:
            yield url
    except services.ServiceMissing as exc:
        pytest.skip(f"needs {exc}")


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
            db.text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'live_articles'")
        ).all()
    defs = dict(rows)
    assert "USING gin" in defs["ix_live_articles_search_ru"]
    assert "'russian'::regconfig" in defs["ix_live_articles_search_ru"]
    assert "WHERE ((lang)::text = 'ru'::text)" in defs["ix_live_articles_search_ru"]
    assert "'english'::regconfig" in defs["ix_live_articles_search_en"]


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
        INSERT INTO live_articles (id, story_id, lang, title, slug, lead, body, version,
                                   updated_at)
        SELECT 1000000 + n, (SELECT min(id) FROM stories), 'ru', 'Заметка ' || n,
               'filler-' || n, '', 'Обычный текст заметки номер ' || n, 1, now()
        FROM generate_series(1, 3000) AS n
    """
    with pg_app.app_context(), db.engine.connect() as connection:
        transaction = connection.begin()
        try:  # live copies of articles that do not exist: only the plan is wanted
            connection.execute(
                db.text("ALTER TABLE live_articles DROP CONSTRAINT fk_live_articles_id_articles")
            )
            connection.execute(db.text(filler))
            connection.execute(db.text("ANALYZE live_articles"))
            condition, _rank = search.pg_match("ru", "университетом")
            query = db.select(LiveArticle.id).where(LiveArticle.lang == "ru", condition)
            compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in connection.execute(db.text(f"EXPLAIN {compiled}")))
        finally:
            transaction.rollback()
    assert "Bitmap Index Scan on ix_live_articles_search_ru" in plan, plan


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
