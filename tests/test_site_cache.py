"""The reader page cache: on by default, never stale across app instances, never for users."""

from __future__ import annotations

import os
from contextlib import ExitStack
from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time

from newsdesk.extensions import db
from newsdesk.models import Story, utcnow
from newsdesk.stories import service as stories

NOV = datetime(2024, 11, 14, 10, 0)


def _cache(app):
    return app.extensions["page_cache"]


def _edit_title(app, story_id: int, title: str) -> None:
    with app.app_context():
        article = db.session.get(Story, story_id).article("en")
        stories.update_article(
            article, title=title, slug=article.slug, body=article.body, lead=article.lead
        )


def _two_instances(app_factory, **extra):
    """Two apps on one database, as two gunicorn workers (or two servers) are."""
    return app_factory(**extra), app_factory(**extra)


def _check_no_stale_page_across_instances(first, second, make_story) -> None:
    story = make_story(
        en={"title": "Old title", "slug": "news", "body": "Text."}, publish="en", at=NOV
    )
    a, b = first.test_client(), second.test_client()
    for client in (a, b, a, b):
        assert "Old title" in client.get("/en/news/news").get_data(as_text=True)
        assert "Old title" in client.get("/en/").get_data(as_text=True)
    assert _cache(second).hits >= 2  # b answered its second visit from the cache

    _edit_title(first, story.id, "New title")  # published article edited through instance a
    for client in (b, a):  # unpublished changes: readers keep the live text
        assert "Old title" in client.get("/en/news/news").get_data(as_text=True)
    with first.app_context():
        stories.publish(db.session.get(Story, story.id), "en")  # the changes go live

    for client in (b, a):
        page = client.get("/en/news/news").get_data(as_text=True)
        assert "New title" in page and "Old title" not in page
        listing = client.get("/en/").get_data(as_text=True)
        assert "New title" in listing and "Old title" not in listing

    with second.app_context():
        stories.unpublish(db.session.get(Story, story.id))
    assert a.get("/en/news/news").status_code == 404
    assert "New title" not in a.get("/en/").get_data(as_text=True)


def test_a_published_edit_shows_at_once_on_another_instance(app_factory, make_story):
    first, second = _two_instances(app_factory)
    _check_no_stale_page_across_instances(first, second, make_story)


@pytest.mark.redis
def test_a_published_edit_shows_at_once_with_a_shared_redis_cache(app_factory, make_story):
    with ExitStack() as stack:
        url = os.environ.get("NEWSDESK_REDIS_URL")
        if not url:
            from tests import services

            url = stack.enter_context(services.redis_server())
        first, second = _two_instances(app_factory, REDIS_URL=url)
        assert type(_cache(first).store).__name__ == "RedisStore"
        _check_no_stale_page_across_instances(first, second, make_story)


def test_repeated_pages_come_from_the_cache_with_their_validators(app, client, make_story):
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    fresh = client.get("/en/news/telescope")
    cached = client.get("/en/news/telescope")
    assert _cache(app).hits == 1
    assert cached.get_data() == fresh.get_data()
    assert cached.headers["ETag"] == fresh.headers["ETag"]
    assert cached.headers["Last-Modified"] == fresh.headers["Last-Modified"]
    assert cached.headers["Content-Security-Policy"] == fresh.headers["Content-Security-Policy"]
    again = client.get("/en/news/telescope", headers={"If-None-Match": fresh.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    since = client.get(
        "/en/news/telescope", headers={"If-Modified-Since": fresh.headers["Last-Modified"]}
    )
    assert since.status_code == 304
    assert _cache(app).hits == 3


def test_an_embargo_ending_shows_the_story_without_any_write(client, make_story):
    make_story(en={"title": "Old news", "slug": "old"}, publish="en", at=NOV)
    later = utcnow() + timedelta(hours=2)
    make_story(en={"title": "Embargoed", "slug": "embargoed"}, publish="en", at=later)
    assert "Embargoed" not in client.get("/en/").get_data(as_text=True)
    assert "Embargoed" not in client.get("/en/").get_data(as_text=True)  # cached, still hidden
    with freeze_time(later + timedelta(minutes=1)):
        assert "Embargoed" in client.get("/en/").get_data(as_text=True)
        assert client.get("/en/news/embargoed").status_code == 200


def test_pages_of_a_logged_in_user_are_never_stored_or_served(
    app, client, login, make_user, make_story
):
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    login(make_user())
    for _ in range(3):
        assert client.get("/en/news/telescope").status_code == 200
        assert client.get("/editor/").status_code == 200
    cache = _cache(app)
    assert cache.hits == 0 and cache.misses == 0 and cache.stored == 0


def test_editor_pages_and_errors_are_not_cached(app, make_story):
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    client = app.test_client()
    for _ in range(2):
        assert client.get("/en/news/missing").status_code == 404
        assert client.get("/editor/").status_code == 302  # to the login page
    assert _cache(app).stored == 0 and _cache(app).hits == 0
    # The login redirect flashed a message: this client now has a session, so it is not served
    # from the cache either; a reader without cookies is.
    client.get("/en/news/telescope")
    assert _cache(app).stored == 0
    app.test_client().get("/en/news/telescope")
    assert _cache(app).stored == 1


def test_the_cache_can_be_turned_off(app_factory, make_story):
    app = app_factory(PAGE_CACHE=False)
    assert "page_cache" not in app.extensions
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    assert app.test_client().get("/en/news/telescope").status_code == 200


def test_parameters_no_page_reads_do_not_make_new_cache_entries(app, client, make_story):
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    cache = _cache(app)
    feed = client.get("/en/feed.xml").get_data()
    for n in range(400):
        response = client.get(f"/en/feed.xml?x={n}&utm_source=mail{n}")
        assert response.status_code == 200 and response.get_data() == feed
    # One page rendered and stored, 400 answered from it: every query shared one key
    # (on either store: the in-process LRU, or Redis in the scale-out run).
    assert cache.stored == 1 and cache.hits == 400


def test_parameters_pages_read_still_count(app, client, make_story):
    make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV)
    make_story(en={"title": "Microscope", "slug": "microscope"}, publish="en", at=NOV)
    found = client.get("/en/search?utm=1&q=telescope&q=microscope").get_data(as_text=True)
    assert "Telescope" in found and "Microscope" not in found
    found = client.get("/en/search?q=microscope&x=2").get_data(as_text=True)
    assert "Microscope" in found and "Telescope" not in found
    assert client.get("/en/?page=2&x=1").status_code == 404  # one page of stories only
    assert client.get("/en/?page=1&x=1").status_code == 200
    assert _cache(app).stored == 3


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", ""),
        ("x=1&utm_source=a", ""),
        ("page=2&x=1", "page=2"),
        ("after=A&x&q=w+v&page=3&page=4&before=B", "q=w+v&page=3&before=B&after=A"),
        ("p%61ge=5&page=6", "p%61ge=5"),
        ("q=%00", "q=%00"),
    ],
)
def test_canonical_query(query, canonical):
    from newsdesk.site.cache import canonical_query

    assert canonical_query(query) == canonical
