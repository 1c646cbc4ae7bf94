"""Long lists: keyset pagination (?before=/?after=), and a constant number of SQL statements
per list page however many stories there are (no N+1 queries)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from newsdesk.extensions import db
from newsdesk.models import Status
from newsdesk.site.search import RANK_LIMIT
from tests.conftest import PASSWORD
from tests.site_helpers import text_of

START = datetime(2024, 1, 1, 9, 0)


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 lang="[a-z]{2}"><a href="[^"]+">([^<]+)</a></h2>', html)


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture
def numbered(app_factory, make_story):
    """25 English stories, 10 per page; stories 10-14 share one publication time (ties)."""
    app = app_factory(STORIES_PER_PAGE=10, PAGE_CACHE=False)
    for n in range(25):
        at = START + timedelta(days=min(n, 10) if n >= 10 and n < 15 else n)
        make_story(
            en={"title": f"Story {n:02}", "tags": "science" if n % 2 else "campus"},
            ru={"title": f"Новость {n:02}"} if n < 20 else None,
            publish="pair" if n < 20 else "en",
            at=at,
        )
    return app.test_client()


def test_older_and_newer_links_walk_the_whole_list_once(numbered):
    seen, url, pages = [], "/en/", []
    while url:
        page = numbered.get(url)
        assert page.status_code == 200, url
        html = page.get_data(as_text=True)
        pages.append((url, html))
        seen += _titles(html)
        url = _link(html, "next")
    assert seen == [f"Story {n:02}" for n in reversed(range(25))]  # every story exactly once
    assert [len(_titles(h)) for _, h in pages] == [10, 10, 5]
    assert "before=" in pages[1][0] and _link(pages[0][1], "prev") is None
    # Back up from the last page: the same pages, in the same order, to the cursor-less top.
    newer = _link(pages[2][1], "prev")
    assert "after=" in newer
    assert _titles(numbered.get(newer).get_data(as_text=True)) == _titles(pages[1][1])
    top = _link(pages[1][1], "prev")
    assert _titles(numbered.get(top).get_data(as_text=True)) == _titles(pages[0][1])


def test_a_cursor_page_is_canonical_and_has_its_russian_alternate(numbered):
    first = numbered.get("/en/").get_data(as_text=True)
    older = _link(first, "next")
    html = numbered.get(older).get_data(as_text=True)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical.replace("&amp;", "&").endswith(older)
    # The cursor means the same in both languages: /ru/ at that cursor lists the older half.
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html)
    )
    assert "ru" in alternates and "before=" in alternates["ru"]
    ru = numbered.get(older.replace("/en/", "/ru/")).get_data(as_text=True)
    assert _titles(ru)[0] == "Новость 14"


def test_old_page_numbers_still_work_and_bad_cursors_are_404(numbered):
    assert _titles(numbered.get("/en/?page=2").get_data(as_text=True))[0] == "Story 14"
    assert numbered.get("/en/?page=4").status_code == 404
    assert numbered.get("/en/?before=yesterday,3").status_code == 404
    assert numbered.get("/en/?before=2024-01-01T09:00:00,x").status_code == 404
    assert numbered.get("/en/?before=2000-01-01T00:00:00,1").status_code == 404  # past the end


def test_tag_pages_page_by_cursor_and_keep_their_count(numbered):
    html = numbered.get("/en/tags/science").get_data(as_text=True)
    assert text_of(html, "count") == ["12 stories"]
    second = numbered.get(_link(html, "next")).get_data(as_text=True)
    assert len(_titles(html)) == 10 and len(_titles(second)) == 2
    assert set(_titles(html)).isdisjoint(_titles(second))


# No N+1 -----------------------------------------------------------------------------


@contextmanager
def _statements(app):
    """Count the SQL statements sent while the block runs."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _add_stories(make_story, n: int, offset: int) -> None:
    for i in range(offset, offset + n):
        make_story(
            en={"title": f"Item {i}", "tags": f"tag{i % 3}, science"},
            ru={"title": f"Пункт {i}"},
            publish="pair",
            at=START + timedelta(hours=i),
        )


LIST_PAGES = [
    "/en/",
    "/ru/",
    "/en/tags/science",
    "/en/archive/2024/01/",
    "/en/search?q=item",
    "/en/feed.xml",
    "/editor/",
    "/editor/?status=published&lang=ru",
]


def test_list_pages_send_the_same_number_of_statements_for_3_or_15_stories(
    app_factory, make_story, make_user
):
    app = app_factory(PAGE_CACHE=False, STORIES_PER_PAGE=20)
    client = app.test_client()
    login_as = make_user()
    client.post("/editor/login", data={"username": login_as.username, "password": PASSWORD})
    counts: dict[int, dict[str, int]] = {}
    _add_stories(make_story, 3, 0)
    for size, more in ((3, 12), (15, 0)):
        counts[size] = {}
        for path in LIST_PAGES:
            client.get(path)  # warm (login bookkeeping, first-use queries)
            with _statements(app) as seen:
                response = client.get(path)
            assert response.status_code == 200, path
            counts[size][path] = len(seen)
        _add_stories(make_story, more, 3)
    assert counts[3] == counts[15]
    assert max(counts[15].values()) <= 12, counts[15]


def test_search_beyond_the_rank_limit_counts_more_than_and_ranks_titles_first(
    app_factory, make_story, monkeypatch
):
    monkeypatch.setattr("newsdesk.site.search.RANK_LIMIT", 3)
    client = app_factory(PAGE_CACHE=False).test_client()
    for n in range(5):
        title = "Comet seen" if n == 3 else f"Night {n}"
        make_story(en={"title": title, "body": "A comet crossed the sky."}, publish="en",
                   at=START + timedelta(hours=n))  # fmt: skip
    html = client.get("/en/search?q=comet").get_data(as_text=True)
    assert text_of(html, "count") == ["More than 3 stories found"]
    # The three most recently written matches, the title match first.
    assert re.findall(r'<h2 lang="en"><a href="[^"]+">(.+?)</a></h2>', html)[0] == (
        "<mark>Comet</mark> seen"
    )
    assert RANK_LIMIT == 1000  # the real limit is untouched outside this test


def test_editor_filters_count_stories_not_articles(app_factory, make_story, make_user):
    app = app_factory()
    client = app.test_client()
    make_story(en="Both", ru="Оба", publish="pair", at=START)
    make_story(en="Draft only")
    user = make_user()
    client.post("/editor/login", data={"username": user.username, "password": PASSWORD})
    html = client.get("/editor/?status=published").get_data(as_text=True)
    assert text_of(html, "count") == ["1 story"]
    assert "Both" in html and "Draft only" not in html
    assert Status.PUBLISHED.value == "published"


@pytest.mark.parametrize(
    "cursor",
    [
        "2024-01-01T00:00:00,99999999999999999999999",
        "2024-01-01T00:00:00,-99999999999999999999999",
        "2024-01-01T00:00:00,9223372036854775808",
        "2024-01-01T00:00:00,2147483648",
        "2024-01-01T00:00:00," + "9" * 5000,
        "99999-01-01T00:00:00,1",
        "2024-01-01T00:00:00,1e999",
    ],
)
def test_overflowing_cursor_is_a_clear_404(numbered, cursor):
    for path in ("/en/", "/ru/", "/en/tags/science"):
        for name in ("before", "after"):
            response = numbered.get(path, query_string={name: cursor})
            assert response.status_code == 404, (path, name)
            assert "text/html" in response.content_type
