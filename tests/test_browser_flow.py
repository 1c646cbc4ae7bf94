"""The whole newsroom in a real browser, on the real tiny model and a real job queue:
write, machine-translate (progress bar), review and approve, publish, read, switch."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from newsdesk import PROJECT_ROOT
from newsdesk.machine_translation import testing as tiny
from newsdesk.translation_jobs import queue as jobs
from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
PLAIN = [(en, ru) for en, ru in tiny.TRAINING_PAIRS if not any(c.isdigit() for c in en)]


@pytest.fixture
def queue(tmp_path):
    """huey on a real queue (a SQLite file, or Redis on the scale-out run) with a consumer
    thread, instead of the tests' inline mode."""
    huey = jobs.huey
    saved = dict(huey.storage_kwargs)
    if "filename" in huey.storage_kwargs:
        huey.storage_kwargs["filename"] = str(tmp_path / "huey.sqlite")
    huey.immediate = False
    huey.flush()
    consumers = []

    def start(app):
        consumers.append(jobs.start_consumer(1, app))

    yield start
    for consumer in consumers:
        consumer.stop(graceful=True)
    huey.storage_kwargs.clear()
    huey.storage_kwargs.update(saved)
    huey.immediate = True


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_write_translate_review_publish_read(app_factory, make_user, argos_packages, queue):
    app = app_factory(ARGOS_PACKAGES_DIR=str(argos_packages), MT_BEAM_SIZE=1, HUEY_IMMEDIATE=False)
    make_user("editor", role="editor")
    queue(app)
    (title_en, title_ru), *body_pairs = PLAIN[:4]
    with live_server(app) as base, browser_page() as page:
        outside, problems = [], []
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{base}/editor/login")
        page.fill("#username", "editor")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/editor/")

        page.goto(f"{base}/editor/stories/new?lang=en")
        page.fill("#title", title_en)
        page.fill("#body", "\n\n".join(en for en, _ in body_pairs))
        page.select_option("#status", "ready")
        page.click("#save")
        story_url = page.url

        page.click("text=Machine-translate into Russian")
        # The job runs in the consumer thread; the page's script polls and reloads at the end.
        page.wait_for_selector("#side-ru .badge-mt_draft", timeout=90_000)
        _shot(page, "1-story-machine-draft")
        assert page.locator("#side-ru .side-title").inner_text() == title_ru

        page.goto(story_url + "/review/ru")
        rows = page.locator("li.seg")
        count = rows.count()
        assert count == 1 + len(body_pairs)
        page.locator("#s1 textarea").click()
        for number in range(1, count + 1):
            page.keyboard.press("Control+Enter")
            page.wait_for_selector(f"#s{number}.seg-approved")
        _shot(page, "2-review-approved")
        page.click("#ready button[type=submit], #ready input[type=submit]")
        page.goto(story_url)
        page.check("input[name=mode][value=pair]")
        page.fill("#published_at", "2024-11-14T10:00")
        page.click("#submit")
        assert page.locator(".flash-success").inner_text() == "Published."

        page.goto(f"{base}/ru/")
        page.click(f"text={title_ru}")
        assert page.locator("h1").inner_text() == title_ru
        assert (
            format_date(date(2024, 11, 14), "long", locale="ru")
            in page.locator("time").first.inner_text()
        )
        for _, ru in body_pairs:
            assert ru in page.locator(".article-body").inner_text()
        _shot(page, "3-reader-ru")
        page.click("a.lang-switch")
        assert page.locator("h1").inner_text() == title_en
        page.click("a.lang-switch")
        assert page.locator("h1").inner_text() == title_ru

        page.set_viewport_size({"width": 375, "height": 800})
        for path in (page.url, f"{base}/ru/", story_url):
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
        _shot(page, "4-phone-story")
        assert outside == [], outside
        assert problems == [], problems
