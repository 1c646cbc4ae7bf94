"""Cross-site state-changing requests are refused before anything else, and text carried
through the login form goes only to the account that typed it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article, User
from newsdesk.models.editing import DraftRevision
from tests.conftest import PASSWORD

EVIL = "https://evil.example"


@pytest.fixture
def csrf_app(app_factory):
    return app_factory(WTF_CSRF_ENABLED=True)


@pytest.fixture
def story(make_story):
    return make_story(en="Library opens at night", ru="Библиотека открыта ночью")


def _edit_url(story, lang="en"):
    return f"/editor/stories/{story.id}/{lang}/edit"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _log_in(app, name):
    client = app.test_client()
    token = _csrf(client.get("/editor/login").text)
    response = client.post(
        "/editor/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


def _drafts(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(User.username, DraftRevision.body).join(User, User.id == DraftRevision.user_id)
        )
        return [tuple(row) for row in rows]


def _body(app, story, lang="en") -> str:
    with app.app_context():
        return db.session.scalar(
            select(Article.body).where(Article.story_id == story.id, Article.lang == lang)
        )


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "https://localhost"},  # another scheme is another origin
        {"Origin": "http://localhost:8080"},
        {"Origin": EVIL, "Sec-Fetch-Site": "same-origin"},  # the Origin still counts
    ],
)
def test_a_cross_site_post_to_an_editor_form_is_refused_first(csrf_app, story, headers):
    """Today's hole: the victim's Lax cookie is not sent, so the form used to answer with a
    login page that set a new session cookie and carried the attacker's text as the
    victim's "unsaved text"."""
    client = csrf_app.test_client()
    response = client.post(
        _edit_url(story),
        data={"title": "Planted", "body": "attacker text", "base_version": "1", "csrf_token": "x"},
        headers=headers,
    )
    assert response.status_code == 403
    html = response.text
    assert "Refused: sent from another site" in html
    assert "attacker text" not in html and "kept-" not in html
    assert "Set-Cookie" not in response.headers  # the victim's session cookie is left alone
    assert _drafts(csrf_app) == [] and _body(csrf_app, story) == "Body of Library opens at night."


def test_a_cross_site_post_is_refused_even_with_a_session(app, make_user, story, login):
    client = login(make_user("ed"))
    for path in (_edit_url(story), f"/editor/stories/{story.id}/publish", "/editor/logout"):
        response = client.post(path, data={"body": "x"}, headers={"Origin": EVIL})
        assert response.status_code == 403, path
    assert client.get("/editor/").status_code == 200  # still logged in: logout was refused too


def test_the_refusal_page_follows_the_browser_language(app, story):
    response = app.test_client().post(
        _edit_url(story),
        headers={"Sec-Fetch-Site": "cross-site", "Accept-Language": "ru"},
    )
    assert response.status_code == 403
    assert '<html lang="ru">' in response.text and "Отклонено" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},  # old browsers, the CLI, scripts: neither header
        {"Origin": "http://localhost"},
        {"Origin": "http://LOCALHOST:80"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},  # typed by the user
    ],
)
def test_same_site_and_headerless_posts_go_through(app, make_user, story, login, headers):
    client = login(make_user("ed"))
    response = client.post(
        _edit_url(story),
        data={
            "title": "Library opens at night",
            "body": "Saved.",
            "base_version": "1",
            "save": "1",
        },
        headers=headers,
    )
    assert response.status_code == 302
    assert _body(app, story) == "Saved."


