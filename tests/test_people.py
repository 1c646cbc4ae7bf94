"""The register of people: names in both languages, bylines on the site, feeds and
structured data, and names as glossary terms for machine translation."""

from __future__ import annotations

import json
from datetime import datetime

import feedparser
import pytest
from lxml import html

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.models import Story
from newsdesk.people import service as people
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service as mt_service
from tests.mt_fakes import FakeEngine, fake_package, transliterate

NOV = datetime(2024, 11, 14, 10, 0)


@pytest.fixture
def register(app):
    """Two people; no app context stays pushed (requests must get their own)."""
    with app.app_context():
        dmitry = people.save_person(
            None, name_en="Dmitry Arseniev", name_ru="Дмитрий Арсеньев", role_en="Correspondent"
        )
        anna = people.save_person(None, name_en="Anna Petrova", name_ru="Анна Петрова")
        return dmitry.id, anna.id


@pytest.fixture
def bylined(app, make_story, register):
    story = make_story(
        en={"title": "Lab opens", "slug": "lab", "body": "Text."},
        ru={"title": "Лаборатория открылась", "slug": "lab", "body": "Текст."},
        publish="pair",
        at=NOV,
    )
    with app.app_context():
        stories.update_article(
            db.session.get(Story, story.id).article("en"),
            title="Lab opens",
            slug="lab",
            body="Text.",
            authors="Анна Петрова, dmitry arseniev",
        )
    return story.id


def test_register_page_editors_add(app, client, login, make_user):
    login(make_user("ed"))
    response = client.post(
        "/editor/people", data={"name_en": "Dmitry Arseniev", "name_ru": "Дмитрий Арсеньев"}
    )
    assert response.status_code == 302
    page = client.get("/editor/people").get_data(as_text=True)
    assert "Dmitry Arseniev" in page and "Дмитрий Арсеньев" in page
    refused = client.post("/editor/people", data={"name_en": "Only English", "name_ru": ""})
    assert refused.status_code == 200
    with app.app_context():
        assert [p.name_en for p in people.list_people()] == ["Dmitry Arseniev"]


def test_register_page_translators_read(app, client, login, make_user, register):
    login(make_user("tr", role="translator", locale="ru"))
    page = client.get("/editor/people").get_data(as_text=True)
    assert "Дмитрий Арсеньев" in page and "Добавить человека" not in page
    data = {"name_en": "X", "name_ru": "Икс"}
    assert client.post("/editor/people", data=data).status_code == 403
    assert client.get(f"/editor/people/{register[0]}").status_code == 403
    with app.app_context():
        assert [p.name_en for p in people.list_people()] == ["Anna Petrova", "Dmitry Arseniev"]


def test_editing_a_person_and_refusing_duplicates(register, ctx):
    dmitry_id, _anna = register
    dmitry = people.get_person(dmitry_id)
    people.save_person(dmitry, name_en="Dmitry Arsenyev", name_ru="Дмитрий Арсеньев")
    assert people.get_person(dmitry_id).name_en == "Dmitry Arsenyev"
    with pytest.raises(people.PeopleError):
        people.save_person(None, name_en="Anna Petrova", name_ru="Анна Петрова")
    with pytest.raises(people.PeopleError):
        people.save_person(None, name_en="Smith, John", name_ru="Джон Смит")


