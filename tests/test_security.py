"""Security headers on every kind of page."""

from __future__ import annotations

import pytest


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
