"""Every public page has one <meta name="description">: in its language, plain, short."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.site.seo import DESCRIPTION_CHARS
from tests.site_helpers import meta, parse

NOV14 = datetime(2024, 11, 14, 10, 0)
LONG_BODY = "Students of the **physics** faculty built [a station](https://example.org). " * 20


@pytest.fixture
def site(make_story):
    make_story(
        en={"title": "Weather station", "slug": "weather", "tags": "science"},
        ru={"title": "Метеостанция", "slug": "meteo", "lead": "Каждые десять минут."},
        publish="pair",
        at=NOV14,
    )
    make_story(
        en={"title": "No lead", "slug": "no-lead", "body": LONG_BODY}, publish="en", at=NOV14
    )


PAGES = {
    "/en/": "The latest news from the university press office.",
    "/ru/": "Последние новости пресс-службы университета.",
    "/en/archive/": "Every story of the university press office, month by month.",
    "/ru/archive/2024/11/": "Материалы за ноябрь 2024.",
    "/en/archive/2024/11/": "Stories published in November 2024.",
    "/en/tags/": "The topics of the university's news, with the number of stories.",
    "/ru/tags/science": "Материалы по теме «science».",
    "/en/search?q=station": "Search the stories of the university press office.",
    "/ru/search": "Поиск по материалам пресс-службы университета.",
    "/ru/news/meteo": "Каждые десять минут.",
}


@pytest.mark.parametrize("path", PAGES)
def test_each_public_page_describes_itself(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert parse(page).xpath("//head/meta[@name='description']/@content") == [PAGES[path]]


def test_an_article_without_a_lead_is_summarized_without_markup(client, site):
    page = client.get("/en/news/no-lead").get_data(as_text=True)
    [description] = meta(page, "description")
    assert description.startswith("Students of the physics faculty built a station.")
    assert len(description) <= DESCRIPTION_CHARS + 1 and description.endswith("…")
    assert not any(mark in description for mark in ("**", "](", "<", "https://"))
    assert meta(page, "og:description") == [description]
