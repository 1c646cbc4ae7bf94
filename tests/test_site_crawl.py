"""What crawlers and link previews read: hreflang, canonical, sitemap, robots.txt, Open Graph."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsdesk.extensions import db
from newsdesk.models import Article, Status, Story, utcnow
from tests.site_helpers import BASE, canonical, hreflang_links, meta, path_of

NOV14 = datetime(2024, 11, 14, 10, 0)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def pair(make_story):
    return make_story(
        en={"title": "Observatory opens a telescope", "slug": "observatory", "lead": "Big news."},
        ru={"title": "Обсерватория открыла телескоп", "slug": "observatoriya", "lead": "Новость."},
        publish="pair",
        at=NOV14,
    )


def test_article_lists_itself_its_partner_and_x_default(client, pair):
    en = client.get("/en/news/observatory").get_data(as_text=True)
    ru = client.get("/ru/news/observatoriya").get_data(as_text=True)
    expected = {
        "en": f"{BASE}/en/news/observatory",
        "ru": f"{BASE}/ru/news/observatoriya",
        "x-default": f"{BASE}/en/news/observatory",
    }
    assert hreflang_links(en) == expected
    assert hreflang_links(ru) == expected
    assert canonical(en) == f"{BASE}/en/news/observatory"
    assert canonical(ru) == f"{BASE}/ru/news/observatoriya"


def test_unpublished_partner_is_never_an_alternate(client, make_story):
    make_story(
        en={"title": "Only English is out", "slug": "only-en"},
        ru={"title": "Готово, но не опубликовано", "slug": "gotovo", "status": "ready"},
        publish="en",
        at=NOV14,
    )
    page = client.get("/en/news/only-en").get_data(as_text=True)
    assert hreflang_links(page) == {
        "en": f"{BASE}/en/news/only-en",
        "x-default": f"{BASE}/en/news/only-en",
    }
    assert "gotovo" not in page
    assert meta(page, "og:locale:alternate") == []


def test_x_default_is_the_only_published_version(client, make_story):
    make_story(ru={"title": "Только по-русски", "slug": "tolko"}, publish="ru", at=NOV14)
    page = client.get("/ru/news/tolko").get_data(as_text=True)
    assert hreflang_links(page) == {
        "ru": f"{BASE}/ru/news/tolko",
        "x-default": f"{BASE}/ru/news/tolko",
    }


def test_list_pages_are_alternates_of_each_other(client, pair):
    for path in ("/en/", "/ru/", "/en/archive/", "/ru/tags/"):
        page = client.get(path).get_data(as_text=True)
        links = hreflang_links(page)
        assert set(links) == {"en", "ru", "x-default"}, path
        assert links["x-default"] == links["en"]
        assert canonical(page) == f"{BASE}{path}"


def test_list_alternate_only_when_the_other_language_has_that_page(client, pair, make_story):
    make_story(
        en={"title": "October story", "slug": "october"}, publish="en", at=datetime(2024, 10, 3)
    )
    page = client.get("/en/archive/2024/10/").get_data(as_text=True)
    assert hreflang_links(page) == {
        "en": f"{BASE}/en/archive/2024/10/",
        "x-default": f"{BASE}/en/archive/2024/10/",
    }
    assert client.get("/ru/archive/2024/10/").status_code == 404
    november = hreflang_links(client.get("/ru/archive/2024/11/").get_data(as_text=True))
    assert november["en"] == f"{BASE}/en/archive/2024/11/"


def test_open_graph_and_twitter_tags_of_an_article(client, pair):
    page = client.get("/ru/news/observatoriya").get_data(as_text=True)
    assert meta(page, "og:locale") == ["ru_RU"]
    assert meta(page, "og:locale:alternate") == ["en_US"]
    assert meta(page, "og:url") == [f"{BASE}/ru/news/observatoriya"]
    assert meta(page, "og:title") == ["Обсерватория открыла телескоп"]
    assert meta(page, "og:description") == ["Новость."]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:image") == []  # no lead image
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "article:published_time") == ["2024-11-14T10:00:00+00:00"]
    assert meta(page, "description") == ["Новость."]
    en = client.get("/en/news/observatory").get_data(as_text=True)
    assert meta(en, "og:locale") == ["en_US"] and meta(en, "og:locale:alternate") == ["ru_RU"]


def test_description_falls_back_to_the_body_and_is_shortened(client, make_story):
    body = "First **paragraph** of the story. " + "More words follow here. " * 30
    make_story(en={"title": "No lead", "slug": "no-lead", "body": body}, publish="en", at=NOV14)
    (description,) = meta(client.get("/en/news/no-lead").get_data(as_text=True), "description")
    assert description.startswith("First paragraph of the story.")
    assert len(description) <= 201 and description.endswith("…")


def test_paginated_list_canonical_and_alternates(app_factory, make_story):
    client = app_factory(STORIES_PER_PAGE=2).test_client()
    for n in range(3):
        make_story(en=f"English {n}", publish="en", at=NOV14 + timedelta(days=n))
    make_story(ru="Русский", publish="ru", at=NOV14)
    second = client.get("/en/?page=2").get_data(as_text=True)
    assert canonical(second) == f"{BASE}/en/?page=2"
    # /ru/ has one page only: page 2 has no Russian alternate.
    assert hreflang_links(second) == {"en": f"{BASE}/en/?page=2", "x-default": f"{BASE}/en/?page=2"}
    assert client.get("/ru/?page=2").status_code == 404


# Sitemap and robots.txt ----------------------------------------------------------------


def _sitemap(client) -> dict[str, tuple[str | None, dict[str, str]]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = etree.fromstring(response.data)
    assert root.tag == f"{SM}urlset"
    entries = {}
    for url in root.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc")
        assert loc not in entries, f"{loc} listed twice"
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        entries[loc] = (url.findtext(f"{SM}lastmod"), alternates)
    return entries


def test_sitemap_lists_public_articles_with_the_same_alternates_as_the_pages(
    client, pair, make_story
):
    make_story(en={"title": "Draft", "slug": "draft"})
    make_story(
        en={"title": "Later", "slug": "later"}, publish="en", at=utcnow() + timedelta(days=1)
    )
    make_story(
        en={"title": "Single", "slug": "single"},
        ru={"title": "Черновик", "slug": "chernovik"},
        publish="en",
        at=NOV14,
    )
    entries = _sitemap(client)
    articles = {loc for loc in entries if "/news/" in loc}
    assert articles == {
        f"{BASE}/en/news/observatory",
        f"{BASE}/ru/news/observatoriya",
        f"{BASE}/en/news/single",
    }
    for loc in articles:
        page = client.get(path_of(loc)).get_data(as_text=True)
        lastmod, alternates = entries[loc]
        assert alternates == hreflang_links(page), loc
        assert datetime.fromisoformat(lastmod).utcoffset() == timedelta(0)
    assert entries[f"{BASE}/en/news/single"][1] == {
        "en": f"{BASE}/en/news/single",
        "x-default": f"{BASE}/en/news/single",
    }
    for home in (f"{BASE}/en/", f"{BASE}/ru/"):
        assert set(entries[home][1]) == {"en", "ru", "x-default"}
    assert f"{BASE}/ru/archive/2024/11/" in entries
    for loc, (_lastmod, alternates) in entries.items():
        assert client.get(path_of(loc)).status_code == 200, loc
        for href in alternates.values():
            assert href in entries, f"{loc} points to {href}, which the sitemap lacks"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert "Disallow: /editor/" in lines and "Disallow: /ru/search" in lines
    assert "User-agent: *" in lines


# Property: hreflang sets over random pair states ---------------------------------------

SIDE = st.sampled_from(["missing", "draft", "ready", "published"])
WHEN = st.sampled_from(["past", "future", "none"])


def _build(pairs, now: datetime) -> None:
    db.session.execute(db.delete(Story))
    for n, (en, ru, when) in enumerate(pairs):
        if en == ru == "missing":
            en = "draft"
        published_at = {"past": now - timedelta(days=n + 1), "future": now + timedelta(days=1)}
        story = Story(source_lang="en" if en != "missing" else "ru")
        story.published_at = published_at.get(when)
        for lang, state in (("en", en), ("ru", ru)):
            if state != "missing":
                story.articles.append(
                    Article(
                        lang=lang,
                        title=f"{lang} {n}",
                        slug=f"s{n}",
                        body="Text.",
                        status=Status(state),
                    )
                )
        db.session.add(story)
    db.session.commit()


@settings(
    max_examples=40,
    deadline=None,
    # The app and its database are reset inside each example.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pairs=st.lists(st.tuples(SIDE, SIDE, WHEN), min_size=1, max_size=4))
def test_hreflang_sets_are_symmetric_and_only_public(app, client, pairs):
    now = utcnow()
    with app.app_context():
        _build(pairs, now)
        public = {
            f"{BASE}/{a.lang}/news/{a.slug}": a.lang
            for a in db.session.scalars(db.select(Article))
            if a.is_public(now)
        }
        hidden = {
            f"{BASE}/{a.lang}/news/{a.slug}"
            for a in db.session.scalars(db.select(Article))
            if not a.is_public(now)
        }
    sets = {}
    for url, lang in public.items():
        response = client.get(path_of(url))
        assert response.status_code == 200
        links = hreflang_links(response.get_data(as_text=True))
        assert links[lang] == url, "every version lists itself"
        languages = {k: v for k, v in links.items() if k != "x-default"}
        assert set(languages.values()) <= set(public), "alternates are public pages only"
        assert not set(links.values()) & hidden
        assert links["x-default"] == languages.get("en", url)
        sets[url] = languages
    for url, languages in sets.items():
        for other in languages.values():
            assert sets[other] == languages, f"{url} and {other} disagree"
    for url in hidden:
        assert client.get(path_of(url)).status_code == 404


def test_translated_side_carries_the_machine_translation_note(app, client, pair):
    """The review workspace's flag (Story.mt_note) is shown on the translation only."""
    with app.app_context():
        story = db.session.get(Story, pair.id)
        story.mt_note = True
        db.session.commit()
    source = pair.source_lang
    translated = "ru" if source == "en" else "en"
    slugs = {"en": "observatory", "ru": "observatoriya"}
    shown = client.get(f"/{translated}/news/{slugs[translated]}").get_data(as_text=True)
    assert 'class="mt-note"' in shown
    assert 'class="mt-note"' not in client.get(f"/{source}/news/{slugs[source]}").get_data(
        as_text=True
    )
