"""The translator's desk in Chromium: a translator logs in, lands on "Waiting for me",
finds the machine draft of their language and opens it in the review workspace."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.review_fixtures"]


def test_translator_lands_on_the_desk_and_opens_a_machine_draft(
    app, app_factory, make_user, make_story, mt_story
):
    make_user("tr", role="translator", languages="ru")
    english_only = make_story(ru="Только по-русски")  # needs English: not this translator's
    served = app_factory(WTF_CSRF_ENABLED=True)  # same database, real CSRF checks
    with live_server(served) as base, browser_page() as page:
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{base}/editor/login")
        page.fill("#username", "tr")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/editor/desk")
        expect(page.locator("h1")).to_have_text("Waiting for me")
        drafts = page.locator("ul.desk-items[data-kind=machine] a")
        expect(drafts).to_have_count(1)
        expect(page.locator("#waiting-ru")).to_be_visible()
        assert page.locator("#waiting-en").count() == 0
        assert f"/stories/{english_only.id}/" not in page.content()
        row = page.locator("tr[data-state=machine]")
        expect(row.locator("td.num")).to_have_text(["7", "0", "0", "7"])
        drafts.first.click()
        page.wait_for_url(f"{base}/editor/stories/{mt_story}/review/ru")
        expect(page.locator("#s1 textarea")).to_be_visible()
        assert problems == []
