"""Every UI route has an access policy, and each role gets what the policy says."""

from __future__ import annotations

import pytest

from newsdesk.policy import ADMIN, POLICY, PUBLIC, PUBLISHER, STAFF
from tests.conftest import PASSWORD

ROLES = ["anonymous", "translator", "editor", "admin"]
RANK = {"anonymous": 0, "translator": 1, "editor": 2, "admin": 3}
NEEDS = {PUBLIC: 0, STAFF: 1, PUBLISHER: 2, ADMIN: 3}


def _ui_rules(app):
    return [r for r in app.url_map.iter_rules() if not r.endpoint.startswith("api.")]


def test_every_ui_route_has_a_policy(app):
    missing = sorted({r.endpoint for r in _ui_rules(app)} - set(POLICY))
    assert missing == [], f"routes without an access policy in newsdesk/policy.py: {missing}"
    assert set(POLICY.values()) <= set(NEEDS)


def _url(app, rule, story_id):
    values = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        if converter == "AnyConverter":
            values[name] = "ru"
        elif name == "year":
            values[name] = 2024
        elif name == "month":
            values[name] = 11
        elif converter == "IntegerConverter":
            values[name] = story_id if name == "story_id" else 1
        else:
            values[name] = "x"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


@pytest.fixture
def world(app_factory, make_user, make_story):
    app = app_factory(PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    make_user("tr", role="translator", languages="ru")
    make_user("ed", role="editor")
    make_user("boss", role="admin")
    story = make_story(en="Policy walk", ru="Обход маршрутов", publish="pair")
    return app, story.id


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_route_as_each_role(world, role):
    app, story_id = world
    client = app.test_client()
    if role != "anonymous":
        name = {"translator": "tr", "editor": "ed", "admin": "boss"}[role]
        assert (
            client.post("/editor/login", data={"username": name, "password": PASSWORD}).status_code
            == 302
        )
    wrong = []
    for rule in _ui_rules(app):
        if rule.endpoint in ("auth.logout", "auth.login"):
            continue  # would end or restart the session under test
        need = NEEDS[POLICY[rule.endpoint]]
        url = _url(app, rule, story_id)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            status, location = response.status_code, response.headers.get("Location", "")
            if RANK[role] < need:
                expected = "login redirect" if role == "anonymous" else "403"
                ok = (
                    (status == 302 and "/editor/login" in location)
                    if role == "anonymous"
                    else (status == 403)
                )
            else:
                expected = "allowed (no login redirect, no 403 from the policy, no 5xx)"
                ok = status < 500 and "/editor/login" not in location
                if need > 0 and status == 403:
                    ok = RANK[role] == 1  # views may still refuse a translator (language)
            if not ok:
                wrong.append(f"{method} {url} [{rule.endpoint}]: {status}, expected {expected}")
    assert wrong == []
