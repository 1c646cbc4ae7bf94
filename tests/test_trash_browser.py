"""The trash in a real browser: an editor deletes a published story through its confirmation,
the public page is gone, the story comes back from the trash at the same address."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.browser import browser_page, live_server, open_logged_in

pytestmark = pytest.mark.browser


def test_delete_a_published_story_and_restore_it(app, make_user, make_story):
    make_user("editor", role="editor")
    story = make_story(
        en={"title": "Telescope dome opens", "slug": "dome", "body": "Text."},
        publish="en",
        at=datetime(2024, 11, 14, 10, 0),
    )
    with live_server(app) as base, browser_page() as page:
        problems = open_logged_in(page, base, "editor", f"/editor/stories/{story.id}")
        confirm = page.locator("#delete-story")
        yes = confirm.get_by_role("button", name="Yes, move to the trash")
        assert not yes.is_visible()  # nothing is deleted by the first click
        confirm.locator("summary").click()
        assert confirm.get_by_text("Move this story, in both languages, to the trash?").is_visible()
        yes.click()
        page.wait_for_url(f"{base}/editor/trash")
        row = page.locator(f"#trashed-{story.id}")
        assert "Telescope dome opens" in row.inner_text() and "editor" in row.inner_text()
        assert page.request.get(f"{base}/en/news/dome").status == 404

        row.get_by_role("button", name="Restore").click()
        page.wait_for_url(f"{base}/editor/stories/{story.id}")
        assert page.request.get(f"{base}/en/news/dome").status == 200
        page.goto(f"{base}/en/news/dome")
        assert page.locator("h1").inner_text() == "Telescope dome opens"
        page.goto(f"{base}/editor/trash")
        assert page.get_by_text("The trash is empty.").is_visible()
        assert problems == []
