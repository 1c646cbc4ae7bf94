"""In Chromium: a future date reads Scheduled; the edit form previews the address."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, live_server, open_logged_in

pytestmark = pytest.mark.browser

LABEL = "Scheduled for 10 Dec 2099, 10:00 (Moscow Standard Time)"


def test_a_future_date_reads_scheduled_on_the_story_page_and_the_list(
    app_factory, make_user, make_story, tmp_path
):
    app = app_factory(BABEL_DEFAULT_TIMEZONE="Europe/Moscow")
    make_user("editor", role="editor")
    story = make_story(
        en={"title": "Open day", "status": "ready"},
        ru={"title": "День открытых дверей", "status": "ready"},
    )
    with live_server(app) as base, browser_page() as page:
        problems = open_logged_in(page, base, "editor", f"/editor/stories/{story.id}")
        assert "Moscow Standard Time" in page.locator("p.timezone").inner_text()
        page.check("input[name=mode][value=pair]")
        page.fill("#published_at", "2099-12-10T10:00")
        page.click("#submit")
        assert page.locator(".flash-success").inner_text() == LABEL
        assert page.locator(".scheduled-label").inner_text() == LABEL
        assert page.locator("#side-ru .badge").inner_text() == "Scheduled"
        page.screenshot(path=str(tmp_path / "scheduled.png"), full_page=True)
        page.goto(f"{base}/editor/")
        assert page.locator("table.stories .scheduled-label").inner_text() == LABEL
        assert page.locator("table.stories .badge-scheduled").count() == 2
        assert problems == []
        assert page.goto(f"{base}/en/news/open-day").status == 404


def test_the_address_preview_follows_the_typed_slug(app, make_user, make_story):
    make_user("editor", role="editor")
    story = make_story(en="Lab", ru="Лаборатория")
    with live_server(app) as base, browser_page() as page:
        problems = open_logged_in(page, base, "editor", f"/editor/stories/{story.id}/ru/edit")
        preview = page.locator("#slug-url")
        assert preview.inner_text() == "/ru/news/laboratoriia"
        page.fill("#slug", "robot-lab")
        assert preview.inner_text() == "/ru/news/robot-lab"
        page.fill("#slug", "")
        assert preview.inner_text() == "/ru/news/laboratoriia"
        assert problems == []
