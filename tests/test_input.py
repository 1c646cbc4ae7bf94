"""Input hygiene: NFC everywhere, NUL and lone surrogates refused, 413, no mixed scripts."""

from __future__ import annotations

import unicodedata

import pytest

from newsdesk.accounts import users
from newsdesk.extensions import db
from newsdesk.models import Article, Role, User

NEW = "/editor/stories/new"


def _new_story(title, **extra):
    return {
        "lang": "en",
        "title": title,
        "body": "Text.",
        "status": "draft",
        "save": "Save",
        **extra,
    }


def _titles(app):
    with app.app_context():
        return set(db.session.scalars(db.select(Article.title)))


def test_form_input_is_stored_in_nfc(app, login, make_user):
    client = login(make_user("ed"))
    decomposed = "Cafe\u0301 Zu\u0308rich"
    assert not unicodedata.is_normalized("NFC", decomposed)
    response = client.post(NEW, data=_new_story(decomposed, body="Ё\u0308лка e\u0301"))
    assert response.status_code == 302
    assert _titles(app) == {"Café Zürich"}
    with app.app_context():
        body = db.session.scalar(db.select(Article.body))
    assert unicodedata.is_normalized("NFC", body)


@pytest.mark.parametrize("field", ["title", "body", "lead", "tags"])
def test_nul_is_refused_with_a_clear_message(app, login, make_user, field):
    client = login(make_user("ed"))
    data = _new_story("A title")
    data[field] = "before\x00after"
    response = client.post(NEW, data=data)
    assert response.status_code == 400
    assert "NUL character (U+0000)" in response.get_data(as_text=True)
    assert _titles(app) == set()


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1f", "\uffff"])
def test_control_characters_xml_cannot_hold_are_refused(app, login, make_user, char):
    """They would break XLIFF exports and feeds later (the fuzzer found the export's 500)."""
    client = login(make_user("ed"))
    data = _new_story("A title")
    data["body"] = f"before{char}after"
    response = client.post(NEW, data=data)
    assert response.status_code == 400
    assert f"control character (U+{ord(char):04X})" in response.get_data(as_text=True)
    assert _titles(app) == set()


@pytest.mark.parametrize("path", ["/ru/tags/a%00b", "/en/news/x%01y", "/en/tags/%EF%BF%BF"])
def test_impossible_names_in_paths_are_404(client, path):
    """A NUL in a slug once reached PostgreSQL, which refuses NUL in text (a 500)."""
    assert client.get(path).status_code == 404


def test_tabs_and_newlines_are_kept(app, login, make_user):
    client = login(make_user("ed"))
    data = _new_story("A title")
    data["body"] = "one\tcolumn\r\n\nnext paragraph"
    assert client.post(NEW, data=data).status_code == 302
    assert _titles(app) == {"A title"}


def test_lone_surrogate_is_refused(app, login, make_user):
    client = login(make_user("ed"))
    # U+D800 encoded as UTF-8 bytes: invalid UTF-8 that Werkzeug would turn into U+FFFD.
    body = "lang=en&status=draft&save=Save&body=x&title=bad%ED%A0%80title"
    response = client.post(NEW, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "lone UTF-16 surrogate" in response.get_data(as_text=True)
    assert _titles(app) == set()


def test_query_parameters_are_checked_too(client):
    response = client.get("/en/search", query_string={"q": "a\x00b"})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


def test_too_large_request_gets_a_clear_413_page(app_factory, make_user):
    app = app_factory(MAX_CONTENT_LENGTH=4096)
    make_user("ed")
    client = app.test_client()
    client.post("/editor/login", data={"username": "ed", "password": "correct horse battery"})
    response = client.post(NEW, data=_new_story("Big", body="x" * 10_000))
    assert response.status_code == 413
    assert "larger than the server accepts" in response.get_data(as_text=True)
    assert _titles(app) == set()


@pytest.mark.parametrize("name", ["аdmin", "pаypal", "Εditor", "редакторx"])
def test_mixed_script_usernames_are_refused(ctx, name):
    with pytest.raises(users.UserError, match="may not mix"):
        users.create_user(name, "a long enough password", Role.EDITOR)
    assert db.session.scalar(db.select(User).filter_by(username=name)) is None


def test_single_script_usernames_are_accepted_in_nfc(ctx):
    users.create_user("редактор", "a long enough password", Role.EDITOR)
    users.create_user("Jose\u0301", "a long enough password", Role.EDITOR)
    names = set(db.session.scalars(db.select(User.username)))
    assert {"редактор", "José"} <= names


def test_username_with_control_characters_is_refused(ctx):
    with pytest.raises(users.UserError):
        users.create_user("ed\u200bitor", "a long enough password", Role.EDITOR)


@pytest.mark.parametrize("slug", ["nеws-today", "аpple", "news\u0301"])
def test_confusable_slugs_are_refused(app, login, make_user, slug):
    client = login(make_user("ed"))
    response = client.post(NEW, data=_new_story("A title", slug=slug))
    assert response.status_code == 200  # the form again, with the error
    assert _titles(app) == set()
