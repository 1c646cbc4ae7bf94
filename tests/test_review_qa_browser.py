"""Workspace QA in a real browser (issue 16): a blocked approval overridden with a reason,
and a glossary term inserted into the sentence being edited with a click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsdesk.extensions import db
from newsdesk.models import SegmentStatus
from newsdesk.models.review import AuditEntry
from tests.browser import browser_page, live_server, open_logged_in
from tests.review_helpers import segments

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.review_fixtures"]

WRONG = "Она стоила 2.5 млн $."  # a number in English notation: a blocking finding


def test_a_blocked_approval_is_overridden_with_a_reason(app, app_factory, make_user, mt_story):
    make_user("tr", role="translator", languages="ru")
    served = app_factory(WTF_CSRF_ENABLED=True)
    with live_server(served) as base, browser_page() as page:
        problems = open_logged_in(page, base, "tr", f"/editor/stories/{mt_story}/review/ru")
        page.fill("#s4 textarea", WRONG)
        page.click("#s4 .seg-actions button[name=approve]")
        expect(page.locator("#s4 .error-line")).to_contain_text("cannot be approved")
        expect(page.locator("#s4")).to_have_class("seg seg-edited")  # saved, not approved
        expect(page.locator("#s4 textarea")).to_have_value(WRONG)
        override = page.locator("#s4 details.seg-override input[name=override]")
        expect(override).to_be_visible()  # opened for the reason
        override.fill("The agency's own figure")
        page.click("#s4 .override-approve")
        page.wait_for_selector("#s4.seg-approved")
        # the refused approval is a 400 reply, which Chromium logs; nothing else went wrong
        assert problems == [
            "Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"
        ]
    with served.app_context():
        db.engine.dispose()
    with app.app_context():
        assert segments(mt_story)[3].status == SegmentStatus.APPROVED
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "approved"))
        assert entry.reason == "The agency's own figure"
        db.session.remove()


def test_a_click_inserts_a_glossary_term_into_the_active_sentence(
    app, app_factory, make_user, mt_story
):
    from newsdesk.glossary import service as glossary

    make_user("tr", role="translator", languages="ru")
    with app.app_context():
        glossary.add_term("laboratory", "лаборатория", "preferred")
        db.session.commit()
        db.session.remove()
    served = app_factory(WTF_CSRF_ENABLED=True)
    with live_server(served) as base, browser_page() as page:
        problems = open_logged_in(page, base, "tr", f"/editor/stories/{mt_story}/review/ru")
        panel = page.locator("#glossary-panel")
        expect(panel).to_be_visible()
        area = page.locator("#s3 textarea")
        area.fill("Университет открыл новую")
        page.locator("#s5 textarea").click()  # another sentence had the focus last ...
        area.click()  # ... then this one: the term goes here, at the cursor
        page.keyboard.press("End")
        panel.get_by_role("button", name="лаборатория").click()
        expect(area).to_have_value("Университет открыл новую лаборатория")
        assert page.evaluate("document.activeElement.id") == area.get_attribute("id")
        expect(page.locator("#s5 textarea")).not_to_have_value("лаборатория")
        assert problems == []
    with served.app_context():
        db.engine.dispose()
