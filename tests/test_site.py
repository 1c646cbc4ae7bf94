"""The readers' site: language prefixes, localized dates, the switcher, chrome language."""

from __future__ import annotations

from datetime import datetime

import pytest
from babel.dates import format_date
from freezegun import freeze_time

from tests.html_text import CYRILLIC, LATIN, chrome_text, html_lang

NOV14 = datetime(2024, 11, 14, 10, 0)


@pytest.fixture
def pair(make_story):
    return make_story(
        en={"title": "Observatory opens a telescope", "slug": "observatory", "body": "Big news."},
        ru={"title": "Обсерватория открыла телескоп", "slug": "observatoriya", "body": "Новость."},
        publish="pair",
        at=NOV14,
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE", "/en/"),
        (None, "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_article_dates_are_localized_exactly_as_babel_formats_them(client, pair):
    en = client.get("/en/news/observatory").get_data(as_text=True)
    ru = client.get("/ru/news/observatoriya").get_data(as_text=True)
    assert format_date(NOV14.date(), "long", locale="en") == "November 14, 2024"
    assert "November 14, 2024" in en
    ru_date = format_date(NOV14.date(), "long", locale="ru")
    assert "\u202f" in ru_date and ru_date.startswith("14 ноября 2024")
    assert ru_date in ru
    assert "Дата публикации" in ru and "Published" in en


def test_list_pages_show_published_articles_in_their_language(client, pair, make_story):
    make_story(en={"title": "English only story", "slug": "english-only"}, publish="en", at=NOV14)
    en = client.get("/en/").get_data(as_text=True)
    ru = client.get("/ru/").get_data(as_text=True)
    assert "Observatory opens a telescope" in en and "English only story" in en
    assert "Обсерватория открыла телескоп" in ru
    assert "English only story" not in ru and "Observatory opens" not in ru
    assert format_date(NOV14.date(), "long", locale="ru") in ru


def test_switcher_links_to_the_published_partner(client, pair):
    en = client.get("/en/news/observatory").get_data(as_text=True)
    ru = client.get("/ru/news/observatoriya").get_data(as_text=True)
    assert 'href="/ru/news/observatoriya"' in en and "Read in Russian" in en
    assert 'href="/en/news/observatory"' in ru and "Читать на английском" in ru


def test_switcher_absent_when_partner_is_unpublished(client, make_story):
    make_story(
        en={"title": "Only English is out", "slug": "only-en"},
        ru={"title": "Русская версия в работе", "slug": "v-rabote", "status": "draft"},
        publish="en",
        at=NOV14,
    )
    en = client.get("/en/news/only-en").get_data(as_text=True)
    assert "lang-switch" not in en and "/ru/news/v-rabote" not in en
    assert client.get("/ru/news/v-rabote").status_code == 404


def test_drafts_are_404_for_readers(client, make_story):
    make_story(en={"title": "Secret draft", "slug": "secret"})
    assert client.get("/en/news/secret").status_code == 404
    assert "Secret draft" not in client.get("/en/").get_data(as_text=True)


def test_scheduled_story_appears_at_its_time_without_another_click(client, make_story):
    at = datetime(2030, 1, 15, 9, 0)
    with freeze_time("2030-01-15 08:59:00"):
        make_story(
            en={"title": "Embargoed", "slug": "embargoed"}, ru="Под эмбарго", publish="pair", at=at
        )
        assert client.get("/en/news/embargoed").status_code == 404
        assert "Embargoed" not in client.get("/en/").get_data(as_text=True)
    with freeze_time("2030-01-15 09:00:01"):
        assert client.get("/en/news/embargoed").status_code == 200
        assert "Embargoed" in client.get("/en/").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_404_page_speaks_the_page_language(client, lang):
    response = client.get(f"/{lang}/news/does-not-exist")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert html_lang(html) == lang
    assert ("Страница не найдена" if lang == "ru" else "Page not found") in html


@pytest.mark.parametrize(
    "path", ["/en/", "/en/news/observatory", "/en/news/missing", "/en/?page=1"]
)
def test_english_pages_have_no_russian_chrome(client, pair, path):
    html = client.get(path).get_data(as_text=True)
    assert html_lang(html) == "en"
    chrome = chrome_text(html)
    assert "All news" in chrome
    assert not CYRILLIC.search(chrome), chrome


@pytest.mark.parametrize("path", ["/ru/", "/ru/news/observatoriya", "/ru/news/missing"])
def test_russian_pages_have_russian_chrome(client, pair, path):
    html = client.get(path).get_data(as_text=True)
    assert html_lang(html) == "ru"
    chrome = chrome_text(html)
    assert "Все новости" in chrome and "Новости университета" in chrome
    assert not LATIN.search(chrome), chrome


def test_pagination_of_the_list(app_factory, make_story, client):
    for n in range(12):
        make_story(
            en={"title": f"Story {n}", "slug": f"story-{n}"},
            publish="en",
            at=datetime(2024, 1, n + 1),
        )
    first = client.get("/en/").get_data(as_text=True)
    second = client.get("/en/?page=2").get_data(as_text=True)
    assert "Story 11" in first and "Story 2" in first and "Story 1<" not in first
    assert "Story 1<" in second and "Story 0" in second
    assert client.get("/en/?page=9").status_code == 404


def test_article_body_is_sanitized(client, make_story):
    body = "Hello <script>alert(1)</script> [x](javascript:alert(2)) **bold**"
    make_story(en={"title": "Unsafe", "slug": "unsafe", "body": body}, publish="en", at=NOV14)
    html = client.get("/en/news/unsafe").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert (
        'href="javascript:' not in html
        and "<a " not in html.split("article-body")[1].split("</div>")[0]
    )
    assert "<strong>bold</strong>" in html
