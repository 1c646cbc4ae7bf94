"""The models page's upload in a real Chromium: the script sends the file with a progress
bar, and the page then lists the installed direction."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsdesk.machine_translation import testing as tiny
from newsdesk.translation_jobs import model_admin
from tests.browser import browser_page, live_server, open_logged_in

pytestmark = pytest.mark.browser


@pytest.fixture
def served(app_factory, empty_argos_packages, monkeypatch):
    """Real CSRF checks, on an empty packages folder."""
    monkeypatch.setattr(model_admin, "_probes", {})
    return app_factory(ARGOS_PACKAGES_DIR=str(empty_argos_packages), WTF_CSRF_ENABLED=True)


def test_upload_shows_progress_then_the_installed_model(served, make_user, tiny_argos_files):
    make_user("boss", role="admin")
    with live_server(served) as base, browser_page() as page:
        problems = open_logged_in(page, base, "boss", "/editor/admin/mt")
        expect(page.locator("#direction-en-ru")).to_contain_text("Not installed")
        page.set_input_files("#package", str(tiny_argos_files[("en", "ru")]))
        with page.expect_request(lambda r: r.url.endswith("/editor/admin/mt/upload")) as sent:
            with page.expect_navigation():
                page.click("#model-upload button[type=submit]")
                expect(page.locator(".upload-progress")).to_be_visible()
        assert sent.value.headers.get("accept") == "application/json"  # the script's request
        expect(page.locator("#direction-en-ru")).to_contain_text("Installed")
        expect(page.locator("body")).to_contain_text(tiny.package_name("en", "ru"))
        assert problems == []
