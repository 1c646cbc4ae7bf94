"""Fixtures for the API tests: users with tokens and a Bearer-authenticated client."""

from __future__ import annotations

import pytest

from newsdesk.accounts import tokens


@pytest.fixture
def make_token(app, make_user):
    """make_token("ed", role="editor", languages="en,ru") -> the token's secret."""

    def make(username: str = "apied", role: str = "editor", languages: str = "en,ru") -> str:
        user = make_user(username, role=role, languages=languages)
        with app.app_context():
            from newsdesk.extensions import db
            from newsdesk.models import User

            return tokens.create_token(db.session.get(User, user.id), "tests")[1]

    return make


@pytest.fixture
def api(client, make_token):
    """A client sending an editor's token: api.get(path), api.post(path, json=...)."""

    class Api:
        token = make_token()

        def _headers(self, token):
            return {"Authorization": f"Bearer {token or self.token}"}

        def get(self, path, token=None, **kw):
            return client.get("/api/v1" + path, headers=self._headers(token), **kw)

        def post(self, path, token=None, **kw):
            return client.post("/api/v1" + path, headers=self._headers(token), **kw)

        def delete(self, path, token=None, **kw):
            return client.delete("/api/v1" + path, headers=self._headers(token), **kw)

    return Api()
