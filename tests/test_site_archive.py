"""Archive by month, topic pages, pagination and Russian plural counts, exactly as Babel says."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po

from newsdesk.i18n import CATALOG_DIR
from tests.html_text import CYRILLIC, LATIN, chrome_text, html_lang
from tests.site_helpers import parse, text_of

NOV = datetime(2024, 11, 14, 10, 0)


def ru_story_count(n: int) -> str:
    """The Russian count as the catalog's plural forms and Babel's CLDR plural rule give it."""
    with (CATALOG_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        forms = read_po(fh)["%(count)s story"].string
    category = Locale.parse("ru").plural_form(n)
    return forms[{"one": 0, "few": 1, "many": 2}[category]] % {"count": n}


def test_month_headings_are_babels_stand_alone_month_and_year(client, make_story):
    make_story(en="Telescope", ru="Телескоп", publish="pair", at=NOV)
    ru = client.get("/ru/archive/2024/11/").get_data(as_text=True)
    en = client.get("/en/archive/2024/11/").get_data(as_text=True)
    babel_ru = format_date(date(2024, 11, 1), "LLLL y", locale="ru")
    assert babel_ru == "ноябрь 2024"  # the stand-alone (nominative) form, not «ноября»
    assert parse(ru).findtext(".//h1") == babel_ru.capitalize() == "Ноябрь 2024"
    assert parse(en).findtext(".//h1") == format_date(date(2024, 11, 1), "LLLL y", locale="en")
    assert parse(en).findtext(".//h1") == "November 2024"
    assert "<title>Ноябрь 2024 · Новости университета</title>" in ru


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 материал"), (3, "3 материала"), (5, "5 материалов"), (21, "21 материал")],
)
def test_russian_counts_use_the_right_plural_form(client, make_story, n, expected):
    for i in range(n):
        make_story(ru=f"Новость {i}", publish="ru", at=NOV + timedelta(minutes=i))
    assert ru_story_count(n) == expected
    page = client.get("/ru/archive/2024/11/").get_data(as_text=True)
    assert text_of(page, "count") == [expected]
    archive = client.get("/ru/archive/").get_data(as_text=True)
    assert text_of(archive, "count") == [expected]


def test_archive_index_lists_months_newest_first_with_counts(client, make_story):
    make_story(en="May story", publish="en", at=datetime(2023, 5, 2))
    make_story(en="November one", publish="en", at=NOV)
    make_story(en="November two", publish="en", at=NOV + timedelta(days=1))
    make_story(en="Draft in December")
    tree = parse(client.get("/en/archive/").get_data(as_text=True))
    assert [h.text for h in tree.xpath("//section[@class='archive-year']/h2")] == ["2024", "2023"]
    months = [
        (" ".join(li.text_content().split()), li.find("a").get("href"))
        for li in tree.xpath("//ul[@class='month-list']/li")
    ]
    assert months == [
        ("November 2 stories", "/en/archive/2024/11/"),
        ("May 1 story", "/en/archive/2023/05/"),
    ]


def test_month_pages_use_the_site_time_zone(app_factory, make_story):
    client = app_factory(BABEL_DEFAULT_TIMEZONE="Europe/Moscow").test_client()
    # 22:30 UTC on 30 November is already 1 December in Moscow.
    make_story(en="Late in November UTC", publish="en", at=datetime(2024, 11, 30, 22, 30))
    assert client.get("/en/archive/2024/11/").status_code == 404
    december = client.get("/en/archive/2024/12/").get_data(as_text=True)
    assert "Late in November UTC" in december


@pytest.mark.parametrize(
    "path",
    [
        "/en/archive/2024/10/",
        "/en/archive/2024/13/",
        "/en/archive/2024/1/",
        "/en/archive/24/11/",
        "/ru/archive/9999/12/",
    ],
)
def test_empty_or_malformed_months_are_404(client, make_story, path):
    make_story(en="Telescope", publish="en", at=NOV)
    assert client.get(path).status_code == 404


def test_month_pagination_with_a_total_count(app_factory, make_story):
    client = app_factory(STORIES_PER_PAGE=2).test_client()
    for i in range(5):
        make_story(ru=f"Новость {i}", publish="ru", at=NOV + timedelta(hours=i))
    first = client.get("/ru/archive/2024/11/").get_data(as_text=True)
    third = client.get("/ru/archive/2024/11/?page=3").get_data(as_text=True)
    assert text_of(first, "count") == ["5 материалов"]
    assert "Новость 4" in first and "Новость 3" in first and "Новость 2" not in first
    assert "Новость 0" in third
    assert 'href="/ru/archive/2024/11/?page=2"' in first
    assert "Страница 1 из 3" in first
    assert client.get("/ru/archive/2024/11/?page=4").status_code == 404
    assert client.get("/ru/archive/2024/11/?page=0").status_code == 404


# Topics -------------------------------------------------------------------------------


@pytest.fixture
def tagged(make_story):
    make_story(
        en={"title": "Telescope opens", "tags": "science, observatory"},
        ru={"title": "Телескоп открыт"},
        publish="pair",
        at=NOV,
    )
    make_story(en={"title": "Library hours", "tags": "library"}, publish="en", at=NOV)
    make_story(en={"title": "Secret science draft", "tags": "science"})
    make_story(ru={"title": "Наука в городе", "tags": "наука"}, publish="ru", at=NOV)


def test_tag_page_lists_public_articles_of_its_language(client, tagged):
    page = client.get("/en/tags/science").get_data(as_text=True)
    assert "Telescope opens" in page and "Secret science draft" not in page
    assert "Library hours" not in page
    assert text_of(page, "count") == ["1 story"]
    ru = client.get("/ru/tags/science").get_data(as_text=True)
    assert "Телескоп открыт" in ru and text_of(ru, "count") == ["1 материал"]
    assert client.get("/en/tags/nonexistent").status_code == 404
    assert client.get("/en/tags/наука").status_code == 404  # only the Russian side has it
    assert "Наука в городе" in client.get("/ru/tags/наука").get_data(as_text=True)


def test_tags_index_counts_and_links(client, tagged):
    tree = parse(client.get("/en/tags/").get_data(as_text=True))
    rows = [
        (li.find("a").text, li.find("a").get("href"), li.findtext("span"))
        for li in tree.xpath("//ul[@class='topic-list']/li")
    ]
    assert rows == [
        ("library", "/en/tags/library", "1 story"),
        ("observatory", "/en/tags/observatory", "1 story"),
        ("science", "/en/tags/science", "1 story"),
    ]


def test_story_cards_link_their_topics(client, tagged):
    tree = parse(client.get("/ru/").get_data(as_text=True))
    hrefs = tree.xpath("//ul[@class='tags']//a/@href")
    assert "/ru/tags/science" in hrefs
    # A topic in the other script is marked as such, so screen readers pronounce it right.
    assert tree.xpath("//ul[@class='tags']//a[@href='/ru/tags/science']/@lang") == ["en"]


# Chrome language on the new pages ----------------------------------------------------

PAGES = [
    "/{lang}/archive/",
    "/{lang}/archive/2024/11/",
    "/{lang}/tags/",
    "/{lang}/tags/science",
    "/{lang}/search?q=telescope",
    "/{lang}/search?q=nothingmatches",
    "/{lang}/search",
]


@pytest.mark.parametrize("template", PAGES)
def test_new_pages_speak_the_page_language(client, tagged, template):
    en = client.get(template.format(lang="en")).get_data(as_text=True)
    ru = client.get(template.format(lang="ru")).get_data(as_text=True)
    assert html_lang(en) == "en" and html_lang(ru) == "ru"
    assert not CYRILLIC.search(chrome_text(en)), chrome_text(en)
    assert not LATIN.search(chrome_text(ru)), chrome_text(ru)
    assert "Архив" in chrome_text(ru) and "Archive" in chrome_text(en)
