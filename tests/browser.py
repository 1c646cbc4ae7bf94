"""A real headless Chromium (Debian's package) driven by Playwright against a live server."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's Chromium; `make test` installs it. Missing is a failure, not a skip."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Chromium is not installed: run `make browser` (apt-get install chromium).")
    return path


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve the app on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@contextmanager
def browser_page(locale: str = "en-US"):
    """A fresh Chromium page with its own profile."""
    with browser_pages(1, locale) as (page,):
        yield page


@contextmanager
def browser_pages(count: int, locale: str = "en-US"):
    """``count`` pages of one Chromium, each in its own context (cookies, session): people
    using the site at the same time."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            contexts = [browser.new_context(locale=locale) for _ in range(count)]
            yield tuple(context.new_page() for context in contexts)
            for context in contexts:
                context.close()
        finally:
            browser.close()


def open_logged_in(page, base: str, username: str, path: str) -> list[str]:
    """Collect the page's console and script errors, log ``username`` in through the real
    form, open ``path``; returns the (live) list of errors."""
    from tests.conftest import PASSWORD

    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base}/editor/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(base + path)
    return problems
