"""Accounts in a real Chromium: an admin creates an account with a one-time link, logs out;
the new user opens the link, sets a password and logs in."""

from __future__ import annotations

import re

import pytest

from newsdesk import PROJECT_ROOT
from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
NEW_PASSWORD = "a brand new passphrase"


def _log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/editor/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(
        re.compile(rf"{re.escape(base)}/editor/(desk)?$")
    )  # translators land on their desk


def test_admin_creates_an_account_and_the_person_sets_their_password(app, make_user):
    make_user("boss", role="admin")
    with live_server(app) as base, browser_page() as page:
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        _log_in(page, base, "boss", PASSWORD)
        page.goto(f"{base}/editor/admin/users")
        page.click("text=New account")
        page.fill("#username", "anna")
        page.select_option("#role", "translator")
        page.select_option("#languages", "ru")
        assert page.is_checked("input[name=password_mode][value=link]")  # the default
        page.click("#submit")
        page.wait_for_load_state()
        assert page.locator("#new-link").count() == 1, page.inner_text("main")
        link = page.input_value("#reset-url")
        assert link.startswith(f"{base}/editor/account/reset/")
        copy = page.locator("button[data-copy]")
        assert copy.is_visible()  # the script shows the copy button
        copy.click()
        page.wait_for_function(
            "document.querySelector('button[data-copy]').textContent === 'Copied'"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "accounts-new-link.png"), full_page=True)

        # The confirmation opens before anything happens, without a script of its own.
        deactivate = page.locator("#deactivate button[type=submit]")
        assert not deactivate.is_visible()
        page.click("#deactivate summary")
        assert deactivate.is_visible()

        page.click("header button:has-text('Log out')")
        page.wait_for_url(f"{base}/editor/login")

        page.goto(link)
        assert "anna" in page.inner_text("main")
        page.fill("#new", NEW_PASSWORD)
        page.fill("#repeat", NEW_PASSWORD)
        page.click("#submit")
        page.wait_for_url(f"{base}/editor/login")
        assert "Your password is set." in page.inner_text(".flashes")
        _log_in(page, base, "anna", NEW_PASSWORD)
        assert "anna" in page.inner_text("header")

        page.goto(link)
        assert "This link does not work" in page.inner_text("main")
        assert problems == []
