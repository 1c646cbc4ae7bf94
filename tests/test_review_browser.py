"""The review workspace in a real browser: in-place saves and the keyboard flow, under the
Content-Security-Policy (no inline code)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsdesk.extensions import db
from newsdesk.models import SegmentStatus
from tests.browser import browser_page, live_server, open_logged_in
from tests.review_helpers import segments

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.review_fixtures"]


def test_keyboard_flow_approves_in_place_and_moves_on(
    app, app_factory, make_user, mt_story, tmp_path
):
    make_user("tr", role="translator", languages="ru")
    served = app_factory(WTF_CSRF_ENABLED=True)  # same database, real CSRF checks
    with live_server(served) as base, browser_page() as page:
        problems = open_logged_in(page, base, "tr", f"/editor/stories/{mt_story}/review/ru")
        url = page.url

        first = page.locator("#s1 textarea")
        first.click()
        first.fill("Лаборатория открылась")
        page.keyboard.press("Control+Enter")  # approve and go to the next sentence
        page.wait_for_selector("#s1.seg-approved")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "s2"
        assert "1 of 7 sentences approved" in page.locator("#review-summary").inner_text()
        assert page.url == url  # saved in place, no reload

        page.keyboard.press("Control+Enter")  # approve the second as it is
        page.wait_for_selector("#s2.seg-approved")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "s3"
        page.keyboard.press("Alt+ArrowUp")
        assert page.evaluate("document.activeElement.closest('.seg').id") == "s2"
        page.keyboard.press("Alt+KeyN")  # the next sentence needing attention
        assert page.evaluate("document.activeElement.closest('.seg').id") == "s3"

        page.locator("#s3 textarea").fill('Открыли "лабораторию" - новую.')
        page.keyboard.press("Control+KeyS")
        page.wait_for_selector("#s3.seg-edited .fix-form")
        page.click("#s3 .fix-form button")
        expect(page.locator("#s3 textarea")).to_have_value("Открыли «лабораторию»\u00a0— новую.")
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        assert problems == []
    with served.app_context():
        db.engine.dispose()
    with app.app_context():
        segs = segments(mt_story)
        assert [s.status for s in segs[:3]] == [
            SegmentStatus.APPROVED,
            SegmentStatus.APPROVED,
            SegmentStatus.EDITED,
        ]
        assert segs[0].target_text == "Лаборатория открылась"
        assert segs[2].target_text == "Открыли «лабораторию»\u00a0— новую."
        db.session.remove()
