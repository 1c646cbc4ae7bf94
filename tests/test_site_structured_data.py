"""schema.org NewsArticle JSON-LD on article pages, checked against the vocabulary, and the
article's own modification time."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time

from newsdesk.extensions import db
from newsdesk.models import Article
from newsdesk.site import identity
from newsdesk.stories import service as stories
from tests.conftest import PASSWORD
from tests.site_helpers import BASE, image_bytes, meta, parse

NOV14 = datetime(2024, 11, 14, 10, 0)
HOSTILE = "Robots </script><script>alert(\"x\")</script> <!-- & \u2028 'quoted'"

# The part of the schema.org vocabulary (https://schema.org, version 29) this page uses, read
# from schema.org's definitions of each type and property: a type's parent, and for each
# property the types it is defined on (domainIncludes) and the types of its values
# (rangeIncludes). Text covers URL, as on schema.org.
PARENT = {
    "Thing": None,
    "CreativeWork": "Thing",
    "Article": "CreativeWork",
    "NewsArticle": "Article",
    "WebPage": "CreativeWork",
    "MediaObject": "CreativeWork",
    "ImageObject": "MediaObject",
    "Organization": "Thing",
    "Person": "Thing",
}
PROPERTIES = {
    "name": ({"Thing"}, {"Text"}),
    "description": ({"Thing"}, {"Text"}),
    "url": ({"Thing"}, {"URL"}),
    "image": ({"Thing"}, {"ImageObject", "URL"}),
    "mainEntityOfPage": ({"Thing"}, {"CreativeWork", "URL"}),
    "headline": ({"CreativeWork"}, {"Text"}),
    "inLanguage": ({"CreativeWork"}, {"Language", "Text"}),
    "datePublished": ({"CreativeWork"}, {"Date", "DateTime"}),
    "dateModified": ({"CreativeWork"}, {"Date", "DateTime"}),
    "author": ({"CreativeWork"}, {"Organization", "Person"}),
    "publisher": ({"CreativeWork"}, {"Organization", "Person"}),
    "keywords": ({"CreativeWork"}, {"DefinedTerm", "Text", "URL"}),
    "workTranslation": ({"CreativeWork"}, {"CreativeWork"}),
    "translationOfWork": ({"CreativeWork"}, {"CreativeWork"}),
    "logo": ({"Organization"}, {"ImageObject", "URL"}),
    "caption": ({"ImageObject"}, {"MediaObject", "Text"}),
}


def _is_a(kind: str, ancestor: str) -> bool:
    while kind is not None:
        if kind == ancestor:
            return True
        kind = PARENT[kind]
    return False


def _fits(value, ranges: set[str]) -> bool:
    if isinstance(value, dict):
        return any(_is_a(value["@type"], r) for r in ranges if r in PARENT)
    if not isinstance(value, str):
        return False
    if "URL" in ranges and value.startswith(("http://", "https://")):
        return True
    if ranges & {"Date", "DateTime"}:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    return "Text" in ranges


def vocabulary_errors(node: dict, where: str = "") -> list[str]:
    """Properties not defined for the node's type, or values of a type they do not take."""
    kind = node.get("@type")
    if kind not in PARENT:
        return [f"{where}: unknown type {kind!r}"]
    errors = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in PROPERTIES:
            errors.append(f"{where}{kind}.{name}: not a property this test knows")
            continue
        domains, ranges = PROPERTIES[name]
        if not any(_is_a(kind, d) for d in domains):
            errors.append(f"{where}{kind}.{name}: not defined on {kind}")
        for item in value if isinstance(value, list) else [value]:
            if not _fits(item, ranges):
                errors.append(f"{where}{kind}.{name}: {item!r} is not one of {sorted(ranges)}")
            if isinstance(item, dict):
                errors += vocabulary_errors(item, f"{where}{kind}.{name}/")
    return errors


def json_ld(page: str) -> list[dict]:
    scripts = parse(page).xpath("//script[@type='application/ld+json']")
    return [json.loads(s.text) for s in scripts]


