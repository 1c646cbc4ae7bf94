"""Security headers on every kind of page."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    "path", ["/en/", "/ru/news/missing", "/editor/login", "/static/newsdesk.css"]
)
def test_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file response holds the file open
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_flags(client, make_user):
    make_user("ed")
    response = client.post(
        "/editor/login", data={"username": "ed", "password": "correct horse battery"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example/",
        "/\\/evil.example/",
        "/\t/evil.example/",
        "/\n/evil.example/",
        " //evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\u2028/evil.example/",
    ],
)
def test_login_never_redirects_to_another_host(client, make_user, target):
    """The ``next`` parameter only ever leads to a path on this site."""
    make_user("ed")
    response = client.post(
        "/editor/login",
        query_string={"next": target},
        data={"username": "ed", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/editor/"


def test_login_follows_a_local_next_path(client, make_user):
    make_user("ed")
    response = client.post(
        "/editor/login?next=/editor/preferences",
        data={"username": "ed", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/editor/preferences"
