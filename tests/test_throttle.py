"""Login throttling: stored in the database, per account and address with exponential
back-off, a per-address cap, answered with 429; strangers cannot lock a real user out."""

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


def _login(client, username, password, ip="127.0.0.1", locale="en", headers=None):
    return client.post(
        "/editor/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": ip},
        headers={"Accept-Language": locale, **(headers or {})},
    )


def _fail(client, username, times, ip="127.0.0.1", headers=None):
    for _ in range(times):
        response = _login(client, username, "wrong password", ip, headers=headers)
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


def _retry_after(response) -> int:
    assert response.status_code == 429
    return int(response.headers["Retry-After"])


def test_back_off_doubles_with_each_failure_and_is_capped_by_the_window(client, make_user):
    """Not a fixed 15-minute lock: 15 s after the 5th failure, then 30 s, 60 s, …"""
    make_user("ed")
    start = utcnow()
    with freeze_time(start) as clock:
        _fail(client, "ed", LIMIT)
        assert _retry_after(_login(client, "ed", PASSWORD)) == 15
        waits = []
        for _ in range(7):
            clock.tick(_retry_after(_login(client, "ed", "wrong password")))
            _fail(client, "ed", 1)  # allowed again once the wait is over, and fails again
            waits.append(_retry_after(_login(client, "ed", PASSWORD)))
        assert waits == [30, 60, 120, 240, 480, 900, 900]
        clock.tick(900)
        assert _login(client, "ed", PASSWORD).status_code == 302


def test_a_stranger_at_another_address_cannot_lock_the_user_out(client, make_user):
    make_user("ed")
    with freeze_time(utcnow()) as clock:
        failures = 0
        while failures < 20:  # an attacker who keeps going, waiting out every back-off
            response = _login(client, "ed", "guess", ip="203.0.113.9")
            if response.status_code == 429:
                clock.tick(_retry_after(response))
            else:
                failures += 1
        assert _login(client, "ed", "guess", ip="203.0.113.9").status_code == 429
        assert _login(client, "ed", PASSWORD, ip="198.51.100.2").status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_address(app_factory, make_user):
    """Behind nginx every request comes from 127.0.0.1; with TRUSTED_PROXIES=1 ProxyFix
    takes the client's address from X-Forwarded-For, so the attacker's failures stay theirs."""
    app = app_factory(PASSWORD_HASH_METHOD=CHEAP_HASH, TRUSTED_PROXIES=1)
    make_user("ed")
    client = app.test_client()
    attacker = {"X-Forwarded-For": "203.0.113.9"}
    _fail(client, "ed", LIMIT, headers=attacker)
    assert _login(client, "ed", PASSWORD, headers=attacker).status_code == 429
    user = {"X-Forwarded-For": "198.51.100.2"}
    assert _login(client, "ed", PASSWORD, headers=user).status_code == 302


def test_forwarded_addresses_are_ignored_unless_proxies_are_trusted(client, make_user):
    """Off by default: a client cannot dodge the throttle by making up X-Forwarded-For."""
    make_user("ed")
    for n in range(LIMIT):
        _fail(client, "ed", 1, headers={"X-Forwarded-For": f"192.0.2.{n}"})
    forged = {"X-Forwarded-For": "192.0.2.200"}
    assert _login(client, "ed", PASSWORD, headers=forged).status_code == 429


def test_one_address_trying_many_accounts_hits_the_address_cap(app_factory, make_user):
    app = app_factory(PASSWORD_HASH_METHOD=CHEAP_HASH, LOGIN_MAX_FAILURES_PER_ADDRESS=6)
    make_user("ed")
    client = app.test_client()
    for name in ("anna", "boris", "vera"):
        _fail(client, name, 2, ip="203.0.113.9")  # under the per-account limit each
    response = _login(client, "ed", PASSWORD, ip="203.0.113.9")
    assert 0 < _retry_after(response) <= 3600
    assert _login(client, "ed", PASSWORD, ip="198.51.100.2").status_code == 302
    with freeze_time(utcnow() + timedelta(minutes=61)):
        assert _login(client, "ed", PASSWORD, ip="203.0.113.9").status_code == 302


def test_wrong_current_passwords_on_the_account_pages_are_throttled(app, make_user, login):
    """A stolen session cannot guess the password through the password or token forms."""
    client = login(make_user("ed"))
    for _ in range(LIMIT):
        wrong = client.post(
            "/editor/account/password",
            data={"current": "guess guess", "new": "new pass phrase", "repeat": "new pass phrase"},
        )
        assert wrong.status_code == 200
    page = client.post("/editor/preferences/tokens", data={"name": "script", "password": PASSWORD})
    assert page.status_code == 429 and "Retry-After" in page.headers


def test_throttle_service_back_off_and_address_cap(ctx):
    """retry_after() at chosen moments, without HTTP."""
    from newsdesk.accounts import throttle

    ctx.config.update(LOGIN_MAX_FAILURES_PER_ADDRESS=8)
    start = utcnow()
    with freeze_time(start):
        for _ in range(LIMIT):
            throttle.record_failure("Ed", "192.0.2.1")
    assert throttle.retry_after("ed", "192.0.2.1", start) == 15
    assert throttle.retry_after("ed", "192.0.2.1", start + timedelta(seconds=15)) is None
    assert throttle.retry_after("ed", "192.0.2.2", start) is None  # another address
    with freeze_time(start):
        throttle.record_failure("ed", "192.0.2.1")
    assert throttle.retry_after("ed", "192.0.2.1", start) == 30
    with freeze_time(start):
        throttle.record_failure("anna", "192.0.2.1")
        throttle.record_failure("boris", "192.0.2.1")
    assert throttle.retry_after("vera", "192.0.2.1", start) == 3600  # the address cap
    assert throttle.retry_after("vera", "192.0.2.9", start) is None
    throttle.clear_failures("ed", "192.0.2.1")
    assert throttle.retry_after("ed", "192.0.2.1", start + timedelta(hours=1, seconds=1)) is None
