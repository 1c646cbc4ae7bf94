"""Every route (UI and API) has an access policy, and each role gets what the policy says."""

from __future__ import annotations

import pytest

from newsdesk.accounts.policy import ADMIN, POLICY, PUBLIC, PUBLISHER, STAFF
from tests.conftest import PASSWORD

ROLES = ["anonymous", "translator", "editor", "admin"]
RANK = {"anonymous": 0, "translator": 1, "editor": 2, "admin": 3}
NEEDS = {PUBLIC: 0, STAFF: 1, PUBLISHER: 2, ADMIN: 3}


def _ui_rules(app):
    return [r for r in app.url_map.iter_rules() if not r.endpoint.startswith("api.")]


def _api_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]


def test_every_route_has_a_policy(app):
    missing = sorted({r.endpoint for r in app.url_map.iter_rules()} - set(POLICY))
    assert missing == [], (
        f"routes without an access policy in newsdesk/accounts/policy.py: {missing}"
    )
    assert set(POLICY.values()) <= set(NEEDS)
    assert _api_rules(app), "the API blueprint is registered"


def test_a_route_missing_from_the_table_is_refused(make_user, login, monkeypatch):
    """Fail closed: a route nobody listed answers 403, even to an admin."""
    client = login(make_user("boss", role="admin"))
    assert client.get("/editor/preferences").status_code == 200
    monkeypatch.delitem(POLICY, "accounts.preferences")
    assert client.get("/editor/preferences").status_code == 403


def _url(app, rule, story_id):
    values = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        if converter == "AnyConverter" or name == "lang":
            values[name] = "ru"
        elif name == "story_id":
            values[name] = story_id
        elif name.endswith("_id"):
            values[name] = 1
        elif name == "year":
            values[name] = 2024
        elif name == "month":
            values[name] = 11
        elif converter == "IntegerConverter":
            values[name] = 1
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
        if rule.endpoint in ("accounts.logout", "accounts.logout_everywhere", "accounts.login"):
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


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_api_route_as_each_role(world, role):
    """The API: no token 401, a token below the policy 403 (JSON), else no refusal, no 5xx."""
    from newsdesk.accounts import tokens
    from newsdesk.extensions import db
    from newsdesk.models import User

    app, story_id = world
    headers = {}
    if role != "anonymous":
        name = {"translator": "tr", "editor": "ed", "admin": "boss"}[role]
        with app.app_context():
            user = db.session.execute(db.select(User).filter_by(username=name)).scalar_one()
            headers["Authorization"] = "Bearer " + tokens.create_token(user, "walk")[1]
    client = app.test_client()
    wrong = []
    for rule in _api_rules(app):
        need = NEEDS[POLICY[rule.endpoint]]
        url = _url(app, rule, story_id)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, headers=headers, json={})
            status = response.status_code
            if RANK[role] < need:
                expected = 401 if role == "anonymous" else 403
                ok = status == expected and response.is_json and response.json["error"]
            else:
                expected = "not refused, no 5xx"
                ok = status not in (401, 500, 502, 503) and status < 500
                if status == 403:
                    ok = RANK[role] == 1  # a translator outside their languages
            if not ok:
                wrong.append(f"{method} {url} [{rule.endpoint}]: {status}, expected {expected}")
    assert wrong == []


def test_model_folders_are_shown_to_admins_only(app_factory, argos_packages, make_user):
    """Everybody on staff sees which models are installed; server folders only admins."""
    app = app_factory(ARGOS_PACKAGES_DIR=str(argos_packages))
    for role, shown in (("translator", False), ("editor", False), ("admin", True)):
        make_user(f"u_{role}", role=role, languages="ru")
        client = app.test_client()
        login = client.post("/editor/login", data={"username": f"u_{role}", "password": PASSWORD})
        assert login.status_code == 302
        page = client.get("/editor/admin/mt").get_data(as_text=True)
        assert "Installed" in page and (str(argos_packages) in page) is shown, role
