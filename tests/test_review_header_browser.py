"""The workspace header in a real browser: the status badge, the blockers and the "Mark
ready" button follow each in-place save without a reload, under the CSP (no inline code)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from tests.browser import browser_page, live_server, open_logged_in

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.review_fixtures"]


def test_confirming_the_last_blocking_sentence_enables_mark_ready(
    app, app_factory, make_user, mt_story, tmp_path
):
    make_user("tr", role="translator", languages="ru")
    served = app_factory(WTF_CSRF_ENABLED=True)  # same database, real CSRF checks
    with live_server(served) as base, browser_page() as page:
        problems = open_logged_in(page, base, "tr", f"/editor/stories/{mt_story}/review/ru")
        page.evaluate("window.notReloaded = true")  # gone if the page loads again

        badge = page.locator("#review-status .badge")
        blockers = page.locator("#ready-blockers")
        button = page.locator("#mark-ready")
        expect(page.locator("#review-status")).to_have_attribute("aria-live", "polite")
        expect(badge).to_have_text("Machine draft")
        expect(blockers).to_have_text("7 sentences are untouched machine output.")
        expect(page.locator("#ready-clear")).to_be_hidden()
        expect(button).to_be_disabled()

        page.click("#s1 button[name=approve]")
        page.wait_for_selector("#s1.seg-approved")
        expect(badge).to_have_text("Draft")  # the first human touch, shown at once
        expect(badge).to_have_class("badge badge-draft")
        expect(blockers).to_have_text("6 sentences are untouched machine output.")
        expect(button).to_be_disabled()

        for number in range(2, 7):
            page.click(f"#s{number} button[name=approve]")
            page.wait_for_selector(f"#s{number}.seg-approved")
        expect(blockers).to_have_text("1 sentence is untouched machine output.")
        expect(button).to_be_disabled()

        page.locator("#s7 textarea").fill("Лаборатория закрывается в полдень по пятницам.")
        page.click("#s7 button[name=approve]")  # the last blocking sentence
        page.wait_for_selector("#s7.seg-approved")
        expect(blockers).to_be_hidden()
        expect(page.locator("#ready-clear")).to_be_visible()
        expect(button).to_be_enabled()
        assert page.evaluate("window.notReloaded === true")
        page.screenshot(path=str(tmp_path / "review-header.png"), full_page=True)

        button.click()
        page.wait_for_url(f"{base}/editor/stories/{mt_story}#side-ru")
        assert problems == []
    with served.app_context():
        db.engine.dispose()
    with app.app_context():
        assert db.session.get(Story, mt_story).article("ru").status == Status.READY
        db.session.remove()
