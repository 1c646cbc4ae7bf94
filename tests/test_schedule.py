"""Scheduled means scheduled; publishing errors name the language, the step and the button."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask_babel import force_locale

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from newsdesk.stories import schedule
from newsdesk.stories import service as stories
from newsdesk.stories.publishing import publish_problems

pytest_plugins = ["tests.api_fixtures"]

FUTURE = datetime(2099, 12, 10, 7, 0)  # 10:00 in Moscow
LABEL_EN = "Scheduled for 10 Dec 2099, 10:00 (Moscow Standard Time)"
LABEL_RU = "Запланировано на 10 дек. 2099, 10:00 (Москва, стандартное время)"
MISSING_RU = (
    "The Russian version does not exist yet: use “Create the Russian version” or "
    "“Machine-translate into Russian” on the story page."
)


@pytest.fixture
def app(app_factory):
    """The site's time zone is Moscow, as in a Russian press office."""
    return app_factory(BABEL_DEFAULT_TIMEZONE="Europe/Moscow")


@pytest.fixture
def editor(make_user):
    return make_user("ed", role="editor")


def _ready_pair(make_story):
    return make_story(
        en={"title": "Open day", "status": "ready"},
        ru={"title": "День открытых дверей", "status": "ready"},
    )


# --- scheduled -------------------------------------------------------------------------------


def test_state_follows_the_date_without_any_job(ctx, make_story):
    story = make_story(en="Embargoed", ru="Эмбарго", publish="pair", at=FUTURE)
    story = stories.get_story(story.id)
    assert schedule.publication_state(story, datetime(2099, 12, 10, 6, 59)) == "scheduled"
    assert schedule.publication_state(story, FUTURE) == "published"
    stories.unpublish(story)
    assert schedule.publication_state(story, FUTURE) == "unpublished"


def test_label_names_the_time_in_the_sites_zone_in_both_languages(ctx, make_story):
    story = stories.get_story(make_story(en="E", ru="Р", publish="pair", at=FUTURE).id)
    assert schedule.scheduled_label(story) == LABEL_EN
    with force_locale("ru"):
        assert schedule.scheduled_label(story) == LABEL_RU
    assert schedule.scheduled_label(story, datetime(2100, 1, 1)) is None


def test_publishing_with_a_future_date_says_scheduled_everywhere(client, login, editor, make_story):
    story = _ready_pair(make_story)
    login(editor)
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert "Time zone: Moscow Standard Time" in page
    response = client.post(
        f"/editor/stories/{story.id}/publish",
        data={"mode": "pair", "published_at": "2099-12-10T10:00"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert page.count(LABEL_EN) == 2  # the flash and the story's date line
    assert "badge-scheduled" in page and ">Published<" not in page
    listing = client.get("/editor/").get_data(as_text=True)
    assert LABEL_EN in listing and listing.count("badge-scheduled") == 2
    assert client.get("/en/news/open-day").status_code == 404
    ru = client.get(f"/editor/stories/{story.id}", headers={"Accept-Language": "ru"})
    assert LABEL_RU in ru.get_data(as_text=True)


def test_publishing_now_still_says_published(client, login, editor, make_story):
    story = _ready_pair(make_story)
    login(editor)
    response = client.post(
        f"/editor/stories/{story.id}/publish", data={"mode": "pair"}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Published." in page and "Scheduled for" not in page
    assert "badge-scheduled" not in page


def test_api_says_scheduled_and_documents_it(app, api, client, make_story):
    story = _ready_pair(make_story)
    reply = api.post(
        f"/stories/{story.id}/publish", json={"mode": "pair", "at": "2099-12-10T10:00:00+03:00"}
    ).get_json()
    assert reply["state"] == "scheduled" and reply["published_at"] == "2099-12-10T07:00:00Z"
    assert [a["scheduled"] for a in reply["articles"]] == [True, True]
    article = api.get(f"/stories/{story.id}/articles/ru").get_json()
    assert (article["status"], article["scheduled"]) == ("published", True)
    with app.app_context():
        db.session.get(Story, story.id).published_at = datetime(2001, 1, 1)
        db.session.commit()
    again = api.get(f"/stories/{story.id}").get_json()
    assert again["state"] == "published" and not any(a["scheduled"] for a in again["articles"])
    spec = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert spec["Story"]["properties"]["state"]["enum"] == ["unpublished", "scheduled", "published"]
    assert "scheduled" in spec["ArticleSummary"]["properties"]
    assert {"state", "published_at"} <= set(spec["Story"]["required"])


# --- messages that name the cause -------------------------------------------------------------


def test_each_problem_has_its_own_message_naming_language_step_and_button(ctx, make_story):
    story = stories.get_story(make_story(en={"title": "Ready", "status": "ready"}).id)
    assert publish_problems(story, ["en", "ru"]) == [MISSING_RU]
    ru = stories.add_translation(story)
    problems = publish_problems(story, ["en", "ru"])
    assert problems == [
        "The Russian version has no title: open “Edit” and give it one.",
        "The Russian version has no body: open “Edit” and write it.",
        "The Russian version is not marked ready: open the review and press “Mark ready”.",
    ]
    stories.update_article(ru, title="Заголовок", body="Текст.", status=Status.READY)
    en = story.article("en")
    stories.update_article(en, title="Ready", body="Body.", status=Status.DRAFT)
    assert publish_problems(story, ["en", "ru"]) == [
        "The English version is not marked ready: open “Edit” and set its status to Ready."
    ]
    with force_locale("ru"):
        assert publish_problems(story, ["en"]) == [
            "Английская версия не отмечена как готовая: откройте «Редактировать» "
            "и выберите статус «Готово»."
        ]
    with pytest.raises(stories.PublishError) as info:
        stories.publish_pair(story)
    assert info.value.problems == publish_problems(story, ["en", "ru"])
    assert story.published_at is None


def test_the_page_shows_one_message_per_problem_in_the_ui_language(
    client, login, editor, make_story
):
    story = make_story(en={"title": "Ready one", "status": "ready"})
    login(editor)
    response = client.post(f"/editor/stories/{story.id}/publish", data={"mode": "pair"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count("flash-error") == 1 and MISSING_RU in page
    assert "must have a title" not in page
    response = client.post(
        f"/editor/stories/{story.id}/publish",
        data={"mode": "pair"},
        headers={"Accept-Language": "ru"},
    )
    assert "Русская версия ещё не создана" in response.get_data(as_text=True)


def test_api_returns_the_same_texts(api, make_story):
    story = make_story(en={"title": "Ready one", "status": "ready"})
    response = api.post(f"/stories/{story.id}/publish", json={"mode": "pair"})
    assert response.status_code == 409
    assert response.get_json()["error"]["message"] == MISSING_RU
