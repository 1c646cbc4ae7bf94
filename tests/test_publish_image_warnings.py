"""Publishing warns, without blocking, when the lead image's Russian texts are empty."""

from __future__ import annotations

import io

import pytest

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from tests.site_helpers import image_bytes, text_of

NO_ALT = "The lead image has no Russian alt text"
NO_CAPTION = "The lead image has no Russian caption."


@pytest.fixture
def publisher(client, login, make_user):
    return login(make_user("chief", role="editor"))


def _story_with_image(client, make_story, **texts):
    story = make_story(
        en={"title": "Roof station", "status": "ready"},
        ru={"title": "Метеостанция", "status": "ready"},
    )
    data = {"image": (io.BytesIO(image_bytes(800, 500)), "roof.jpg"), "alt_en": "The station"}
    response = client.post(
        f"/editor/stories/{story.id}/image",
        data={**data, **texts},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return story


def _publish(client, story, mode: str) -> list[str]:
    response = client.post(f"/editor/stories/{story.id}/publish", data={"mode": mode})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return text_of(page, "flash-warning")


def test_empty_russian_alt_and_caption_are_flagged_but_published(
    app, client, publisher, make_story
):
    story = _story_with_image(client, make_story)
    warnings = _publish(client, story, "pair")
    assert len(warnings) == 2
    assert warnings[0].startswith(NO_ALT) and warnings[1] == NO_CAPTION
    with app.app_context():
        statuses = {a.lang: a.status for a in db.session.get(Story, story.id).articles}
    assert statuses == {"en": Status.PUBLISHED, "ru": Status.PUBLISHED}


def test_only_the_empty_one_is_flagged(client, publisher, make_story):
    story = _story_with_image(client, make_story, alt_ru="Метеостанция на крыше")
    assert _publish(client, story, "ru") == [NO_CAPTION]


def test_no_warning_when_complete_english_only_or_without_image(client, publisher, make_story):
    complete = _story_with_image(
        client, make_story, alt_ru="Метеостанция", caption_ru="Фото: пресс-служба"
    )
    assert _publish(client, complete, "pair") == []
    english = _story_with_image(client, make_story)
    assert _publish(client, english, "en") == []
    plain = make_story(en={"title": "No image", "status": "ready"})
    assert _publish(client, plain, "en") == []


def test_the_warning_is_in_the_editors_language(client, login, make_user, make_story):
    login(make_user("redaktor", role="editor", locale="ru"))
    story = _story_with_image(client, make_story, alt_ru="Метеостанция")
    assert _publish(client, story, "pair") == ["У главного изображения нет русской подписи."]
