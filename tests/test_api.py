"""The REST API: token authentication, role checks, pagination, error bodies, writes."""

from __future__ import annotations

import json

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from newsdesk.models.api import ApiToken

pytest_plugins = ["tests.api_fixtures", "tests.review_fixtures"]


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


def test_requests_without_a_valid_token_are_refused(client, api):
    _error(client.get("/api/v1/stories"), 401, "unauthorized")
    response = client.get("/api/v1/stories", headers={"Authorization": "Bearer nd_wrong"})
    _error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert api.get("/stories").status_code == 200


def test_tokens_are_stored_hashed(app, api):
    with app.app_context():
        stored = db.session.scalar(db.select(ApiToken))
        assert api.token not in (stored.token_hash, stored.prefix)
        assert len(stored.token_hash) == 64 and api.token.startswith(stored.prefix)


def test_a_session_cookie_does_not_authenticate(client, login, make_user, make_story):
    story = make_story(en="Cookie story")
    login(make_user("cookie", role="editor"))
    response = client.post(f"/api/v1/stories/{story.id}/publish", json={"mode": "pair"})
    _error(response, 401, "unauthorized")


def test_errors_are_json_and_localized(client, api, make_token, make_story):
    _error(api.get("/stories/999"), 404, "not_found")
    _error(api.get("/nowhere"), 404, "not_found")
    story = make_story(en="Story")
    headers = {
        "Authorization": f"Bearer {make_token('rutr', role='translator', languages='ru')}",
        "Accept-Language": "ru",
    }
    response = client.post(f"/api/v1/stories/{story.id}/publish", headers=headers, json={})
    message = _error(response, 403, "forbidden")
    assert any("а" <= char <= "я" for char in message.lower()), message
    response = client.put("/api/v1/stories", headers={"Authorization": f"Bearer {api.token}"})
    _error(response, 405, "method_not_allowed")
    assert client.get("/en/nowhere").mimetype == "text/html"


def test_stories_are_paginated(api, make_story):
    for number in range(3):
        make_story(en=f"Story {number}")
    first = api.get("/stories?per_page=2").get_json()
    assert (first["total"], first["pages"], len(first["items"])) == (3, 2, 2)
    second = api.get("/stories?per_page=2&page=2").get_json()
    assert [s["articles"][0]["title"] for s in second["items"]] == ["Story 0"]
    _error(api.get("/stories?per_page=0"), 400, "bad_request")
    _error(api.get("/stories?page=x"), 400, "bad_request")


def test_story_and_article(api, make_story):
    story = make_story(en={"title": "Lab", "body": "Text."}, ru="Лаборатория")
    data = api.get(f"/stories/{story.id}").get_json()
    assert {a["lang"] for a in data["articles"]} == {"en", "ru"}
    article = api.get(f"/stories/{story.id}/articles/en").get_json()
    assert (article["title"], article["body"]) == ("Lab", "Text.")
    _error(api.get(f"/stories/{story.id}/articles/de"), 404, "not_found")


