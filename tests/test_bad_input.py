"""Regressions found by tests/test_fuzz.py: each of these answered 500 (or an English-only
page) before; now each gets a clear error in the user's language and changes nothing."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import Article, Story
from newsdesk.review.service import start_review
from tests.fuzz_helpers import html_messages, looks_russian

RUSSIAN_BAD_REQUEST = "Некорректный запрос"


@pytest.mark.parametrize("story_id", [2**31, 2**63, 10**30])
def test_an_id_beyond_the_database_range_is_a_404(client, login, make_user, story_id):
    """Was an OverflowError from the SQLite driver (500) for ids past 2**63 - 1, and on
    PostgreSQL past 2**31 - 1."""
    login(make_user("ed"))
    for url in (f"/editor/stories/{story_id}", f"/editor/stories/{story_id}/audit"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in html_messages(response.data)


def test_wrong_method_gets_an_error_page_in_the_users_language(client, login, make_user):
    """Was Werkzeug's English-only default page for 405."""
    login(make_user("ed", locale="ru"))
    response = client.get("/editor/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    messages = html_messages(response.data)
    assert "Этот метод здесь не разрешён." in messages
    assert all(looks_russian(m) for m in messages)
    api = client.get("/api/v1/glossary/1")
    assert api.status_code == 405 and api.get_json()["error"]["code"] == "method_not_allowed"


def test_api_routing_errors_stay_json_whatever_the_query(client):
    """The form hygiene hook answered an HTML page for /api/ URLs no route matched."""
    response = client.open("/api/v1/openapi.json?x=%00", method="PROPFIND")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_a_multipart_field_without_a_name_is_refused(app, client, login, make_user):
    """A part without a name became a None key in request.form, which crashed the views
    that look at the field names."""
    login(make_user("ed"))
    body = (
        b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
        b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nNew\r\n--b--\r\n'
    )
    for url in ("/editor/login", "/editor/stories/new"):
        response = client.post(url, data=body, content_type="multipart/form-data; boundary=b")
        assert response.status_code == 400
        assert "a field has no name" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Story.id))) == 0


def test_nul_in_a_second_value_or_a_field_name_is_refused(client, login, make_user):
    """Only the first value of each field was checked."""
    login(make_user("ed"))
    for body in ("q=fine&q=bad%00", "bad%00name=1"):
        response = client.get("/en/search?" + body)
        assert response.status_code == 400
        assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize("version", ["abc", "²", "1.5", "-1", "9" * 30])
def test_a_damaged_version_field_is_a_clear_400(app, client, login, make_user, make_story, version):
    """``int(form.base_version.data)`` raised ValueError (or overflowed) for a hidden field
    that is not a version number: a 500, on the editor's and the review's Markdown form."""
    login(make_user("ed", locale="ru"))
    story = make_story(en="A story", ru="Статья")
    with app.app_context():
        start_review(db.session.get(Story, story.id), "ru", user=None)
    forms = [
        (f"/editor/stories/{story.id}/en/edit", {"status": "draft", "save": "y"}),
        (f"/editor/stories/{story.id}/review/ru/markdown", {"save": "y"}),
    ]
    for url, extra in forms:
        data = {"title": "Changed", "body": "Changed.", "base_version": version, **extra}
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        messages = html_messages(response.data)
        assert RUSSIAN_BAD_REQUEST in messages and all(looks_russian(m) for m in messages)
    with app.app_context():
        titles = set(db.session.scalars(db.select(Article.title)))
    assert titles == {"A story", "Статья"}