@pytest.fixture
def pair(app, make_story, make_user):
    story = make_story(
        en={
            "title": "Students build a weather station",
            "slug": "weather",
            "lead": "It reports every ten minutes.",
            "tags": "science, students",
        },
        ru={"title": "Студенты построили метеостанцию", "slug": "meteostantsiya"},
        publish="pair",
        at=NOV14,
    )
    make_user("ed", role="editor")
    staff = app.test_client()
    staff.post("/editor/login", data={"username": "ed", "password": PASSWORD})
    response = staff.post(
        f"/editor/stories/{story.id}/image",
        data={
            "image": (io.BytesIO(image_bytes(1200, 630)), "roof.jpg"),
            "alt_en": "The station",
            "caption_en": "Photo: press office",
            "alt_ru": "Метеостанция",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 302)
    return story


def test_news_article_uses_only_schema_org_terms_and_has_googles_properties(client, pair):
    page = client.get("/en/news/weather").get_data(as_text=True)
    [data] = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert vocabulary_errors(data) == []
    # Google's Article structured data: headline, image, dates, author with a name.
    assert data["headline"] == "Students build a weather station"
    assert data["datePublished"] == "2024-11-14T10:00:00+00:00"
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] and all(a["name"] for a in data["author"])
    assert data["author"][0] == {
        "@type": "Organization",
        "name": "University Press Office",
        "url": f"{BASE}/en/",
    }
    assert data["publisher"]["name"] == "University Press Office"
    assert data["image"][0]["url"].startswith(f"{BASE}/media/")
    assert data["image"][0]["caption"] == "Photo: press office"
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{BASE}/en/news/weather"}
    assert data["workTranslation"]["@id"] == f"{BASE}/ru/news/meteostantsiya"
    assert data["keywords"] == ["science", "students"]
    assert data["description"] == "It reports every ten minutes."
    assert "translationOfWork" not in data


def test_the_translation_points_to_its_original_in_its_own_language(client, pair):
    [data] = json_ld(client.get("/ru/news/meteostantsiya").get_data(as_text=True))
    assert vocabulary_errors(data) == []
    assert data["translationOfWork"]["@id"] == f"{BASE}/en/news/weather"
    assert data["inLanguage"] == "ru"
    assert data["publisher"]["name"] == "Пресс-служба университета"
    assert "caption" not in data["image"][0]  # no Russian caption was given
    assert "workTranslation" not in data


def test_authors_and_a_logo_appear_when_known(app, client, make_story, monkeypatch):
    make_story(en={"title": "Alone", "slug": "alone"}, publish="en", at=NOV14)
    monkeypatch.setattr(identity, "article_authors", lambda article: ["Dmitry Arseniev"])
    app.config["SITE_PUBLISHER_LOGO"] = "favicon.svg"
    [data] = json_ld(client.get("/en/news/alone").get_data(as_text=True))
    assert vocabulary_errors(data) == []
    assert data["author"] == [{"@type": "Person", "name": "Dmitry Arseniev"}]
    assert data["publisher"]["logo"]["url"] == f"{BASE}/static/favicon.svg"
    assert "image" not in data and "workTranslation" not in data


def test_a_hostile_title_cannot_end_the_script(client, make_story):
    make_story(en={"title": HOSTILE, "slug": "hostile", "lead": HOSTILE}, publish="en", at=NOV14)
    page = client.get("/en/news/hostile").get_data(as_text=True)
    start = page.index('<script type="application/ld+json">')
    script = page[start : page.index("</script>", start)]
    assert "<" not in script[len('<script type="application/ld+json">') :]
    assert "alert" in script  # the title is inside, escaped
    [data] = json_ld(page)
    assert data["headline"] == HOSTILE
    assert parse(page).xpath("//script[not(@type)]") == []


def test_modified_time_is_the_articles_own(app, client, pair):
    def modified(path: str) -> tuple[str, str]:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        return meta(page, "article:modified_time")[0], json_ld(page)[0]["dateModified"]

    en_before, ru_before = modified("/en/news/weather"), modified("/ru/news/meteostantsiya")
    assert en_before[0] == en_before[1]
    later = datetime.now() + timedelta(days=3)
    with freeze_time(later), app.app_context():
        ru = db.session.get(Article, pair.article("ru").id)
        stories.update_article(
            ru, title=ru.title, slug=ru.slug, body="Новый текст.", base_version=ru.version
        )
        assert modified("/ru/news/meteostantsiya") == ru_before  # saved, not yet published
        stories.publish(ru.story, "ru")
    en_after, ru_after = modified("/en/news/weather"), modified("/ru/news/meteostantsiya")
    assert en_after == en_before
    assert ru_after != ru_before and ru_after[0] == f"{later:%Y-%m-%dT%H:%M:%S}+00:00"
