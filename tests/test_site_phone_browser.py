"""The reader site on a 390×844 phone and a desktop in Chromium: compact header with a menu,
one type family, the footer at the bottom, the feed shown as a page, the "only in" note."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.browser import browser_page, live_server

pytestmark = pytest.mark.browser
NOV14 = datetime(2024, 11, 14, 10, 0)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site(make_story):
    make_story(
        en={
            "title": "Students build a weather station on the roof of the physics building",
            "slug": "weather",
            "lead": "The station reports every ten minutes.",
            "body": "Students built it.\n\n## How it works\n\nIt measures rain.",
            "tags": "science",
        },
        ru={"title": "Студенты построили метеостанцию", "slug": "meteo"},
        publish="pair",
        at=NOV14,
    )
    make_story(ru={"title": "Только по-русски", "slug": "tolko"}, publish="ru", at=NOV14)


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_phone_header_is_compact_and_its_menu_opens(app, site):
    with live_server(app) as base, browser_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/en/news/weather")
        header = _box(page, ".site-header")
        assert header["height"] < 0.2 * PHONE["height"], header
        links = page.locator(".site-nav a")
        assert not links.first.is_visible()
        assert page.locator(".site-menu > summary").inner_text().strip().startswith("Menu")
        page.click(".site-menu > summary")
        assert links.first.is_visible()
        visible = [a.inner_text() for a in links.all() if a.is_visible()]
        assert visible == ["All news", "Archive", "Topics", "Read in Russian"]
        assert page.locator("#site-q").is_visible()
        # The open menu lies over the page, across its whole width, instead of pushing it down.
        assert _box(page, ".site-header")["height"] == header["height"]
        panel = _box(page, ".menu-panel")
        assert panel["x"] == 0 and panel["width"] == PHONE["width"], panel
        page.click(".site-nav >> text=Archive")
        page.wait_for_url(f"{base}/en/archive/")


def test_desktop_shows_the_links_without_a_menu_button(app, site):
    with live_server(app) as base, browser_page() as page:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/en/")
        assert not page.locator(".site-menu > summary").is_visible()
        assert page.locator(".site-nav a").first.is_visible()
        assert page.locator("#site-q").is_visible()
        assert _box(page, ".site-header")["height"] < 100


def test_one_type_family_and_the_footer_at_the_bottom(app, site):
    with live_server(app) as base, browser_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/en/news/weather")
        families = page.evaluate(
            """() => ['.brand', '.article h1', '.article .lead', '.article-body p',
                      '.article-body h2', '.article-tags h2']
                .map(s => getComputedStyle(document.querySelector(s)).fontFamily)"""
        )
        assert len(set(families)) == 1, families
        page.goto(f"{base}/en/tags/")  # a short page
        footer = _box(page, ".site-footer")
        assert footer["y"] + footer["height"] == pytest.approx(PHONE["height"], abs=1)


def test_a_single_language_article_says_so_in_the_ui_language(app, site):
    with live_server(app) as base, browser_page("ru-RU") as page:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/ru/news/tolko")
        assert page.locator(".site-nav .lang-note").inner_text() == "Только на русском"
        assert page.locator(".lang-switch").count() == 0
        page.goto(f"{base}/ru/news/meteo")
        assert page.locator(".lang-note").count() == 0
        assert page.locator(".lang-switch").inner_text() == "Читать на английском"


def test_clicking_the_feed_shows_a_readable_page(app, site):
    with live_server(app) as base, browser_page("ru-RU") as page:
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/ru/")
        page.click("text=Подписаться на ленту")
        page.wait_for_url(f"{base}/ru/feed.xml")
        heading = page.locator("h1.page-title")
        assert heading.inner_text() == "Новости университета: Новостная лента"
        titles = page.locator(".feed-entries h3 a")
        hrefs = {a.inner_text(): a.get_attribute("href") for a in titles.all()}
        assert hrefs == {
            "Студенты построили метеостанцию": f"{base}/ru/news/meteo",
            "Только по-русски": f"{base}/ru/news/tolko",
        }
        assert page.locator(".feed-address").inner_text() == f"{base}/ru/feed.xml"
        assert page.evaluate("getComputedStyle(document.body).display") == "flex"  # site CSS
