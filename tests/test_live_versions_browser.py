"""Draft and live versions in a real Chromium: a translator's change to a live article is
invisible to readers until an editor publishes it from the story page."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from tests.browser import browser_pages, live_server, open_logged_in

pytestmark = pytest.mark.browser

NEW_BODY = "Читальный зал работает круглосуточно."


def test_a_translators_change_waits_for_an_editor(app, make_user, make_story):
    make_user("rutr", role="translator", languages="ru")
    make_user("boss", role="editor")
    story = make_story(
        en={"title": "Library opens", "body": "The reading room is open until midnight."},
        ru={"title": "Библиотека открыта", "body": "Читальный зал работает до полуночи."},
        publish="pair",
        at=datetime(2024, 11, 14, 10, 0),
    )
    with live_server(app) as base, browser_pages(2) as (page, other):
        reader_url = f"{base}/ru/news/biblioteka-otkryta"
        problems = open_logged_in(page, base, "rutr", f"/editor/stories/{story.id}/ru/edit")
        expect(page.locator(".live-note")).to_contain_text("unpublished changes")
        page.fill("#body", NEW_BODY)
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url(f"{base}/editor/stories/{story.id}")
        expect(page.locator(".flash-success")).to_contain_text("Saved as unpublished changes")
        side = page.locator("#side-ru")
        expect(side.locator(".badge-changes")).to_have_text("Unpublished changes")
        expect(side.locator("#live-changes-ru")).to_contain_text("An editor publishes them")
        expect(side.get_by_role("button", name="Publish changes")).to_have_count(0)

        other.goto(reader_url)  # a reader, not logged in
        expect(other.locator("article")).to_contain_text("до полуночи")
        expect(other.locator("article")).not_to_contain_text("круглосуточно")

        more = open_logged_in(other, base, "boss", f"/editor/stories/{story.id}")
        other.locator("#side-ru").get_by_role("link", name="Compare with the live version").click()
        expect(other.locator(".diff-block ins")).to_contain_text("круглосуточно")
        other.go_back()
        other.locator("#live-changes-ru").get_by_role("button", name="Publish changes").click()
        other.wait_for_url(f"{base}/editor/stories/{story.id}")
        expect(other.locator(".flash-success")).to_contain_text("The changes are published")
        expect(other.locator("#side-ru .badge-changes")).to_have_count(0)

        page.goto(reader_url)
        expect(page.locator("article")).to_contain_text("круглосуточно")
        assert problems == [] and more == []