def test_only_editors_publish(app, api, make_token, make_story):
    story = make_story(en="Ready EN", ru="Готово RU", source="en")
    with app.app_context():
        for article in db.session.get(Story, story.id).articles:
            article.status = Status.READY
        db.session.commit()
    translator = make_token("trans", role="translator", languages="ru")
    _error(
        api.post(f"/stories/{story.id}/publish", translator, json={"mode": "pair"}),
        403,
        "forbidden",
    )
    _error(api.post(f"/stories/{story.id}/publish", json={"mode": "all"}), 400, "bad_request")
    response = api.post(
        f"/stories/{story.id}/publish", json={"mode": "pair", "at": "2024-11-14T09:00:00+03:00"}
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["published_at"] == "2024-11-14T06:00:00Z"
    assert api.post(f"/stories/{story.id}/unpublish").status_code == 200
    _error(api.post(f"/stories/{story.id}/unpublish"), 409, "conflict")


def test_publishing_an_unready_story_is_a_conflict(api, make_story):
    story = make_story(en="Draft only")
    _error(api.post(f"/stories/{story.id}/publish", json={"mode": "pair"}), 409, "conflict")


def test_machine_translation_job_start_and_progress(api, make_token, engine, make_story):
    story = make_story(en={"title": "Lab opens", "body": "The lab opened."})
    outsider = make_token("entr", role="translator", languages="en")
    _error(api.post(f"/stories/{story.id}/translations/ru", outsider), 403, "forbidden")
    started = api.post(f"/stories/{story.id}/translations/ru")
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    progress = api.get(f"/jobs/{job['id']}").get_json()
    assert progress["state"] == "done" and progress["percent"] == 100
    assert api.get(f"/stories/{story.id}/translations/ru").get_json()["id"] == job["id"]
    _error(api.post(f"/stories/{story.id}/translations/en"), 409, "conflict")


def test_a_trashed_storys_job_is_gone_with_it(app, api, engine, make_story):
    from newsdesk.stories import service as stories

    story = make_story(en={"title": "Lab opens", "body": "The lab opened."})
    job = api.post(f"/stories/{story.id}/translations/ru").get_json()
    assert api.get(f"/jobs/{job['id']}").status_code == 200
    with app.app_context():
        stories.delete_story(db.session.get(Story, story.id), user=None)
    _error(api.get(f"/jobs/{job['id']}"), 404, "not_found")
    _error(api.get(f"/stories/{story.id}/translations/ru"), 404, "not_found")
    with app.app_context():
        stories.restore_story(db.session.get(Story, story.id))
    assert api.get(f"/jobs/{job['id']}").get_json()["id"] == job["id"]


def test_glossary(api, make_token):
    translator = make_token("gltr", role="translator", languages="ru")
    term = {"en": "Roscosmos", "ru": "Роскосмос", "kind": "do_not_translate"}
    _error(api.post("/glossary", translator, json=term), 403, "forbidden")
    created = api.post("/glossary", json=term)
    assert created.status_code == 201
    listed = api.get("/glossary", translator).get_json()
    assert [t["en"] for t in listed["items"]] == ["Roscosmos"]
    _error(api.post("/glossary", json=term | {"kind": "maybe"}), 400, "bad_request")
    _error(api.post("/glossary", json=term | {"en": "  "}), 422, "invalid_term")
    assert api.delete(f"/glossary/{created.get_json()['id']}").status_code == 204
    assert api.get("/glossary").get_json()["total"] == 0


def test_openapi_document_is_public(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/stories/{story_id}/publish" in document["paths"]


def test_tokens_cli(app, runner, make_user, client):
    make_user("clitoken")
    created = runner.invoke(args=["tokens", "create", "clitoken", "--name", "CI"])
    assert created.exit_code == 0, created.output
    secret = created.output.strip()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["username"] == "clitoken"
    listed = runner.invoke(args=["tokens", "list", "clitoken"])
    token_id = listed.output.split("\t")[0]
    assert runner.invoke(args=["tokens", "revoke", "clitoken", token_id]).exit_code == 0
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_query_parameters_are_the_documented_ones(api, client):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {p["name"] for p in document["paths"]["/stories"]["get"]["parameters"]}
    assert documented == {"page", "per_page", "status", "lang"}
    query = "&".join(
        f"{name}={value}"
        for name, value in zip(sorted(documented), ["en", "1", "5", "draft"], strict=True)
    )
    assert api.get(f"/stories?{query}").status_code == 200, query
    message = _error(api.get("/stories?page=1&sort=title"), 400, "bad_request")
    assert "sort" in message and "page" not in message
    _error(api.get("/me?page=1"), 400, "bad_request")
    for value in ("+1", " 1", "1e3", "101", "١"):
        message = _error(api.get("/stories", query_string={"per_page": value}), 400, "bad_request")
        assert "per_page" in message and "100" in message, (value, message)
    assert "status" in _error(api.get("/stories?status=gone"), 400, "bad_request")


def test_a_bad_body_names_its_member_in_the_clients_language(api, client, make_story):
    story = make_story(en="Body checks")
    publish = f"/stories/{story.id}/publish"
    for body, named in (
        ({"mode": "pair", "extra": 1}, "extra"),
        ({"at": None}, "mode"),
        ({"mode": 5}, "mode"),
        ({"mode": "pair", "at": "tomorrow"}, "at"),
        ({"mode": "pair", "at": "2024-11-14T09:00:00"}, "at"),  # no time zone
    ):
        assert named in _error(api.post(publish, json=body), 400, "bad_request"), body
    _error(api.post(publish, data="[]", content_type="application/json"), 400, "bad_request")
    _error(api.post(publish, data="mode=pair"), 400, "bad_request")
    term = {"en": "Term", "ru": "Термин", "kind": "preferred", "note": "a\x00b"}
    headers = {"Authorization": f"Bearer {api.token}", "Accept-Language": "ru"}
    response = client.post("/api/v1/glossary", json=term, headers=headers)
    message = _error(response, 400, "bad_request")
    assert "note" in message and "U+0000" in message and "Текст" in message, message


def test_the_path_is_checked_before_the_body(api, make_story):
    story = make_story(en="Path first")
    _error(api.post("/stories/999/publish", json=[]), 404, "not_found")
    _error(api.post(f"/stories/0{story.id}/publish", json={"mode": "pair"}), 404, "not_found")
    _error(api.post(f"/stories/{story.id}/translations/de", json=[]), 404, "not_found")
    _error(api.get(f"/stories/{story.id}x"), 404, "not_found")


def test_the_document_is_made_from_the_schemas_the_views_use(app, client, runner):
    from newsdesk.api.schemas import PublishBody, StorySchema

    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    operation = document["paths"]["/stories/{story_id}/publish"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PublishBody"}
    assert set(schemas["PublishBody"]["properties"]) == set(PublishBody().fields)
    assert set(schemas["Story"]["required"]) == set(StorySchema().fields)
    assert document["servers"] == [{"url": "/api/v1"}] and "/openapi.json" not in document["paths"]
    printed = runner.invoke(args=["openapi", "print"])
    assert printed.exit_code == 0 and json.loads(printed.output) == document
