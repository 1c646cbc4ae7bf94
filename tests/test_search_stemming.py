"""SQLite and PostgreSQL search stem Russian and English the same way.

The lexemes of ``newsdesk.site.stemming`` (what SQLite's index holds and its queries match)
are compared with PostgreSQL's ``to_tsvector``: on the PostgreSQL of the ``--scale-out`` run,
else on a throwaway server of this module (skipped when PostgreSQL is not installed). The
search tests at the end run on whichever database the run uses: SQLite, or with
``--scale-out`` PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import sqlalchemy
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.config import PROJECT_ROOT
from newsdesk.extensions import db
from newsdesk.site import search, stemming
from tests import services
from tests.conftest import SCALE_OUT, on_postgres
from tests.data.news_corpus import PARAGRAPHS
from tests.site_helpers import parse

NOV = datetime(2024, 11, 14, 10, 0)

# Inflected forms, stop words, ё, capitals, digits, Latin words inside Russian text and
# Cyrillic ones inside English text: the cases where the two configurations differ.
WORDS = {
    "ru": """университет университета университету университетом университете университеты
        университетов университетами студент студенты студентов студентками конференция
        конференции конференцией конференций обсерватория обсерваторию научный научных
        исследования новостями наука наукой Ёлка ёлки елка ЁЖ ещё её всё все ВСЁ и в на
        лекциях библиотекой Москва Петербурга 2024 5G Ф1 café The running universities""",
    "en": """running runs ran run universities university University studies studying
        studied conference conferences added adding international organization emergency
        observatories telescopes opened the and THE İstanbul naïve Straße don't ёлка
        университетом все x2 1st 2024""",
}
# Same lexeme on both databases, so each form finds the others.
SAME_LEXEME = [
    ("ru", "университет университета университетом университеты университетов"),
    ("ru", "студенты студентов студента"),
    ("ru", "конференция конференции конференций"),
    ("ru", "ёлка ёлки елка Ёлку"),
    ("en", "university universities"),
    ("en", "running runs run"),
    ("en", "study studies studied studying"),
]


@pytest.fixture(scope="module")
def pg():
    """A connection to PostgreSQL: the --scale-out run's server, or one of this module's own."""
    if on_postgres():
        engine = sqlalchemy.create_engine(SCALE_OUT["database"])
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()
        return
    try:
        with services.postgres_server() as url:
            engine = sqlalchemy.create_engine(url)
            try:
                with engine.connect() as connection:
                    yield connection
            finally:
                engine.dispose()
    except services.ServiceMissing as exc:
        pytest.skip(f"needs {exc}")


def _pg_lexemes(pg, lang: str, words: list[str]) -> dict[str, list[str]]:
    """PostgreSQL's lexemes of each word alone, sorted."""
    rows = pg.execute(
        sqlalchemy.text(
            "SELECT w, ARRAY(SELECT lexeme FROM unnest(to_tsvector(CAST(:config AS regconfig), w)))"
            " FROM unnest(CAST(:words AS text[])) AS w"
        ),
        {"config": stemming.CONFIGS[lang], "words": words},
    )
    return {word: sorted(found) for word, found in rows}


def _ours(lang: str, words: list[str]) -> dict[str, list[str]]:
    return {word: sorted(set(stemming.lexemes(lang, word))) for word in words}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_inflected_words_have_postgresqls_lexemes(pg, lang):
    words = WORDS[lang].split()
    assert _ours(lang, words) == _pg_lexemes(pg, lang, words)


def _vocabulary(lang: str) -> list[str]:
    """Every word of the news corpus in ``lang`` and of the Russian UI catalog in its script."""
    words = {w for p in PARAGRAPHS if p.lang == lang for w in stemming.TOKEN.findall(p.markdown)}
    catalog = (PROJECT_ROOT / "translations" / "ru" / "LC_MESSAGES" / "messages.po").read_text()
    for word in stemming.TOKEN.findall(catalog):
        if word.isascii() == (lang == "en"):
            words.add(word)
    return sorted(words)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_word_of_the_news_corpus_and_catalog_has_postgresqls_lexeme(pg, lang):
    words = _vocabulary(lang)
    assert len(words) > 1000
    ours, theirs = _ours(lang, words), _pg_lexemes(pg, lang, words)
    assert [w for w in words if ours[w] != theirs[w]] == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_whole_paragraphs_keep_every_word_postgresql_keeps(pg, lang):
    """Tokens differ only where PostgreSQL keeps a compound, URL, host or decimal whole:
    every lexeme of letters it makes of a paragraph, SQLite's index has too."""
    letters = re.compile(r"[^\W\d_]+")
    for paragraph in (p for p in PARAGRAPHS if p.lang == lang):
        theirs = pg.scalars(
            sqlalchemy.text("SELECT lexeme FROM unnest(to_tsvector(CAST(:c AS regconfig), :t))"),
            {"c": stemming.CONFIGS[lang], "t": paragraph.markdown},
        ).all()
        missing = {w for w in theirs if letters.fullmatch(w)} - set(
            stemming.lexemes(lang, paragraph.markdown)
        )
        assert missing == set(), paragraph.markdown


@pytest.mark.parametrize("dictionary", ["english", "russian"])
def test_stop_words_are_the_servers(pg, dictionary):
    try:
        text = pg.scalar(
            sqlalchemy.text(
                "SELECT pg_read_file(setting || '/tsearch_data/' || :name || '.stop')"
                " FROM pg_config WHERE name = 'SHAREDIR'"
            ),
            {"name": dictionary},
        )
    except sqlalchemy.exc.DBAPIError as exc:  # not a superuser on a server given by URL
        pg.rollback()
        pytest.skip(f"cannot read the server's stop words: {exc.orig}")
    assert stemming.STOP_WORDS[dictionary] == set(text.split())


