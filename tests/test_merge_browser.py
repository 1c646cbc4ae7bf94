"""Conflicts resolved, not dumped, in a real Chromium (issue 15.8): two edits of different
paragraphs merge with one message; overlapping edits are settled place by place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsdesk.extensions import db
from newsdesk.models import Article
from newsdesk.stories import service as stories
from tests.browser import live_server
from tests.test_drafts_browser import _article_body, _login, chromium

pytestmark = pytest.mark.browser

BODY = "The dam opens on Monday.\n\nThe mayor will attend.\n\nTours start at noon."


@pytest.fixture
def served(app_factory, app):
    return app_factory(WTF_CSRF_ENABLED=True)


@pytest.fixture
def story(make_story):
    return make_story(en={"title": "Dam opens", "body": BODY})


def _someone_else_saves(served, story, body: str) -> None:
    with served.app_context():
        article = db.session.get(Article, story.article("en").id)
        stories.update_article(article, title=article.title, body=body)


def test_edits_of_different_paragraphs_merge_with_one_message(served, make_user, story):
    make_user("ed")
    with live_server(served) as base, chromium() as browser:
        page = browser.new_context(locale="en-US").new_page()
        _login(page, base, "ed")
        page.goto(f"{base}/editor/stories/{story.id}/en/edit")
        page.fill("#body", BODY.replace("on Monday", "on Tuesday"))
        _someone_else_saves(served, story, BODY.replace("at noon", "at 13:00"))
        page.click("#save")
        expect(page.locator(".flash-success")).to_contain_text("both are kept, merged")
        assert page.locator(".flash").count() == 1
        expect(page.locator(".conflict")).to_have_count(0)
    assert _article_body(served, story) == (
        "The dam opens on Tuesday.\n\nThe mayor will attend.\n\nTours start at 13:00."
    )


def test_an_overlap_is_settled_with_keep_theirs(served, make_user, story):
    make_user("ed")
    with live_server(served) as base, chromium() as browser:
        page = browser.new_context(locale="en-US").new_page()
        _login(page, base, "ed")
        page.goto(f"{base}/editor/stories/{story.id}/en/edit")
        page.fill("#body", BODY.replace("The mayor will attend.", "The governor will attend."))
        _someone_else_saves(
            served,
            story,
            BODY.replace("The mayor will attend.", "The mayor and the rector will attend."),
        )
        page.click("#save")
        merge = page.locator("#merge")
        expect(merge).to_contain_text("The governor will attend.")
        expect(merge).to_contain_text("The mayor and the rector will attend.")
        expect(page.locator("#recovery")).to_be_hidden()  # one message, not three
        assert page.locator(".flash").count() == 0
        page.locator("input[name=keep-0][value=theirs]").check()
        page.click("#save")
        expect(page.locator(".flash-success")).to_have_text("Saved.")
    assert _article_body(served, story) == BODY.replace(
        "The mayor will attend.", "The mayor and the rector will attend."
    )