def test_get_requests_from_other_sites_are_not_refused(client):
    """Links from other sites must keep working."""
    assert client.get("/en/", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200
    response = client.get("/editor/login", headers={"Origin": EVIL})
    assert response.status_code == 200


def test_the_api_with_a_bearer_token_is_not_refused(app, make_user, story):
    """The API never reads the session cookie, so another site's page has nothing to ride on."""
    from newsdesk.accounts import tokens

    ed = make_user("ed")
    with app.app_context():
        secret = tokens.create_token(db.session.get(User, ed.id), "script")[1]
    response = app.test_client().post(
        f"/api/v1/stories/{story.id}/unpublish",
        headers={"Authorization": f"Bearer {secret}", "Origin": EVIL},
    )
    assert response.status_code not in (401, 403) and response.status_code < 500
    no_token = app.test_client().post(
        f"/api/v1/stories/{story.id}/unpublish", headers={"Origin": EVIL}
    )
    assert no_token.status_code == 401 and no_token.is_json


def test_behind_a_trusted_proxy_the_public_origin_counts(app_factory, make_user, story):
    app = app_factory(TRUSTED_PROXIES=1)
    make_user("ed")
    client = app.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "news.example"}
    client.post("/editor/login", data={"username": "ed", "password": PASSWORD}, headers=forwarded)
    ok = client.post(
        _edit_url(story),
        data={
            "title": "Library opens at night",
            "body": "Via proxy.",
            "base_version": "1",
            "save": "1",
        },
        headers={**forwarded, "Origin": "https://news.example"},
    )
    assert ok.status_code == 302 and _body(app, story) == "Via proxy."
    refused = client.post(
        _edit_url(story), data={"body": "x"}, headers={**forwarded, "Origin": EVIL}
    )
    assert refused.status_code == 403


def _stamp(app, name, url) -> str:
    html = _log_in(app, name).get(url).text
    return re.search(r'name="author" type="hidden" value="([^"]+)"', html).group(1)


def _expired_save(app, story, **extra):
    """A save whose session is gone: the login form comes back carrying the text in hidden
    fields. Returns that browser and the login form's fields."""
    import html as html_lib

    browser = app.test_client()
    data = {"title": "T", "body": "typed text", "base_version": "1", "csrf_token": "x"}
    html = browser.post(_edit_url(story), data=data | extra).text
    assert "Your session expired; log in again — your text is kept." in html
    fields = re.findall(r'<input type="hidden" name="(kept-[a-z_]+)" value="([^"]*)"', html)
    kept = {name: html_lib.unescape(value) for name, value in fields}
    return browser, kept | {"csrf_token": _csrf(html)}


def _log_in_keeping(browser, story, name, kept):
    response = browser.post(
        "/editor/login?next=" + _edit_url(story),
        data={**kept, "username": name, "password": PASSWORD},
    )
    assert response.status_code == 302
    return browser


def test_kept_text_goes_only_to_the_account_that_typed_it(csrf_app, make_user, story):
    make_user("ed")
    make_user("boss", role="admin")
    stamp = _stamp(csrf_app, "ed", _edit_url(story))
    browser, kept = _expired_save(csrf_app, story, author=stamp)
    _log_in_keeping(browser, story, "boss", kept)  # someone else at the same browser
    assert "Text kept from a session of another account was discarded." in (
        browser.get(_edit_url(story)).text
    )
    assert _drafts(csrf_app) == []
    browser, kept = _expired_save(csrf_app, story, author=stamp)
    _log_in_keeping(browser, story, "ed", kept)
    assert _drafts(csrf_app) == [("ed", "typed text")]


@pytest.mark.parametrize("author", ["", "1", "forged.stamp.value"])
def test_kept_text_without_a_valid_author_stamp_is_dropped(csrf_app, make_user, story, author):
    """A form posted by someone else (no stamp, or a made-up one) never becomes a draft."""
    make_user("ed")
    browser, kept = _expired_save(csrf_app, story, author=author)
    _log_in_keeping(browser, story, "ed", kept)
    assert _drafts(csrf_app) == []


def test_a_stamp_cannot_be_moved_to_another_account(csrf_app, make_user, story):
    """The attacker's own valid stamp names the attacker, not the victim who logs in."""
    make_user("ed")
    make_user("mallory")
    stamp = _stamp(csrf_app, "mallory", _edit_url(story))
    browser, kept = _expired_save(csrf_app, story, author=stamp)
    _log_in_keeping(browser, story, "ed", kept)
    assert _drafts(csrf_app) == []