def test_words_too_long_for_postgresql_are_skipped(pg):
    words = ["a" * 2046, "a" * 2047, "я" * 1023, "я" * 1024]
    assert [len(v) for v in _pg_lexemes(pg, "ru", words).values()] == [1, 0, 1, 0]
    assert [len(v) for v in _ours("ru", words).values()] == [1, 0, 1, 0]


# Without PostgreSQL ----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "forms"), SAME_LEXEME)
def test_inflected_forms_share_one_lexeme(lang, forms):
    assert len({tuple(stemming.lexemes(lang, form)) for form in forms.split()}) == 1


def test_snowball_release_is_postgresql_15s():
    """Snowball 3 (PyStemmer 3) stems university as universiti, PostgreSQL 15 as univers."""
    assert stemming.lexemes("en", "University universities") == ["univers", "univers"]
    assert stemming.lexemes("ru", "Ёлка ещё всё и все") == ["елк", "ещ", "все"]


@given(st.lists(st.text(min_size=1), max_size=8))
def test_lexemes_of_a_text_are_the_lexemes_of_its_words(words):
    """Words separated by spaces stem alone, and the SQL function never raises."""
    text = " ".join(words)
    for lang in ("ru", "en"):
        expected = [x for word in words for x in stemming.lexemes(lang, word)]
        assert stemming.lexemes(lang, text) == expected
        assert stemming.stemmed_text(lang, text) == " ".join(expected)
    assert stemming.stemmed_text("de", text) == stemming.stemmed_text("ru", None) == ""


def test_queries_drop_stop_words_and_repeats():
    assert search.query_terms("Студенты и студентов в университете", "ru") == [
        "студент",
        "университет",
    ]
    assert search.query_terms("и в на", "ru") == []
    assert search.fts5_match(['ab"c', "d"]) == '"ab""c" "d"'


# Search on the run's database (SQLite, or PostgreSQL with --scale-out) ----------------


@pytest.fixture
def articles(make_story):
    make_story(
        en={
            "title": "The university opens a telescope",
            "body": "Students will observe. COVID-19 rules: see example.com.",
        },
        ru={
            "title": "Студенты открыли обсерваторию",
            "body": "Университеты региона помогли. Преподаватели пришли. "
            "Научно-исследовательский центр — партнёр.",
        },
        publish="pair",
        at=NOV,
    )


def _found(client, lang: str, query: str) -> list[str]:
    page = client.get(f"/{lang}/search", query_string={"q": query})
    assert page.status_code == 200
    tree = parse(page.get_data(as_text=True))
    return [
        " ".join(h.text_content().split())
        for h in tree.xpath("//ol[contains(@class,'search-results')]//h2")
    ]


@pytest.mark.parametrize(
    ("lang", "query", "found"),
    [
        ("ru", "университетом", ["Студенты открыли обсерваторию"]),
        ("ru", "студентов и преподавателей", ["Студенты открыли обсерваторию"]),
        ("ru", "университетом библиотека", []),
        ("en", "universities", ["The university opens a telescope"]),
        ("en", "telescopes STUDENT", ["The university opens a telescope"]),
        ("en", "university libraries", []),
        # Tokens PostgreSQL keeps whole are found on both databases too.
        ("ru", "научно-исследовательского", ["Студенты открыли обсерваторию"]),
        ("en", "covid-19 example.com", ["The university opens a telescope"]),
    ],
)
def test_an_inflected_form_finds_another(client, articles, lang, query, found):
    assert _found(client, lang, query) == found


def test_only_stop_words_find_nothing(client, articles):
    page = client.get("/ru/search", query_string={"q": "и в на"}).get_data(as_text=True)
    assert "Ничего не найдено" in page


def test_highlighting_shows_the_words_as_written(client, articles):
    page = client.get("/ru/search", query_string={"q": "университетом студентами"})
    marks = parse(page.get_data(as_text=True)).xpath(
        "//ol[contains(@class,'search-results')]//mark"
    )
    assert [m.text for m in marks] == ["Студенты", "Университеты"]


@pytest.mark.sqlite_only
def test_the_migration_reindexes_existing_articles(tmp_path):
    """Articles indexed as words by 0004's triggers are re-indexed as lexemes by 0011,
    and the downgrade brings the words back."""
    from flask_migrate import downgrade, upgrade

    from newsdesk import create_app

    uri = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = {"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": uri}
    app = create_app(config, instance_path=tmp_path)
    rows = "SELECT title, body FROM article_search ORDER BY rowid"
    with app.app_context():
        upgrade(revision="0010")
        db.session.execute(
            db.text(
                "INSERT INTO stories (id, source_lang, published_at, mt_note, created_at,"
                " updated_at) VALUES (1, 'ru', '2024-11-14 10:00:00', 0, :t, :t)"
            ),
            {"t": "2024-11-14 09:00:00"},
        )
        db.session.execute(
            db.text(
                "INSERT INTO articles (id, story_id, lang, title, slug, lead, body, status,"
                " version, updated_at) VALUES (1, 1, 'ru', 'Ёлка у университета', 'y', '',"
                " 'Студенты пришли.', 'published', 1, '2024-11-14 09:00:00')"
            )
        )
        db.session.commit()
        assert db.session.execute(db.text(rows)).all() == [
            ("Елка у университета", "Студенты пришли.")
        ]
        upgrade()
        assert db.session.execute(db.text(rows)).all() == [("елк университет", "студент пришл")]
        with app.test_request_context("/ru/"):
            assert search.search_articles("ru", "ёлки университетом").total == 1
        downgrade(revision="0010")
        assert db.session.execute(db.text(rows)).all() == [
            ("Елка у университета", "Студенты пришли.")
        ]
        db.engine.dispose()
