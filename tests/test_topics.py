"""Topics as a pair: a name and a slug per language, case kept; the Russian site under
Russian names; old addresses redirect; the editors' topics page; the migration."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import feedparser
import pytest
from lxml import etree, html

from newsdesk.extensions import db
from newsdesk.models import Tag
from newsdesk.topics import service as topics

NOV = datetime(2024, 11, 14, 10, 0)


@pytest.fixture
def site(make_story):
    make_story(
        en={"title": "Lab opens", "slug": "lab", "tags": "JITRI, science"},
        ru={"title": "Лаборатория открылась", "slug": "lab"},
        publish="pair",
        at=NOV,
    )


def _topic_id(app, name: str) -> int:
    with app.app_context():
        return topics.find_topic(name).id


def _translate(app, name: str, name_ru: str, **slugs) -> None:
    with app.app_context():
        topic = topics.find_topic(name)
        topics.rename_topic(topic, name_en=topic.name_en, name_ru=name_ru, **slugs)


def _links(page: str) -> list[tuple[str, str]]:
    tree = html.fromstring(page)
    return [(a.text, a.get("href")) for a in tree.xpath("//ul[@class='tags']//a")]


def test_case_is_kept_and_the_lower_cased_address_redirects(client, site):
    page = client.get("/en/news/lab").get_data(as_text=True)
    assert ("JITRI", "/en/tags/JITRI") in _links(page)
    assert "Lab opens" in client.get("/en/tags/JITRI").get_data(as_text=True)
    old = client.get("/en/tags/jitri?page=1")
    assert old.status_code == 301 and old.headers["Location"].endswith("/en/tags/JITRI?page=1")


def test_the_russian_site_shows_russian_names_under_russian_urls(app, client, site):
    _translate(app, "science", "Наука")
    ru = client.get("/ru/news/lab").get_data(as_text=True)
    assert ("Наука", "/ru/tags/" + quote("Наука")) in _links(ru)
    page = client.get("/ru/tags/Наука")
    tree = html.fromstring(page.get_data(as_text=True))
    assert page.status_code == 200 and tree.xpath("string(//h1)") == "Наука"
    alternates = tree.xpath("//link[@rel='alternate'][@hreflang='en']/@href")
    assert alternates and alternates[0].endswith("/en/tags/science")
    # English unchanged; the old Russian address (the English name) redirects
    assert "Lab opens" in client.get("/en/tags/science").get_data(as_text=True)
    old = client.get("/ru/tags/science")
    assert old.status_code == 301 and old.headers["Location"].endswith("/ru/tags/" + quote("Наука"))
    index = html.fromstring(client.get("/ru/tags/").get_data(as_text=True))
    assert "Наука" in index.xpath("//ul[@class='topic-list']//a/text()")
    feed = feedparser.parse(client.get("/ru/feed.xml").data)
    assert {t["term"] for t in feed.entries[0].tags} == {"JITRI", "Наука"}
    sitemap = etree.fromstring(client.get("/sitemap.xml").data)
    locs = sitemap.xpath("//*[local-name()='loc']/text()")
    assert any(loc.endswith("/ru/tags/" + quote("Наука")) for loc in locs)
    assert not any(loc.endswith("/ru/tags/science") for loc in locs)


def test_a_renamed_topic_is_not_served_stale_from_the_page_cache(app, client, site):
    assert "science" in client.get("/ru/tags/").get_data(as_text=True)
    assert "science" in client.get("/ru/news/lab").get_data(as_text=True)
    _translate(app, "science", "Наука", slug_ru="nauka")
    assert "Наука" in client.get("/ru/tags/").get_data(as_text=True)
    page = client.get("/ru/news/lab").get_data(as_text=True)
    assert ("Наука", "/ru/tags/nauka") in _links(page)


def test_the_topics_page_translates_a_topic(app, client, login, make_user, site):
    login(make_user("ed"))
    listing = client.get("/editor/topics").get_data(as_text=True)
    assert "JITRI" in listing
    topic_id = _topic_id(app, "science")
    data = {"name_en": "Science", "name_ru": "Наука", "slug_en": "", "slug_ru": ""}
    assert client.post(f"/editor/topics/{topic_id}", data=data).status_code == 302
    with app.app_context():
        topic = db.session.get(Tag, topic_id)
        assert (topic.label("en"), topic.label("ru")) == ("Science", "Наука")
        assert (topic.slug("en"), topic.slug("ru")) == ("Science", "Наука")
    assert client.get("/en/tags/science").status_code == 301  # the old lower-cased address
    clash = {"name_en": "JITRI", "name_ru": "Наука"}
    page = client.post(f"/editor/topics/{topic_id}", data=clash)
    assert page.status_code == 200
    with app.app_context():
        assert db.session.get(Tag, topic_id).name_en == "Science"


def test_translators_read_the_topics_page_only(app, client, login, make_user, site):
    login(make_user("tr", role="translator", locale="ru"))
    assert "JITRI" in client.get("/editor/topics").get_data(as_text=True)
    topic_id = _topic_id(app, "science")
    data = {"name_en": "Science", "name_ru": "Наука"}
    assert client.post(f"/editor/topics/{topic_id}", data=data).status_code == 403


def test_a_typed_topic_finds_the_pair_in_either_language(app, make_story, site):
    _translate(app, "science", "Наука")
    story = make_story(ru={"title": "Ещё", "tags": "наука, Jitri"})
    with app.app_context():
        from newsdesk.models import Story

        assert db.session.get(Story, story.id).topic_names("ru") == ["JITRI", "Наука"]
        assert db.session.scalar(db.select(db.func.count()).select_from(Tag)) == 2


@pytest.mark.sqlite_only
def test_the_migration_makes_each_tag_a_topic(tmp_path):
    """An existing tag keeps its name and URL in both languages; the downgrade keeps the
    stories' tags."""
    from flask_migrate import downgrade, upgrade

    from newsdesk import create_app

    uri = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = {"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": uri}
    app = create_app(config, instance_path=tmp_path)
    with app.app_context():
        upgrade(revision="0012")
        for sql in (
            "INSERT INTO tags (id, name) VALUES (1, 'campus life')",
            "INSERT INTO stories (id, source_lang, mt_note, created_at, updated_at)"
            " VALUES (1, 'en', 0, '2024-11-14 09:00:00', '2024-11-14 09:00:00')",
            "INSERT INTO story_tags (story_id, tag_id) VALUES (1, 1)",
        ):
            db.session.execute(db.text(sql))
        db.session.commit()
        upgrade(revision="0013")
        topic = db.session.get(Tag, 1)
        assert (topic.name_en, topic.name_ru) == ("campus life", "campus life")
        assert (topic.slug_en, topic.slug_ru) == ("campus life", "campus life")
        assert topics.find_topic("Campus Life").id == 1
        db.session.commit()
        downgrade(revision="0012")
        links = db.session.execute(db.text("SELECT story_id, tag_id FROM story_tags")).all()
        assert links == [(1, 1)]
        db.engine.dispose()


def test_migration_0013_matches_the_models(ctx):
    """Alembic's autogenerate sees no difference in the people and topic tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    mine = ("'people'", "'story_authors'", "'tags'")
    assert [d for d in diff if any(name in repr(d) for name in mine)] == []
