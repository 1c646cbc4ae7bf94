"""The sensitive routes against a hand-written table of who may do what.

tests/test_policy.py walks every route against newsdesk/accounts/policy.py itself, so loosening the
policy would loosen that test with it. This table is written out by hand instead: each row
says what anonymous visitors, translators, editors and admins get. Loosening a rule in
newsdesk/accounts/policy.py (or in a view) makes a row here fail.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from newsdesk.accounts.policy import ADMIN, POLICY, PUBLISHER
from newsdesk.extensions import db
from newsdesk.models import User
from tests.conftest import PASSWORD

ROLES = ("anonymous", "translator", "editor", "admin")
LOGIN, OK = "login", "ok"  # a redirect to the login form; allowed (not refused, no 5xx)
PUB_UI = (LOGIN, 403, OK, OK)  # editors and admins
ADMIN_UI = (LOGIN, 403, 403, OK)
STAFF_UI = (LOGIN, OK, OK, OK)
PUB_API = (401, 403, OK, OK)
STAFF_API = (401, OK, OK, OK)
TERM = {"en": "newsroom", "ru": "редакция", "kind": "preferred"}

# (method, path, form or JSON body, expected answer per role in ROLES order)
TABLE = [
    ("POST", "/editor/stories/{story}/publish", {"mode": "pair"}, PUB_UI),
    ("POST", "/editor/stories/{story}/unpublish", {}, PUB_UI),
    ("POST", "/editor/stories/{story}/delete", {}, PUB_UI),
    ("GET", "/editor/trash", None, PUB_UI),
    ("POST", "/editor/trash/{story}/restore", {}, PUB_UI),
    ("POST", "/editor/trash/{story}/purge", {}, ADMIN_UI),
    ("POST", "/editor/stories/{story}/publish-override", {}, PUB_UI),
    ("POST", "/editor/stories/{story}/mt-note", {}, PUB_UI),
    ("GET", "/editor/stories/new", None, PUB_UI),
    ("POST", "/editor/stories/new", {"lang": "en", "title": "T"}, PUB_UI),
    ("GET", "/editor/stories/{story}/image", None, PUB_UI),
    ("POST", "/editor/stories/{story}/image", {}, PUB_UI),
    ("POST", "/editor/stories/{story}/image/delete", {}, PUB_UI),
    ("POST", "/editor/glossary", TERM, PUB_UI),
    ("POST", "/editor/glossary/import", {}, PUB_UI),
    ("POST", "/editor/glossary/{term}/delete", {}, PUB_UI),
    ("POST", "/editor/people", {"name_en": "Ann Lee", "name_ru": "Энн Ли"}, PUB_UI),
    ("GET", "/editor/people/{person}", None, PUB_UI),
    ("POST", "/editor/people/{person}", {"name_en": "Ann Lee", "name_ru": "Энн Ли"}, PUB_UI),
    ("GET", "/editor/topics/{topic}", None, PUB_UI),
    ("POST", "/editor/topics/{topic}", {"name_en": "Policy", "name_ru": "Доступ"}, PUB_UI),
    ("GET", "/editor/admin/users", None, ADMIN_UI),
    ("POST", "/editor/admin/users/{victim}/deactivate", {}, ADMIN_UI),
    ("POST", "/editor/admin/users/{victim}/activate", {}, ADMIN_UI),
    ("GET", "/editor/admin/users/new", None, ADMIN_UI),
    ("POST", "/editor/admin/users/new", {"username": "made", "role": "admin"}, ADMIN_UI),
    ("GET", "/editor/admin/users/{victim}", None, ADMIN_UI),
    ("POST", "/editor/admin/users/{victim}", {"role": "admin", "languages": "en"}, ADMIN_UI),
    ("POST", "/editor/admin/users/{victim}/reset-link", {}, ADMIN_UI),
    ("GET", "/editor/admin/mt", None, STAFF_UI),
    ("POST", "/editor/admin/mt/upload", {}, ADMIN_UI),
    ("POST", "/editor/admin/mt/index/en/ru", {}, ADMIN_UI),
    ("POST", "/editor/admin/mt/remove/en/ru", {}, ADMIN_UI),
    ("GET", "/editor/preferences/tokens", None, STAFF_UI),
    ("POST", "/editor/preferences/tokens/{token}/revoke", {}, STAFF_UI),
    ("GET", "/editor/account/password", None, STAFF_UI),
    ("POST", "/api/v1/stories/{story}/unpublish", {}, PUB_API),
    ("POST", "/api/v1/stories/{story}/publish", {"mode": "pair"}, PUB_API),
    ("POST", "/api/v1/glossary", TERM, PUB_API),
    ("DELETE", "/api/v1/glossary/{term}", None, PUB_API),
    ("POST", "/api/v1/stories/{story}/translations/ru", {}, STAFF_API),
]


def _endpoint(app, method, path):
    adapter = app.url_map.bind("localhost")
    return adapter.match(re.sub(r"\{\w+\}", "1", path), method=method)[0]


def test_the_table_covers_every_sensitive_route(app):
    """Every API write and every route only editors or admins may reach has a row."""
    covered = {_endpoint(app, method, path) for method, path, _body, _want in TABLE}
    writes = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    restricted = {name for name, need in POLICY.items() if need in (PUBLISHER, ADMIN)}
    assert sorted((writes | restricted) - covered) == []


@pytest.fixture(params=ROLES)
def world(request, app, make_user, make_story):
    from newsdesk.accounts import tokens
    from newsdesk.glossary import service as glossary
    from newsdesk.people import service as people
    from newsdesk.topics import service as topics

    role = request.param
    users = {
        "translator": make_user("tr", role="translator", languages="ru"),
        "editor": make_user("ed"),
        "admin": make_user("boss", role="admin"),
    }
    victim = make_user("victim", role="translator")
    story = make_story(en="Policy table", ru="Таблица доступа", publish="pair")
    ids = {"story": story.id, "victim": victim.id, "token": 1}
    client, headers = app.test_client(), {}
    with app.app_context():
        ids["term"] = glossary.add_term("press office", "пресс-служба", "preferred").id
        ids["person"] = people.save_person(None, name_en="Oleg Ivanov", name_ru="Олег Иванов").id
        ids["topic"] = topics.topic_for("policy").id
        db.session.commit()
        if role != "anonymous":
            user = db.session.scalar(select(User).filter_by(username=users[role].username))
            token, secret = tokens.create_token(user, "table")
            ids["token"] = token.id
            headers["Authorization"] = f"Bearer {secret}"
    if role != "anonymous":
        login = {"username": users[role].username, "password": PASSWORD}
        assert client.post("/editor/login", data=login).status_code == 302
    return role, client, headers, ids


def _outcome(response, api: bool):
    status = response.status_code
    if api or status != 302:
        return status
    return LOGIN if "/editor/login" in response.headers["Location"] else status


@pytest.mark.parametrize(("method", "path", "body", "want"), TABLE, ids=lambda v: str(v))
def test_sensitive_route_answers_each_role_as_the_table_says(world, method, path, body, want):
    role, client, headers, ids = world
    url = path.format(**ids)
    api = url.startswith("/api/")
    if api:
        response = client.open(url, method=method, json=body, headers=headers)
    else:
        response = client.open(url, method=method, data=body)
    expected = want[ROLES.index(role)]
    got = _outcome(response, api)
    if expected == OK:
        refused = got in (LOGIN, 401, 403) or (isinstance(got, int) and got >= 500)
        assert not refused, f"{role}: {method} {url} refused or failed with {got}"
    else:
        assert got == expected, f"{role}: {method} {url} gave {got}, the table says {expected}"
