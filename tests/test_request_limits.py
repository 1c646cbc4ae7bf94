"""Request size limits agree with what the forms accept: the longest Russian body the editor
allows still saves, the largest lead image still uploads, anything past them is a clear 413."""

from __future__ import annotations

from newsdesk.config import DefaultConfig
from newsdesk.extensions import db
from newsdesk.images import service as images
from newsdesk.models import Story


def test_request_limit_leaves_room_for_the_largest_lead_image():
    assert DefaultConfig.MAX_CONTENT_LENGTH >= DefaultConfig.LEAD_IMAGE_MAX_BYTES + 64 * 1024


def test_longest_russian_body_saves_through_the_editor(app, client, login, make_user):
    login(make_user("ed"))
    body = "ж" * app.config["MAX_BODY_CHARS"]  # 400 KB of UTF-8, 1.2 MB once form-encoded
    response = client.post(
        "/editor/stories/new",
        data={"lang": "ru", "title": "Длинная", "body": body, "status": "draft", "save": "1"},
    )
    assert response.status_code == 302, response.status_code
    with app.app_context():
        assert len(db.session.scalar(db.select(Story)).article("ru").body.strip()) == len(body)


def test_body_over_the_limit_is_a_clear_error(app, client, login, make_user):
    login(make_user("ed"))
    body = "ж" * (app.config["MAX_BODY_CHARS"] + 1)
    response = client.post(
        "/editor/stories/new",
        data={"lang": "ru", "title": "Длинная", "body": body, "status": "draft", "save": "1"},
    )
    assert response.status_code == 200
    assert "The body is longer than" in response.get_data(as_text=True)


def test_request_past_the_limit_is_413(app, client, login, make_user):
    login(make_user("ed"))
    body = b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1)  # raw: the test client spools files
    response = client.post(
        "/editor/stories/1/image", data=body, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 413


def test_image_limit_is_the_configured_one(app):
    with app.app_context():
        assert images.max_bytes() == app.config["LEAD_IMAGE_MAX_BYTES"]
