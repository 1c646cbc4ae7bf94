"""In a real Chromium: another site's form posted into the editor is refused, and the
victim's session and drafts are left alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article
from newsdesk.models.editing import DraftRevision
from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

EVIL = "http://evil.test"


def _attack_page(target: str) -> str:
    return (
        "<!doctype html><title>Win a prize</title>"
        f'<form method="post" action="{target}">'
        '<input name="title" value="Planted"><textarea name="body">attacker text</textarea>'
        '<input name="base_version" value="1"><input name="save" value="1">'
        '<button id="go" type="submit">Claim</button></form>'
    )


def test_a_form_on_another_site_cannot_post_into_the_editor(app_factory, make_user, make_story):
    app = app_factory(WTF_CSRF_ENABLED=True)
    make_user("ed")
    story = make_story(en="Library opens at night")
    with live_server(app) as base, browser_page() as page:
        page.goto(f"{base}/editor/login")
        page.fill("#username", "ed")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/editor/")
        cookie = [c for c in page.context.cookies() if c["name"] == "session"][0]["value"]

        target = f"{base}/editor/stories/{story.id}/en/edit"
        page.route(
            f"{EVIL}/**",
            lambda route: route.fulfill(content_type="text/html", body=_attack_page(target)),
        )
        page.goto(f"{EVIL}/prize.html")
        with page.expect_response(target) as answer:
            page.click("#go")
        assert answer.value.status == 403
        expect(page.locator("h1")).to_have_text("Refused: sent from another site")

        # The victim's session cookie is the same and still works; nothing was stored.
        after = [c for c in page.context.cookies() if c["name"] == "session"][0]["value"]
        assert after == cookie
        page.goto(f"{base}/editor/")
        assert page.url == f"{base}/editor/"
    with app.app_context():
        assert db.session.scalars(select(DraftRevision)).all() == []
        body = db.session.scalar(select(Article.body).where(Article.story_id == story.id))
        assert body == "Body of Library opens at night."
