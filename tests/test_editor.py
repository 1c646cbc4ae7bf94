"""The editor's pages, driven through the test client as a logged-in user."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.extensions import db
from newsdesk.models import Article, Status, Story
from tests.html_text import CYRILLIC, chrome_text, html_lang


@pytest.fixture
def editor(make_user):
    return make_user("ed", role="editor")


@pytest.fixture
def translator(make_user):
    return make_user("tr", role="translator", languages="ru")


def _pages(story_id: int) -> list[str]:
    return [
        "/editor/",
        "/editor/?status=missing&lang=ru",
        "/editor/stories/new?lang=ru",
        f"/editor/stories/{story_id}",
        f"/editor/stories/{story_id}/en/edit",
        f"/editor/stories/{story_id}/ru/edit",
        "/editor/preferences",
        "/editor/stories/999999",
    ]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_every_editor_page_renders_in_both_ui_languages(client, login, make_story, editor, locale):
    story = make_story(en="English title", ru="Русский заголовок")
    login(editor)
    for path in _pages(story.id):
        response = client.get(path, headers={"Accept-Language": locale})
        html = response.get_data(as_text=True)
        assert response.status_code == (404 if "999999" in path else 200), path
        assert html_lang(html) == locale, path
        if locale == "en":
            assert not CYRILLIC.search(chrome_text(html)), (path, chrome_text(html))
        else:
            assert "Материалы" in html and "Выйти" in html, path


def test_login_page_in_both_languages(client):
    assert "Log in to newsdesk" in client.get("/editor/login").get_data(as_text=True)
    ru = client.get("/editor/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Вход в редакцию" in ru


def test_anonymous_is_sent_to_login(client):
    response = client.get("/editor/")
    assert response.status_code == 302 and "/editor/login" in response.headers["Location"]


def test_wrong_password_is_refused_with_a_message(client, editor):
    response = client.post("/editor/login", data={"username": "ed", "password": "nope"})
    assert response.status_code == 200
    assert "Wrong username or password." in response.get_data(as_text=True)


def test_user_locale_choice_beats_the_browser(client, login, editor):
    login(editor)
    client.post("/editor/preferences", data={"locale": "ru"})
    html = client.get("/editor/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html_lang(html) == "ru"


def test_write_translate_and_publish_the_pair_through_the_ui(app, client, login, editor):
    login(editor)
    response = client.post(
        "/editor/stories/new",
        data={
            "lang": "en",
            "title": "Library opens at night",
            "body": "The library stays open.",
            "lead": "Good news.",
            "tags": "campus, library",
            "status": "ready",
            "save": "1",
        },
    )
    assert response.status_code == 302
    story_id = int(response.headers["Location"].rsplit("/", 1)[1])
    response = client.post(f"/editor/stories/{story_id}/translation")
    assert response.headers["Location"].endswith(f"/editor/stories/{story_id}/ru/edit")
    edit = client.get(f"/editor/stories/{story_id}/ru/edit").get_data(as_text=True)
    version = edit.split('name="base_version" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        f"/editor/stories/{story_id}/ru/edit",
        data={
            "title": "Библиотека работает ночью",
            "body": "Библиотека открыта.",
            "status": "ready",
            "base_version": version,
            "save": "1",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/editor/stories/{story_id}/publish",
        data={"mode": "pair", "published_at": "2024-11-14T10:00"},
    )
    assert response.status_code == 302
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.published_at == datetime(2024, 11, 14, 10, 0)
        assert {a.lang: a.status for a in story.articles} == {
            "en": Status.PUBLISHED,
            "ru": Status.PUBLISHED,
        }
        ru_slug = story.article("ru").slug
    assert ru_slug == "biblioteka-rabotaet-nochiu"
    page = client.get(f"/ru/news/{ru_slug}").get_data(as_text=True)
    assert "Библиотека работает ночью" in page and "/en/news/library-opens-at-night" in page


def test_publish_error_is_explained_and_nothing_changes(client, login, editor, make_story):
    story = make_story(en={"title": "Ready one", "status": "ready"})
    login(editor)
    response = client.post(f"/editor/stories/{story.id}/publish", data={"mode": "pair"})
    assert response.status_code == 400
    assert "The Russian version does not exist yet" in response.get_data(as_text=True)


def test_invalid_form_keeps_what_the_user_typed(client, login, editor):
    login(editor)
    body = "A long body the editor typed and must not lose."
    response = client.post(
        "/editor/stories/new", data={"lang": "en", "title": "", "body": body, "save": "1"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body in html and "This field is required." in html


def test_conflicting_save_returns_409_and_keeps_both_texts(app, client, login, editor, make_story):
    story = make_story(en={"title": "Shared", "body": "Original."})
    login(editor)
    url = f"/editor/stories/{story.id}/en/edit"
    client.post(
        url, data={"title": "Shared", "body": "Their edit.", "base_version": "1", "save": "1"}
    )
    response = client.post(
        url, data={"title": "Shared", "body": "My precious edit.", "base_version": "1", "save": "1"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "My precious edit." in html and "Their edit." in html


def test_preview_renders_markdown_without_saving(app, client, login, editor, make_story):
    story = make_story(en={"title": "Preview me", "body": "Old."})
    login(editor)
    response = client.post(
        f"/editor/stories/{story.id}/en/edit",
        data={"title": "Preview me", "body": "**New** text", "base_version": "1", "preview": "1"},
    )
    assert "<strong>New</strong>" in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(db.select(Article.body).where(Article.story_id == story.id)) == "Old."
        )


def test_translator_edits_own_language_but_cannot_publish(client, login, translator, make_story):
    story = make_story(
        en={"title": "English", "status": "ready"}, ru={"title": "Русский", "status": "ready"}
    )
    login(translator)
    assert client.get(f"/editor/stories/{story.id}/ru/edit").status_code == 200
    assert client.get(f"/editor/stories/{story.id}/en/edit").status_code == 403
    assert (
        client.post(f"/editor/stories/{story.id}/publish", data={"mode": "pair"}).status_code == 403
    )
    assert client.post(f"/editor/stories/{story.id}/unpublish").status_code == 403
    assert client.get("/editor/stories/new").status_code == 403


def test_csrf_is_enforced_when_enabled(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/editor/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
