"""What axe and the Nu checker reported: every search landmark has its own name, and headings
never skip a level (reader pages and the review workspace, whose rows hold h3 headings)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.models import Story
from newsdesk.translation_jobs import service as mt_service
from tests.review_helpers import approve_all
from tests.site_helpers import parse

pytest_plugins = ["tests.review_fixtures"]
NOV14 = datetime(2024, 11, 14, 10, 0)
BODY = "The university opened a new laboratory. It cost $2.5 million.\n\nStudents work there.\n"
READER_PAGES = ["/en/", "/ru/news/meteo", "/en/news/weather", "/en/search?q=station", "/ru/tags/"]


def heading_levels(page: str) -> list[int]:
    return [int(h.tag[1]) for h in parse(page).iter("h1", "h2", "h3", "h4", "h5", "h6")]


def skipped_levels(levels: list[int]) -> list[tuple[int, int]]:
    """Pairs (before, after) where the outline goes down more than one level."""
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


@pytest.fixture
def reader_site(make_story):
    make_story(
        en={"title": "Weather station", "slug": "weather", "body": "Text.\n\n## Results\n\nRain."},
        ru={"title": "Метеостанция", "slug": "meteo"},
        publish="pair",
        at=NOV14,
    )


@pytest.mark.parametrize("path", READER_PAGES)
def test_reader_pages_name_each_search_landmark_and_keep_the_heading_order(
    client, reader_site, path
):
    page = client.get(path).get_data(as_text=True)
    tree = parse(page)
    searches = tree.xpath("//*[@role='search'] | //search")
    names = [s.get("aria-label") for s in searches]
    assert searches and all(names) and len(set(names)) == len(names), names
    assert all(n.get("aria-label") for n in tree.xpath("//nav"))
    levels = heading_levels(page)
    assert levels[0] == 1 and skipped_levels(levels) == [], levels


def test_the_search_page_has_two_differently_named_search_landmarks(client, reader_site):
    tree = parse(client.get("/ru/search?q=станция").get_data(as_text=True))
    assert tree.xpath("//*[@role='search']/@aria-label") == ["Поиск по сайту", "Поиск по новостям"]


def test_the_review_workspace_keeps_the_heading_order(app, engine, make_story, login, make_user):
    with app.app_context():
        glossary.add_term("laboratory", "лаборатория", "preferred")
    first = make_story(en={"title": "Lab opens", "lead": "Good news.", "body": BODY})
    with app.app_context():
        mt_service.request_translation(db.session.get(Story, first.id), "ru")
        approve_all(first.id)  # its sentences become translation memory for the second
    second = make_story(en={"title": "Lab opens again", "lead": "Good news.", "body": BODY})
    with app.app_context():
        mt_service.request_translation(db.session.get(Story, second.id), "ru")
    client = login(make_user("ed"))
    page = client.get(f"/editor/stories/{second.id}/review/ru").get_data(as_text=True)
    levels = heading_levels(page)
    assert 3 in levels  # the rows' memory and glossary headings are there
    assert levels[0] == 1 and skipped_levels(levels) == [], levels