def _api_headers(app, make_user, locale_header="en"):
    from newsdesk.accounts import tokens
    from newsdesk.models import User

    user = make_user("apied")
    with app.app_context():
        secret = tokens.create_token(db.session.get(User, user.id), "tests")[1]
    return {"Authorization": f"Bearer {secret}", "Accept-Language": locale_header}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"en": "\\ud800", "ru": "x", "kind": "preferred"}', "en"),
        ('{"en": "a\\u0000b", "ru": "x", "kind": "preferred"}', "en"),
        ('{"en": "ok", "ru": "x", "kind": "preferred", "note": "\\udfff"}', "note"),
    ],
)
def test_api_text_the_database_cannot_store_is_a_400(app, client, make_user, body, field):
    """A lone surrogate in a JSON string reached SQLite (UnicodeEncodeError: 500); a NUL
    was stored on SQLite and would fail on PostgreSQL."""
    headers = _api_headers(app, make_user)
    response = client.post(
        "/api/v1/glossary", data=body, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_request" and f"field {field}" in error["message"]
    assert client.get("/api/v1/glossary", headers=headers).get_json()["total"] == 0


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1}"])
def test_api_deeply_nested_json_is_a_400(app, client, make_user, body):
    """json.loads raises RecursionError (not ValueError), which became a 500."""
    headers = _api_headers(app, make_user, "ru")
    response = client.post(
        "/api/v1/glossary", data=body, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert looks_russian(response.get_json()["error"]["message"]) or (
        response.get_json()["error"]["message"] == "The JSON document is nested too deeply."
    )


def test_csv_glossary_with_a_nul_imports_nothing(ctx):
    """A NUL in a CSV cell was stored (and would be refused by PostgreSQL with a 500)."""
    from newsdesk.glossary import service as glossary

    text = "en,ru,kind\nGood,Хорошо,preferred\nBa\x00d,Плохо,preferred\n"
    with pytest.raises(glossary.GlossaryError, match="Line 3: .*NUL"):
        glossary.import_csv(text)
    assert glossary.list_terms() == []


def test_a_json_body_to_a_form_is_checked_like_form_fields(app, client, login, make_user):
    """Flask-WTF takes a JSON body as the form data; a lone surrogate in it bypassed the
    hygiene hook and crashed the page that showed it again (UnicodeEncodeError: 500)."""
    login(make_user("ed"))
    body = '{"en": "x", "ru": "", "kind": "preferred", "note": "\\ud800"}'
    response = client.post("/editor/glossary", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "lone UTF-16 surrogate" in response.get_data(as_text=True)
    nested = b"[" * 100_000 + b"]" * 100_000
    response = client.post("/editor/glossary", data=nested, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("body", ["2", '"text"', "[1, 2]", "true"])
def test_a_json_body_that_is_not_an_object_is_a_clear_400_on_a_form(
    app, client, login, make_user, body
):
    """Found by the fuzzer: Flask-WTF makes form fields of a JSON body, and a bare number
    or list raised TypeError (500) on every form route (here: log out everywhere)."""
    login(make_user("ad", role="admin"))
    for path in ("/editor/account/logout-everywhere", "/editor/glossary"):
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code == 400
        assert "JSON object" in response.get_data(as_text=True)


def test_the_throttle_page_says_how_long_in_russian(app_factory, make_user):
    """The template wrote %(count)s inside {% trans %}: the msgid never matched the catalog
    and the page showed the English text with a literal "%(count)s"."""
    app = app_factory(LOGIN_MAX_FAILURES=1, LOGIN_BACKOFF_SECONDS=15 * 60)
    make_user("ed", locale="ru")
    client = app.test_client()
    wrong = {"username": "ed", "password": "not the password"}
    client.post("/editor/login", data=wrong, headers={"Accept-Language": "ru"})
    response = client.post("/editor/login", data=wrong, headers={"Accept-Language": "ru"})
    assert response.status_code == 429
    text = " ".join(html_messages(response.data))
    assert "%(count)s" not in text and "Повторите попытку через 15 минут" in text, text


@pytest.mark.parametrize("page", [0, -1, 10**6 + 1, 2**63, 10**30])
def test_a_page_number_out_of_range_is_a_404_on_every_list(client, login, make_user, page):
    """/editor/?page=9223372036854775808 was an OverflowError from the SQLite driver (a 500,
    found by tests/test_fuzz.py): the OFFSET it means does not fit a 64-bit integer."""
    login(make_user("ed", locale="ru"))
    for url, message in (
        ("/editor/", "Страница не найдена"),  # the user's language
        ("/ru/", "Страница не найдена"),  # the page's language on the reader site
        ("/ru/tags/science", "Страница не найдена"),
        ("/en/archive/2024/11/", "Page not found"),
        ("/en/search", "Page not found"),
    ):
        response = client.get(url, query_string={"page": page, "q": "news"})
        assert response.status_code == 404, url
        assert message in html_messages(response.data), url
    api = client.get("/api/v1/stories", query_string={"page": page})
    assert api.status_code in (400, 401)
