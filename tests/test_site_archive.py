"""Archive by month, topic pages, pagination and Russian plural counts, exactly as Babel says."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

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


# Archive index: exact local months, memoized per site state -----------------------------


def archive_rows(client, lang: str) -> list[tuple[str, str]]:
    """(href, count text) of every month on the archive index, in page order."""
    tree = parse(client.get(f"/{lang}/archive/").get_data(as_text=True))
    return [
        (li.find("a").get("href"), " ".join(li.findtext("span").split()))
        for li in tree.xpath("//ul[@class='month-list']/li")
    ]


def expected_rows(dates: list[datetime], zone: str, lang: str) -> list[tuple[str, str]]:
    """The archive index computed independently: each UTC date put in its month with
    zoneinfo, counted."""
    tz = ZoneInfo(zone)
    months = Counter(
        (local.year, local.month) for local in (d.replace(tzinfo=UTC).astimezone(tz) for d in dates)
    )

    def word(n: int) -> str:
        return ru_story_count(n) if lang == "ru" else f"{n} {'story' if n == 1 else 'stories'}"

    return [
        (f"/{lang}/archive/{year}/{month:02d}/", word(months[year, month]))
        for year, month in sorted(months, reverse=True)
    ]


# Dates within hours of a local month boundary, across DST changes (New York: UTC-4 in
# summer, UTC-5 in winter, so 1 November and 1 December start at different UTC hours;
# Kolkata is UTC+5:30, a boundary in the middle of a UTC hour).
NEAR_BOUNDARIES = [
    datetime(2024, 3, 1, 4, 59),  # New York: 29 February 23:59 (EST)
    datetime(2024, 3, 1, 5, 0),  # New York: 1 March 00:00
    datetime(2024, 3, 31, 18, 29),  # Kolkata: 31 March 23:59
    datetime(2024, 3, 31, 18, 30),  # Kolkata: 1 April 00:00
    datetime(2024, 4, 1, 3, 59),  # New York: 31 March 23:59 (EDT since 10 March)
    datetime(2024, 4, 1, 4, 0),  # New York: 1 April
    datetime(2024, 10, 31, 23, 0),
    datetime(2024, 11, 1, 3, 59),  # New York: 31 October 23:59 (EDT)
    datetime(2024, 11, 1, 4, 0),  # New York: 1 November
    datetime(2024, 11, 30, 18, 30),  # Kolkata: 1 December
    datetime(2024, 12, 1, 4, 30),  # New York: 30 November 23:30 (EST since 3 November)
    datetime(2024, 12, 1, 5, 0),  # New York: 1 December
    datetime(2024, 12, 31, 23, 59),
    datetime(2025, 1, 1, 0, 0),
]


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "UTC"])
def test_archive_index_counts_in_local_months_across_dst(app_factory, make_story, zone):
    client = app_factory(BABEL_DEFAULT_TIMEZONE=zone).test_client()
    for i, at in enumerate(NEAR_BOUNDARIES):
        make_story(en=f"Near a boundary {i}", ru=f"У границы {i}", publish="pair", at=at)
    make_story(en="Only in English", publish="en", at=datetime(2024, 11, 15))
    make_story(en="Never published", ru="Не опубликовано")
    english = [*NEAR_BOUNDARIES, datetime(2024, 11, 15)]
    # Sorted: the order on the page is the template's (years newest first).
    assert sorted(archive_rows(client, "en")) == sorted(expected_rows(english, zone, "en"))
    assert sorted(archive_rows(client, "ru")) == sorted(expected_rows(NEAR_BOUNDARIES, zone, "ru"))
    # The month pages agree with the index (the same local boundaries).
    for href, count in archive_rows(client, "en"):
        assert text_of(client.get(href).get_data(as_text=True), "count") == [count]


def test_archive_index_follows_publishing_through_another_app_instance(
    app, app_factory, make_story
):
    """The index is memoized per site state: a change made by another worker on the same
    database (another app instance here) shows at once, also one that leaves the latest
    publication date as it was (an older story, an unpublish)."""
    reader = app_factory().test_client()
    make_story(en="First", publish="en", at=NOV)
    assert archive_rows(reader, "en") == [("/en/archive/2024/11/", "1 story")]
    assert archive_rows(reader, "ru") == []
    older = make_story(en="Older", ru="Старее", publish="pair", at=NOV - timedelta(days=1))
    assert archive_rows(reader, "en") == [("/en/archive/2024/11/", "2 stories")]
    assert archive_rows(reader, "ru") == [("/ru/archive/2024/11/", ru_story_count(1))]
    with app.app_context():
        from newsdesk.stories import service as stories

        stories.unpublish(stories.get_story(older.id))
    assert archive_rows(reader, "en") == [("/en/archive/2024/11/", "1 story")]
    assert archive_rows(reader, "ru") == []


def test_archive_index_shows_an_embargoed_story_once_its_date_comes(client, make_story):
    from newsdesk.models import utcnow

    make_story(en="Already out", publish="en", at=NOV)
    release = utcnow() + timedelta(seconds=2)
    make_story(en="Embargoed", publish="en", at=release)
    make_story(en="Embargoed longer", publish="en", at=release + timedelta(seconds=60))
    before = archive_rows(client, "en")
    assert before == [("/en/archive/2024/11/", "1 story")]
    while utcnow() <= release:  # no write happens: only the clock moves
        time.sleep(0.2)
    after = archive_rows(client, "en")
    # The test app's zone is UTC.
    assert after[0] == (f"/en/archive/{release.year}/{release.month:02d}/", "1 story")
    assert after[1:] == before


def test_archive_index_spans_a_century_of_dates(client, make_story):
    """1,500 months between the oldest and the newest story: counted in several statements
    (each month's range count has its own bound parameters)."""
    make_story(en="Founded", publish="en", at=datetime(1901, 9, 1, 12))
    make_story(en="Telescope", publish="en", at=NOV)
    assert archive_rows(client, "en") == [
        ("/en/archive/2024/11/", "1 story"),
        ("/en/archive/1901/09/", "1 story"),
    ]
