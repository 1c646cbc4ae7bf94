"""End to end in a real browser: an editor publishes a pair, a reader switches language."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_editor_publishes_a_pair_and_reader_switches_language(app, make_user, tmp_path):
    make_user("editor", role="editor")
    with live_server(app) as base, browser_page() as page:
        page.goto(f"{base}/editor/login")
        page.fill("#username", "editor")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/editor/")

        page.click("text=Write in English")
        page.fill("#title", "Students build a weather station")
        page.fill("#lead", "The station reports every ten minutes.")
        page.fill("#body", "Students of the **physics faculty** built a weather station.")
        page.select_option("#status", "ready")
        page.click("#save")
        assert page.locator(".flash-success").inner_text() == "Story created."

        page.click("text=Create the Russian version")
        page.fill("#title", "Студенты построили метеостанцию")
        page.fill("#body", "Студенты **физического факультета** построили метеостанцию.")
        page.select_option("#status", "ready")
        page.click("#save")

        page.check("input[name=mode][value=pair]")
        page.fill("#published_at", "2024-11-14T10:00")
        page.click("#submit")
        assert page.locator(".flash-success").inner_text() == "Published."
        page.screenshot(path=str(tmp_path / "editor-story.png"), full_page=True)

        page.goto(f"{base}/ru/")
        page.click("text=Студенты построили метеостанцию")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert (
            format_date(date(2024, 11, 14), "long", locale="ru")
            in page.locator("time").inner_text()
        )
        assert page.locator("strong").inner_text() == "физического факультета"
        page.click("a.lang-switch")
        assert page.url == f"{base}/en/news/students-build-a-weather-station"
        assert page.locator("h1").inner_text() == "Students build a weather station"
        assert page.locator("time").inner_text() == "November 14, 2024"
        page.click("a.lang-switch")
        assert page.url == f"{base}/ru/news/studenty-postroili-meteostantsiiu"


def test_root_follows_the_browser_language(app):
    with live_server(app) as base, browser_page(locale="ru-RU") as page:
        page.goto(f"{base}/")
        assert page.url == f"{base}/ru/"
        assert page.locator("h1").inner_text() == "Все новости"