def test_story_form_sets_ordered_authors(app, client, login, make_user, make_story, register):
    story = make_story(en={"title": "Lab opens", "body": "Text."})
    login(make_user("ed"))
    url = f"/editor/stories/{story.id}/en/edit"
    form = {"title": "Lab opens", "body": "Text.", "status": "draft", "base_version": "1"}
    response = client.post(
        url, data={**form, "save": "1", "authors": "Anna Petrova, Дмитрий Арсеньев"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Story, story.id).author_names("en") == [
            "Anna Petrova",
            "Dmitry Arseniev",
        ]
    page = client.get(url).get_data(as_text=True)
    field = html.fromstring(page).xpath("//input[@name='authors']/@value")
    assert field == ["Anna Petrova, Dmitry Arseniev"]
    unknown = client.post(
        url, data={**form, "save": "1", "base_version": "2", "authors": "Nobody Known"}
    )
    assert unknown.status_code == 200 and "Nobody Known" in unknown.get_data(as_text=True)
    response = client.post(
        url, data={**form, "save": "1", "base_version": "2", "authors": "Dmitry Arseniev"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Story, story.id).author_names("ru") == ["Дмитрий Арсеньев"]


def test_byline_on_the_article_in_its_language(client, bylined):
    en = html.fromstring(client.get("/en/news/lab").get_data(as_text=True))
    assert en.xpath("string(//p[@class='byline'])") == "Authors: Anna Petrova, Dmitry Arseniev"
    ru = html.fromstring(client.get("/ru/news/lab").get_data(as_text=True))
    assert ru.xpath("string(//p[@class='byline'])") == "Авторы: Анна Петрова, Дмитрий Арсеньев"


def test_feeds_name_each_entry_author_in_the_feed_language(client, bylined):
    for lang, names in (
        ("en", ["Anna Petrova", "Dmitry Arseniev"]),
        ("ru", ["Анна Петрова", "Дмитрий Арсеньев"]),
    ):
        feed = feedparser.parse(client.get(f"/{lang}/feed.xml").data)
        (entry,) = feed.entries
        assert [a["name"] for a in entry.authors] == names


def test_structured_data_names_the_authors_as_people(client, bylined):
    page = html.fromstring(client.get("/ru/news/lab").get_data(as_text=True))
    (script,) = page.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    article = (
        data
        if data.get("@type") == "NewsArticle"
        else next(d for d in data.get("@graph", []) if d.get("@type") == "NewsArticle")
    )
    assert article["author"] == [
        {"@type": "Person", "name": "Анна Петрова"},
        {"@type": "Person", "name": "Дмитрий Арсеньев"},
    ]


def test_a_renamed_person_is_not_served_from_the_page_cache(app, client, bylined, register):
    assert "Dmitry Arseniev" in client.get("/en/news/lab").get_data(as_text=True)
    with app.app_context():
        dmitry = people.get_person(register[0])
        people.save_person(dmitry, name_en="Dmitry Arsenyev", name_ru="Дмитрий Арсеньев")
    page = client.get("/en/news/lab").get_data(as_text=True)
    assert "Dmitry Arsenyev" in page and "Dmitry Arseniev" not in page


def test_names_reach_machine_translation_as_glossary_terms(app, make_story, monkeypatch, register):
    """Without the register the fake engine writes "Dmitrii Arsenev"; with it, the name."""
    fake = FakeEngine("ru", "en", transform=lambda text: transliterate(text, "en"))
    fake_package(app, "ru", "en")
    monkeypatch.setattr(mt_service, "load_engine", lambda source, target: fake)
    story = make_story(ru={"title": "Новости", "body": "Дмитрий Арсеньев открыл лабораторию."})
    with app.app_context():
        mt_service.request_translation(db.session.get(Story, story.id), "en")
        body = db.session.get(Story, story.id).article("en").body
    assert "Dmitry Arseniev" in body
    assert transliterate("Дмитрий Арсеньев", "en") not in body
    with app.app_context():
        terms = [(t.en, t.ru) for t in glossary.pipeline_terms()]
    assert ("Anna Petrova", "Анна Петрова") in terms


@pytest.mark.slow
def test_names_survive_the_real_model(app_factory, argos_packages, block_network):
    """The tiny argos model writes gibberish for a sentence it never learnt; the register's
    names come through it exactly, in both directions."""
    from newsdesk.machine_translation.pipeline import translate_document

    app = app_factory(ARGOS_PACKAGES_DIR=str(argos_packages), MT_BEAM_SIZE=1)
    with app.app_context():
        people.save_person(None, name_en="Dmitry Arseniev", name_ru="Дмитрий Арсеньев")
        for source, target, text, name in (
            ("ru", "en", "Вчера Дмитрий Арсеньев посетил завод.", "Dmitry Arseniev"),
            ("en", "ru", "Yesterday Dmitry Arseniev toured the plant.", "Дмитрий Арсеньев"),
        ):
            result = translate_document(
                title="",
                lead="",
                body=text,
                source=source,
                target=target,
                engine=mt_service.load_engine(source, target),
                glossary=glossary.pipeline_terms(),
            )
            assert name in result.body, result.body
    assert block_network == []


def test_a_new_story_gets_its_authors(app, client, login, make_user, register):
    login(make_user("ed"))
    data = {"lang": "ru", "title": "Новость", "body": "Текст.", "status": "draft", "save": "1"}
    refused = client.post("/editor/stories/new", data={**data, "authors": "Незнакомец"})
    assert refused.status_code == 200 and "Незнакомец" in refused.get_data(as_text=True)
    response = client.post("/editor/stories/new", data={**data, "authors": "Дмитрий Арсеньев"})
    assert response.status_code == 302
    story_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(Story, story_id).author_names("en") == ["Dmitry Arseniev"]
        assert db.session.scalar(db.select(db.func.count()).select_from(Story)) == 1
