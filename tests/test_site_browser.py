"""Reader pages in a real Chromium: they fit a phone, load nothing from outside, log no errors."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest

from tests.browser import browser_page, live_server
from tests.conftest import PASSWORD
from tests.site_helpers import image_bytes

pytestmark = pytest.mark.browser
NOV14 = datetime(2024, 11, 14, 10, 0)
PAGES = [
    "/en/",
    "/ru/news/meteostantsiya",
    "/en/news/weather",
    "/ru/search?q=метеостанции",
    "/ru/archive/",
    "/en/archive/2024/11/",
    "/ru/tags/",
]


@pytest.fixture
def site(app, make_story, make_user):
    story = make_story(
        en={
            "title": "Students build a weather station on the roof of the physics building",
            "slug": "weather",
            "lead": "The station reports every ten minutes.",
            "body": "Students of the **physics** faculty built it.\n\n|a|b|\n|-|-|\n|1|2|",
            "tags": "science, students, physics faculty",
        },
        ru={
            "title": "Студенты построили метеостанцию на крыше физического корпуса",
            "slug": "meteostantsiya",
            "body": "Студенты **физического факультета** построили метеостанцию.",
        },
        publish="pair",
        at=NOV14,
    )
    for n in range(3):
        make_story(ru=f"Новость номер {n}", publish="ru", at=NOV14 - timedelta(days=n + 1))
    make_user("ed", role="editor")
    staff = app.test_client()
    staff.post("/editor/login", data={"username": "ed", "password": PASSWORD})
    staff.post(
        f"/editor/stories/{story.id}/image",
        data={
            "image": (io.BytesIO(image_bytes(1600, 900)), "roof.jpg"),
            "alt_en": "The station",
            "alt_ru": "Метеостанция",
            "caption_ru": "Фото: пресс-служба",
        },
        content_type="multipart/form-data",
    )
    return app


@pytest.mark.parametrize("width", [360, 1280])
def test_reader_pages_fit_the_screen_and_stay_on_this_machine(site, tmp_path, width):
    with live_server(site) as base, browser_page() as page:
        outside, problems = [], []
        page.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if urlsplit(r.url).hostname not in ("127.0.0.1", None)
                else None
            ),
        )
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: problems.append(r.url) if r.status >= 400 else None)
        page.set_viewport_size({"width": width, "height": 800})
        for n, path in enumerate(PAGES):
            response = page.goto(base + path)
            assert response.status == 200, path
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            page.screenshot(path=str(tmp_path / f"{width}-{n}.png"), full_page=True)
        image = page.goto(base + "/ru/news/meteostantsiya")
        assert image.ok
        loaded = page.evaluate("document.querySelector('.lead-image img').naturalWidth")
        assert loaded == 1600
    assert outside == []
    assert problems == []
