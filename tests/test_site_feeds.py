"""Atom feeds read by a real feed parser, and conditional GET on articles and feeds."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from freezegun import freeze_time
from werkzeug.http import http_date

from newsdesk.extensions import db
from newsdesk.models import Article, utcnow
from newsdesk.stories import service as stories
from tests.site_helpers import BASE, parse

NOV14 = datetime(2024, 11, 14, 10, 0)


def _feed(client, lang: str):
    response = client.get(f"/{lang}/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed, response


@pytest.fixture
def newsroom(make_story):
    pair = make_story(
        en={
            "title": "Observatory opens a telescope",
            "slug": "observatory",
            "lead": "The largest telescope in the region.",
            "body": "See [the story](/en/news/older) and **more**.\n\n<script>alert(1)</script>",
        },
        ru={"title": "Обсерватория открыла телескоп", "slug": "observatoriya", "body": "Текст."},
        publish="pair",
        at=NOV14,
    )
    make_story(
        en={"title": "Older story", "slug": "older", "body": "Plain body text, no lead."},
        publish="en",
        at=NOV14 - timedelta(days=3),
    )
    make_story(en={"title": "A draft", "slug": "a-draft"})
    make_story(
        en={"title": "Embargoed", "slug": "embargoed"},
        publish="en",
        at=utcnow() + timedelta(days=2),
    )
    return pair


def test_english_feed_parses_with_language_dates_and_links(client, newsroom):
    feed, _ = _feed(client, "en")
    assert feed.feed.language == "en"
    assert feed.feed.title == "University News"
    assert feed.feed.id == f"{BASE}/en/feed.xml"
    links = {(link.rel, link.type): link for link in feed.feed.links}
    assert links[("self", "application/atom+xml")].href == f"{BASE}/en/feed.xml"
    assert links[("alternate", "text/html")].href == f"{BASE}/en/"
    other = links[("alternate", "application/atom+xml")]
    assert other.href == f"{BASE}/ru/feed.xml" and other.hreflang == "ru"

    assert [e.title for e in feed.entries] == ["Observatory opens a telescope", "Older story"]
    first, second = feed.entries
    assert first.link == f"{BASE}/en/news/observatory"
    assert [(link.rel, link.type, link.get("hreflang")) for link in first.links] == [
        ("alternate", "text/html", "en")
    ]
    assert calendar.timegm(first.published_parsed) == calendar.timegm(NOV14.timetuple())
    assert first.updated_parsed >= first.published_parsed
    assert first.summary == "The largest telescope in the region."
    assert second.summary == "Plain body text, no lead."
    content = first.content[0]
    assert content.type == "text/html"
    assert "<strong>more</strong>" in content.value
    assert 'href="http://localhost/en/news/older"' in content.value  # absolute for readers
    # Raw HTML in the Markdown stays text, as on the site: escaped, never an element.
    assert "<script" not in content.value and "&lt;script&gt;" in content.value
    assert first.id.startswith("tag:newsdesk.invalid,") and first.id != second.id


def test_russian_feed_has_russian_entries_and_points_back(client, newsroom):
    feed, _ = _feed(client, "ru")
    assert feed.feed.language == "ru"
    assert feed.feed.title == "Новости университета"
    assert [e.title for e in feed.entries] == ["Обсерватория открыла телескоп"]
    assert feed.entries[0].link == f"{BASE}/ru/news/observatoriya"
    other = [
        link
        for link in feed.feed.links
        if link.type == "application/atom+xml" and link.rel == "alternate"
    ]
    assert [(link.href, link.hreflang) for link in other] == [(f"{BASE}/en/feed.xml", "en")]


def test_feed_keeps_the_newest_50(client, make_story):
    for n in range(52):
        make_story(
            en={"title": f"Story {n}", "slug": f"story-{n}"},
            publish="en",
            at=NOV14 + timedelta(hours=n),
        )
    feed, _ = _feed(client, "en")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 50
    assert titles[0] == "Story 51" and titles[-1] == "Story 2"


def test_empty_feed_is_still_valid(client):
    feed, response = _feed(client, "en")
    assert feed.entries == []
    assert "Last-Modified" not in response.headers and response.headers["ETag"]


@pytest.mark.parametrize("path", ["/en/", "/ru/news/observatoriya", "/en/archive/"])
def test_page_heads_announce_the_feed(client, newsroom, path):
    lang = path[1:3]
    tree = parse(client.get(path).get_data(as_text=True))
    (link,) = tree.xpath("//head/link[@type='application/atom+xml']")
    assert link.get("rel") == "alternate" and link.get("href") == f"/{lang}/feed.xml"
    assert link.get("title") == ("University News" if lang == "en" else "Новости университета")


# Conditional GET -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/news/observatory", "/en/feed.xml", "/sitemap.xml"])
def test_conditional_get_answers_304(client, newsroom, path):
    first = client.get(path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    earlier = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_an_edit_changes_etag_and_last_modified(app, client, newsroom):
    opened, edited = utcnow() + timedelta(days=1), utcnow() + timedelta(days=2)
    with freeze_time(opened):
        first = client.get("/en/news/observatory")
        feed = client.get("/en/feed.xml")
    with freeze_time(edited), app.app_context():
        article = db.session.scalar(db.select(Article).where(Article.slug == "observatory"))
        stories.update_article(
            article, title="Observatory opens a new telescope", slug="observatory", body="New."
        )
    with freeze_time(edited + timedelta(seconds=2)):  # saved, not published: nothing moved
        kept = client.get("/en/news/observatory", headers={"If-None-Match": first.headers["ETag"]})
        assert kept.status_code == 304
    with freeze_time(edited), app.app_context():
        story = db.session.scalar(db.select(Article).where(Article.slug == "observatory")).story
        stories.publish(story, "en")  # the changes go live
    with freeze_time(edited + timedelta(seconds=5)):
        after = client.get("/en/news/observatory", headers={"If-None-Match": first.headers["ETag"]})
        assert after.status_code == 200 and b"a new telescope" in after.data
        assert after.headers["Last-Modified"] == http_date(edited.replace(tzinfo=UTC))
        stale = client.get(
            "/en/news/observatory", headers={"If-Modified-Since": first.headers["Last-Modified"]}
        )
        assert stale.status_code == 200
        feed_after = client.get("/en/feed.xml", headers={"If-None-Match": feed.headers["ETag"]})
        assert feed_after.status_code == 200 and b"a new telescope" in feed_after.data
        assert feed_after.headers["Last-Modified"] == http_date(edited.replace(tzinfo=UTC))


def test_partner_going_public_changes_the_etag(app, client, make_story):
    story = make_story(
        en={"title": "English first", "slug": "english-first"},
        ru={"title": "Русский позже", "slug": "russkiy-pozzhe", "status": "ready"},
        publish="en",
        at=NOV14,
    )
    first = client.get("/en/news/english-first")
    with app.app_context():
        stories.publish_single(stories.get_story(story.id), "ru")
    after = client.get("/en/news/english-first", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and b"/ru/news/russkiy-pozzhe" in after.data
