"""Never lose a word, in a real Chromium: autosave and reopening, the browser copy when offline,
two people on one article, and a session that expires mid-edit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article
from newsdesk.models.editing import DraftRevision
from tests.browser import CHROMIUM_ARGS, chromium_path, live_server
from tests.conftest import PASSWORD
from tests.test_browser_flow import ARTIFACTS

pytestmark = pytest.mark.browser

SAVED = "Body of Library opens at night."


@pytest.fixture
def served(app_factory, app):
    """The test database served with real CSRF checks and quick autosave and presence pings."""
    return app_factory(
        WTF_CSRF_ENABLED=True,
        AUTOSAVE_INTERVAL_SECONDS=0.3,
        PRESENCE_INTERVAL_SECONDS=0.4,
        PRESENCE_TTL_SECONDS=3,
    )


@pytest.fixture
def story(make_story):
    return make_story(en="Library opens at night", ru="Библиотека открыта ночью")


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, for tests that need several independent browser profiles."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/editor/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(
        re.compile(rf"{re.escape(base)}/editor/(desk)?$")
    )  # translators land on their desk


def _article_body(app, story, lang="en") -> str:
    with app.app_context():
        return db.session.scalar(
            select(Article.body).where(Article.story_id == story.id, Article.lang == lang)
        ).replace("\r\n", "\n")


def _draft_bodies(app) -> list[str]:
    with app.app_context():
        return [b.replace("\r\n", "\n") for b in db.session.scalars(select(DraftRevision.body))]


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_autosave_then_closing_the_tab_offers_the_text_back(served, make_user, story):
    make_user("ed")
    edit = f"/editor/stories/{story.id}/en/edit"
    typed = "Typed in the browser, never saved with the button."
    with live_server(served) as base, chromium() as browser:
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        _login(page, base, "ed")
        page.goto(base + edit)
        page.fill("#body", typed)
        expect(page.locator("#autosave-status")).to_contain_text("Saved a draft copy at")
        assert _draft_bodies(served) == [typed]
        assert _article_body(served, story) == SAVED  # the article itself is untouched
        page.close()

        page = context.new_page()
        page.goto(base + edit)
        notice = page.locator("#recovery")
        expect(notice).to_be_visible()
        expect(notice.locator(".recovery-text")).to_contain_text("kept on the server")
        expect(notice.locator(".recovery-stale")).to_be_hidden()
        expect(page.locator("#body")).to_have_value(SAVED)
        _shot(page, "drafts-restore-offer")
        page.click("text=Restore unsaved text")
        expect(page.locator("#body")).to_have_value(typed)
        page.click("#save")
        expect(page.locator(".flash-success")).to_have_text("Saved.")
        assert _article_body(served, story) == typed
        assert _draft_bodies(served) == []  # the real save cleaned the autosave up


def test_offline_the_browser_copy_is_kept_and_offered_when_newer(served, make_user, story):
    make_user("ed")
    edit = f"/editor/stories/{story.id}/en/edit"
    with live_server(served) as base, chromium() as browser:
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        _login(page, base, "ed")
        page.goto(base + edit)
        page.fill("#body", "First words, autosaved.")
        expect(page.locator("#autosave-status")).to_contain_text("Saved a draft copy at")

        context.set_offline(True)
        page.fill("#body", "More words, written offline.")
        expect(page.locator("#autosave-status")).to_have_text("Offline — kept in this browser")
        _shot(page, "drafts-offline")
        # Leave the editor while still offline (the document is gone once about:blank has
        # loaded, so none of its timers or "online" handlers can send the text later).
        page.goto("about:blank")
        context.set_offline(False)
        assert _draft_bodies(served) == ["First words, autosaved."]

        page.goto(base + edit)
        notice = page.locator("#recovery")
        expect(notice).to_be_visible()
        # newer than the server's draft
        expect(notice.locator(".recovery-text")).to_contain_text("kept in this browser")
        page.click("text=Restore unsaved text")
        expect(page.locator("#body")).to_have_value("More words, written offline.")
        expect(notice).to_be_hidden()
        # The restored text goes to the server, and the browser copy is dropped once it has.
        expect(page.locator("#autosave-status")).to_contain_text("Saved a draft copy at")
        assert _draft_bodies(served) == ["More words, written offline."]
        left = page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('newsdesk:draft:'))"
        )
        assert left == []


def test_two_people_on_one_article_see_each_other(served, make_user, story):
    make_user("anna", role="editor")
    make_user("boris", role="translator", languages="en,ru")
    make_user("carl", role="translator", languages="ru")
    en, ru = (f"/editor/stories/{story.id}/{lang}/edit" for lang in ("en", "ru"))
    with live_server(served) as base, chromium() as browser:
        pages = {}
        for name in ("anna", "boris", "carl"):
            pages[name] = browser.new_context(locale="en-US").new_page()
            _login(pages[name], base, name)
        pages["anna"].goto(base + en)
        expect(pages["anna"].locator("#presence-notice")).to_be_hidden()

        pages["boris"].goto(base + en)
        boris_notice = pages["boris"].locator("#presence-notice")
        expect(boris_notice).to_be_visible()  # on load, from the server
        expect(boris_notice).to_have_text("anna (editor) is also editing this article")
        anna_notice = pages["anna"].locator("#presence-notice")
        expect(anna_notice).to_have_text("boris (translator) is also editing this article")
        assert anna_notice.get_attribute("aria-live") == "polite"
        _shot(pages["anna"], "drafts-presence")

        pages["carl"].goto(base + ru)  # the other language: no notice for anybody
        expect(pages["carl"].locator("#presence-notice")).to_be_hidden()
        pages["carl"].wait_for_timeout(1000)  # a few pings
        expect(anna_notice).to_have_text("boris (translator) is also editing this article")

        pages["boris"].close()  # leaving: the notice goes away without a lock to release
        expect(anna_notice).to_be_hidden(timeout=5000)


def _expire_session(context, page, base: str) -> None:
    """Drop the session cookie through the DevTools protocol, as the browser does when the
    session ends; the CSRF token in the page becomes worthless with it."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.deleteCookies", {"name": "session", "url": base})
    assert not [c for c in context.cookies() if c["name"] == "session"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_session_expiring_mid_edit_keeps_the_text_through_login(
    served, make_user, story, javascript
):
    make_user("ed")
    edit = f"/editor/stories/{story.id}/en/edit"
    typed = "Written while the session ran out.\nSecond line & <em>markup</em>."
    with live_server(served) as base, chromium() as browser:
        context = browser.new_context(locale="en-US", java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{base}/editor/login")
        page.fill("#username", "ed")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(
            re.compile(rf"{re.escape(base)}/editor/(desk)?$")
        )  # translators land on their desk
        page.goto(base + edit)
        page.fill("#body", typed)
        _expire_session(context, page, base)

        page.click("#save")
        expect(page.locator(".session-expired")).to_have_text(
            "Your session expired; log in again — your text is kept."
        )
        _shot(page, f"drafts-session-expired-{'js' if javascript else 'nojs'}")
        assert _article_body(served, story) == SAVED
        page.fill("#username", "ed")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + edit)

        expect(page.locator("#recovery")).to_be_visible()
        page.click("text=Restore unsaved text")
        expect(page.locator("#body")).to_have_value(typed)
        page.click("#save")
        expect(page.locator(".flash-success")).to_have_text("Saved.")
        assert _article_body(served, story) == typed


def test_a_new_story_is_kept_in_the_browser_until_it_is_created(served, make_user):
    make_user("ed")
    with live_server(served) as base, chromium() as browser:
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        _login(page, base, "ed")
        page.goto(f"{base}/editor/stories/new")
        page.fill("#title", "Observatory opens to the public")
        page.fill("#body", "Every Friday night.")
        expect(page.locator("#autosave-status")).to_have_text("Kept in this browser")
        page.close()

        page = context.new_page()
        page.goto(f"{base}/editor/stories/new")
        expect(page.locator("#recovery .recovery-text")).to_contain_text("kept in this browser")
        page.click("text=Restore unsaved text")
        expect(page.locator("#body")).to_have_value("Every Friday night.")
        page.click("#save")
        expect(page.locator(".flash-success")).to_have_text("Story created.")

        page.goto(f"{base}/editor/stories/new")  # created: nothing left to offer
        expect(page.locator("#title")).to_have_value("")
        page.wait_for_timeout(300)
        expect(page.locator("#recovery")).to_be_hidden()


def test_after_a_conflict_saving_again_goes_through_and_leaves_no_copy(served, make_user, story):
    from newsdesk.stories import service as stories

    make_user("ed")
    edit = f"/editor/stories/{story.id}/en/edit"
    with live_server(served) as base, chromium() as browser:
        page = browser.new_context(locale="en-US").new_page()
        _login(page, base, "ed")
        page.goto(base + edit)
        page.fill("#body", "My version of the text.")
        with served.app_context():
            article = db.session.get(Article, story.article("en").id)
            stories.update_article(article, title=article.title, body="Someone else's version.")
        page.click("#save")
        expect(page.locator(".conflict")).to_contain_text("Someone else's version.")
        expect(page.locator("#body")).to_have_value("My version of the text.")
        page.fill("#body", "My version, merged with theirs.")
        page.click("#save")
        expect(page.locator(".flash-success")).to_have_text("Saved.")
        assert _article_body(served, story) == "My version, merged with theirs."

        page.goto(base + edit)
        page.wait_for_timeout(300)
        expect(page.locator("#recovery")).to_be_hidden()
        left = page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('newsdesk:draft:'))"
        )
        assert left == []
