"""Search per language: inflected Russian forms, visibility, highlighting, paging, the index."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql

from newsdesk.config import PROJECT_ROOT
from newsdesk.extensions import db
from newsdesk.models import Article, LiveArticle, Story, utcnow
from newsdesk.site import search
from newsdesk.stories import service as stories
from tests.site_helpers import parse, text_of

NOV = datetime(2024, 11, 14, 10, 0)

# Full paradigms: any form typed by a reader must find every other form in the text
# (forms whose stem itself alternates, день/дня, are not matched: as on PostgreSQL).
PARADIGMS = [
    "университет университета университету университетом университете университеты "
    "университетов университетам университетами университетах",
    "обсерватория обсерватории обсерваторию обсерваторией обсерваторий обсерваториям "
    "обсерваториями обсерваториях",
    "новость новости новостью новостей новостям новостями новостях",
    "студент студента студенту студентом студенте студенты студентов студентам студентами",
    "наука науки науке науку наукой наук",
    "лаборатория лаборатории лабораторию лабораторией лабораторий",
    "научный научного научному научным научном научная научной научную научные научных",
    "university universities",
    "telescope telescopes",
    "study studies studied studying",
    "open opens opened opening",
]


@pytest.mark.parametrize("paradigm", PARADIGMS)
def test_every_form_has_the_same_lexeme(paradigm):
    lang = "ru" if search.CYRILLIC.search(paradigm) else "en"
    assert len({tuple(search.query_terms(form, lang)) for form in paradigm.split()}) == 1


@given(st.text(alphabet='абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz -*"('))
def test_query_terms_are_distinct_lexemes_without_fts5_syntax(query):
    terms = search.query_terms(query, "ru")
    assert len(terms) == len(set(terms)) <= search.MAX_TERMS
    assert all(term.isalnum() and term == term.lower() for term in terms)


def test_query_syntax_never_reaches_fts5():
    # Latin words in a Russian query are stemmed as English; "or" is an English stop word.
    assert search.query_terms('"NEAR(ab cd)" OR x* -yo ^z : (', "ru") == [
        "near",
        "ab",
        "cd",
        "x",
        "yo",
        "z",
    ]
    assert search.fts5_match(['ab"c']) == '"ab""c"'
    assert search.query_terms("   ", "en") == []


@pytest.fixture
def newsroom(make_story):
    make_story(
        en={
            "title": "University opens an observatory",
            "slug": "observatory",
            "body": "The university telescope is the largest in the region.",
        },
        ru={
            "title": "Университет открыл обсерваторию",
            "slug": "observatoriya",
            "body": "Телескоп университета — крупнейший в регионе. Студенты **университета** "
            "будут вести наблюдения.",
            "lead": "Новая обсерватория.",
        },
        publish="pair",
        at=NOV,
    )
    make_story(
        ru={"title": "Черновик об университете", "slug": "chernovik", "body": "Университет."}
    )
    make_story(
        ru={"title": "Эмбарго: университет", "slug": "embargo", "body": "Университетом."},
        publish="ru",
        at=utcnow() + timedelta(days=1),
    )
    make_story(
        ru={"title": "Ёлка во дворе", "slug": "yolka", "body": "Ёлку поставили у библиотеки."},
        publish="ru",
        at=NOV,
    )


def _titles(client, path):
    page = client.get(path)
    assert page.status_code == 200
    tree = parse(page.get_data(as_text=True))
    return [
        " ".join(h.text_content().split())
        for h in tree.xpath("//ol[contains(@class,'search-results')]//h2")
    ]


@pytest.mark.parametrize("query", ["университета", "университетом", "университеты", "УНИВЕРСИТЕТ"])
def test_russian_search_finds_inflected_forms_and_hides_unpublished(client, newsroom, query):
    assert _titles(client, f"/ru/search?q={query}") == ["Университет открыл обсерваторию"]


def test_every_word_must_match(client, newsroom):
    assert _titles(client, "/ru/search?q=студентов+обсерватории") == [
        "Университет открыл обсерваторию"
    ]
    assert _titles(client, "/ru/search?q=студентов+библиотеки") == []


def test_search_is_per_language(client, newsroom):
    assert _titles(client, "/en/search?q=universities") == ["University opens an observatory"]
    assert _titles(client, "/en/search?q=университета") == []
    assert _titles(client, "/ru/search?q=telescope") == []


def test_yo_and_ye_are_the_same_letter(client, newsroom):
    assert _titles(client, "/ru/search?q=елка") == ["Ёлка во дворе"]
    assert _titles(client, "/ru/search?q=ёлку") == ["Ёлка во дворе"]


def test_matches_are_highlighted_in_title_and_snippet(client, newsroom):
    tree = parse(client.get("/ru/search?q=университета").get_data(as_text=True))
    marks = [m.text for m in tree.xpath("//ol[contains(@class,'search-results')]//mark")]
    assert marks == ["Университет", "университета", "университета"]
    snippet = text_of(client.get("/ru/search?q=телескоп").get_data(as_text=True), "snippet")
    assert snippet == [
        "Новая обсерватория. Телескоп университета — крупнейший в регионе. "
        "Студенты университета будут вести наблюдения."
    ]


def test_highlighting_escapes_the_text():
    html = search.highlight('<b>Университет</b> & "co"', ["университет"], "ru")
    assert str(html) == "&lt;b&gt;<mark>Университет</mark>&lt;/b&gt; &amp; &#34;co&#34;"


def test_hostile_queries_do_not_break_the_page(client, newsroom):
    for query in ['"', "AND", "NOT (", "*", "a" * 500, "NEAR(университет", "^", "::"]:
        response = client.get("/ru/search", query_string={"q": query})
        assert response.status_code == 200, query


def test_edits_and_deletions_reach_the_index(app, client, newsroom):
    with app.app_context():
        article = db.session.scalar(db.select(Article).where(Article.slug == "yolka"))
        stories.update_article(
            article, title="Сосна во дворе", slug="yolka", body="Сосну посадили."
        )
    assert _titles(client, "/ru/search?q=ёлка") == ["Ёлка во дворе"]  # until published
    assert _titles(client, "/ru/search?q=сосны") == []
    with app.app_context():
        story = db.session.scalar(db.select(Story).join(Article).where(Article.slug == "yolka"))
        stories.publish(story, "ru")
    assert _titles(client, "/ru/search?q=ёлка") == []
    assert _titles(client, "/ru/search?q=сосны") == ["Сосна во дворе"]
    with app.app_context():
        story = db.session.scalar(db.select(Story).join(Article).where(Article.slug == "yolka"))
        db.session.delete(story)
        db.session.commit()
        if db.engine.dialect.name == "sqlite":  # PostgreSQL indexes the rows themselves
            count = db.session.execute(db.text("SELECT count(*) FROM article_search")).scalar()
            assert count == db.session.scalar(db.select(db.func.count(LiveArticle.id)))
    assert _titles(client, "/ru/search?q=сосны") == []


def test_results_are_paginated_with_a_plural_count(app_factory, make_story):
    client = app_factory(STORIES_PER_PAGE=2).test_client()
    for n in range(5):
        make_story(
            ru={"title": f"Лекция {n}", "body": "Лекции в университете."},
            publish="ru",
            at=NOV + timedelta(hours=n),
        )
    first = client.get("/ru/search?q=лекциях").get_data(as_text=True)
    assert text_of(first, "count") == ["Найдено 5 материалов"]
    assert len(_titles(client, "/ru/search?q=лекциях")) == 2
    assert 'href="/ru/search?page=2&amp;q=%D0%BB%D0%B5%D0%BA%D1%86%D0%B8%D1%8F%D1%85"' in first
    assert len(_titles(client, "/ru/search?q=лекциях&page=3")) == 1
    assert client.get("/ru/search?q=лекциях&page=4").status_code == 404
    en = client.get("/en/search?q=nothing").get_data(as_text=True)
    assert "Nothing was found" in en


def test_search_pages_are_not_indexed(client, newsroom):
    page = client.get("/en/search?q=telescope").get_data(as_text=True)
    assert parse(page).xpath("//head/meta[@name='robots']/@content") == ["noindex, follow"]


@pytest.mark.sqlite_only
def test_the_index_triggers_exist_at_head(ctx):
    """A later migration that rebuilds `articles` in batch mode drops them: it must recreate."""
    names = set(
        db.session.scalars(
            db.text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        )
    )
    assert {
        "article_search",
        "article_search_insert",
        "article_search_update",
        "article_search_delete",
    } <= names


def test_postgresql_query_uses_the_indexed_expression():
    """The query's document must be the index expression, or PostgreSQL scans every row."""
    path = PROJECT_ROOT / "newsdesk" / "migrations" / "versions" / "0017_live_articles.py"
    spec = importlib.util.spec_from_file_location("migration_0017", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    table = "live_articles."
    indexed = migration.PG_DOCUMENT.format(config="russian").replace("title", table + "title")
    indexed = indexed.replace(" lead", f" {table}lead").replace(" body", f" {table}body")
    compiled = str(search._pg_document("ru").compile(dialect=postgresql.dialect()))
    assert compiled == indexed


# The index holds lexemes, matched term for term ------------------------------------------


def test_a_new_word_form_is_found_right_after_it_is_published(app, client, make_story):
    """A story bringing a form no article had before (библиотекой) is found by the next
    search for another form of the word."""
    make_story(ru={"title": "Книги для библиотеки", "body": "Текст."}, publish="ru", at=NOV)
    assert _titles(client, "/ru/search?q=библиотеке") == ["Книги для библиотеки"]
    make_story(ru={"title": "Встреча с библиотекой", "body": "Текст."}, publish="ru", at=NOV)
    assert sorted(_titles(client, "/ru/search?q=библиотеке")) == [
        "Встреча с библиотекой",
        "Книги для библиотеки",
    ]
    with app.app_context():  # the count comes from the candidate list
        assert search.search_articles("ru", "библиотеке").total == 2


def test_accents_and_stems_that_only_share_a_prefix_stay_apart(client, make_story):
    """As on PostgreSQL: café is not cafe, and наукоград is not a form of наука."""
    make_story(ru={"title": "Новости науки", "body": "Наукой и о науке."}, publish="ru", at=NOV)
    make_story(ru={"title": "Наукоград растёт", "body": "Текст."}, publish="ru", at=NOV)
    make_story(en={"title": "Café opens", "body": "Coffee."}, publish="en", at=NOV)
    make_story(en={"title": "A cafe closes", "body": "Tea."}, publish="en", at=NOV)
    assert _titles(client, "/ru/search?q=наука") == ["Новости науки"]
    assert _titles(client, "/en/search?q=café") == ["Café opens"]
    assert _titles(client, "/en/search?q=cafe") == ["A cafe closes"]
