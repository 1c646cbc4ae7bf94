"""Login throttling: stored in the database, per username and address, answered with 429."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from newsdesk.models import utcnow
from tests.conftest import PASSWORD

LIMIT = 5
CHEAP_HASH = "scrypt:1024:8:1"  # the policy's cost is tested in test_passwords.py


@pytest.fixture
def app(app_factory):
    return app_factory(PASSWORD_HASH_METHOD=CHEAP_HASH)


def _login(client, username, password, ip="127.0.0.1", locale="en"):
    return client.post(
        "/editor/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": ip},
        headers={"Accept-Language": locale},
    )


def _fail(client, username, times, ip="127.0.0.1"):
    for _ in range(times):
        response = _login(client, username, "wrong password", ip)
        assert response.status_code == 200
        assert "Wrong username or password." in response.get_data(as_text=True)


def test_repeated_failures_answer_429_with_retry_after(client, make_user):
    make_user("ed")
    _fail(client, "ed", LIMIT)
    response = _login(client, "ed", PASSWORD)  # even the right password waits
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert "Too many failed logins" in response.get_data(as_text=True)
    assert "_user_id" not in (
        client.get_cookie("session").value if client.get_cookie("session") else ""
    )
    assert client.get("/editor/").status_code == 302  # still logged out


def test_throttle_page_follows_the_interface_language(client, make_user):
    make_user("ed")
    _fail(client, "ed", LIMIT)
    response = _login(client, "ed", PASSWORD, locale="ru")
    assert response.status_code == 429
    assert '<html lang="ru">' in response.get_data(as_text=True)


def test_limit_is_per_username_and_address(client, make_user):
    make_user("ed")
    make_user("tr", role="translator")
    _fail(client, "ed", LIMIT)
    assert _login(client, "tr", PASSWORD).status_code == 302  # another account
    assert _login(client, "ed", PASSWORD, ip="192.0.2.7").status_code == 302  # another address
    assert _login(client, "ED ", PASSWORD).status_code == 429  # same account, other spelling


def test_unknown_usernames_are_throttled_too(client):
    _fail(client, "nobody", LIMIT)
    assert _login(client, "nobody", "anything at all").status_code == 429


def test_throttle_survives_a_restart_and_is_shared_by_app_instances(app_factory, make_user):
    first = app_factory(PASSWORD_HASH_METHOD=CHEAP_HASH)
    make_user("ed")
    _fail(first.test_client(), "ed", LIMIT)
    second = app_factory(
        PASSWORD_HASH_METHOD=CHEAP_HASH
    )  # a fresh process / another worker on the same database
    assert _login(second.test_client(), "ed", PASSWORD).status_code == 429


def test_success_resets_the_count_and_the_window_expires(client, make_user):
    make_user("ed")
    _fail(client, "ed", LIMIT - 1)
    assert _login(client, "ed", PASSWORD).status_code == 302
    client.post("/editor/logout")
    _fail(client, "ed", LIMIT - 1)  # counting starts again after a success
    assert _login(client, "ed", PASSWORD).status_code == 302
    client.post("/editor/logout")
    _fail(client, "ed", LIMIT)
    assert _login(client, "ed", PASSWORD).status_code == 429
    with freeze_time(utcnow() + timedelta(minutes=16)):
        assert _login(client, "ed", PASSWORD).status_code == 302


def test_limit_and_window_are_settings(app_factory, make_user):
    app = app_factory(
        LOGIN_MAX_FAILURES=2, LOGIN_FAILURE_WINDOW=60, PASSWORD_HASH_METHOD=CHEAP_HASH
    )
    make_user("ed")
    client = app.test_client()
    _fail(client, "ed", 2)
    response = _login(client, "ed", PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) <= 60
