"""The editor's XLIFF download/upload and the API token page."""

from __future__ import annotations

import io
import re

import pytest
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.models import Story
from tests.conftest import PASSWORD
from tests.review_helpers import segments

pytest_plugins = ["tests.review_fixtures"]


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.fixture
def csrf_client(app_factory, app):
    """A client of the same database with real CSRF checks; log in with csrf_client.login."""
    client = app_factory(WTF_CSRF_ENABLED=True).test_client()

    def login(user):
        token = _csrf(client.get("/editor/login").get_data(as_text=True))
        data = {"username": user.username, "password": PASSWORD, "csrf_token": token}
        assert client.post("/editor/login", data=data).status_code == 302

    client.login = login
    return client


def test_story_page_downloads_and_imports_xliff(app, csrf_client, make_user, mt_story):
    client = csrf_client
    client.login(make_user("ruxl", role="translator", languages="ru"))
    page = client.get(f"/editor/stories/{mt_story}").get_data(as_text=True)
    assert f"/editor/stories/{mt_story}/xliff/ru" in page
    download = client.get(f"/editor/stories/{mt_story}/xliff/ru")
    assert download.status_code == 200 and download.mimetype == "application/xliff+xml"
    assert "attachment" in download.headers["Content-Disposition"]
    store = Xliff2File.parsestring(download.data)
    with app.app_context():
        first = segments(mt_story)[0]
    next(u for u in store.units if u.getid() == f"s{first.id}").target = "Лаборатория"
    data = {"csrf_token": _csrf(page), "file": (io.BytesIO(bytes(store)), "story.xlf")}
    response = client.post(f"/editor/stories/{mt_story}/xliff", data=data, follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        assert segments(mt_story)[0].target_text == "Лаборатория"
        assert db.session.get(Story, mt_story).article("ru").title == "Лаборатория"
    again = {"csrf_token": _csrf(page), "file": (io.BytesIO(bytes(store)), "story.xlf")}
    refused = client.post(f"/editor/stories/{mt_story}/xliff", data=again, follow_redirects=True)
    assert "Export it again" in refused.get_data(as_text=True)


def test_import_without_csrf_token_is_refused(app, csrf_client, make_user, mt_story):
    client = csrf_client
    client.login(make_user("nocsrf", role="editor"))
    with app.app_context():
        from newsdesk.interop import xliff

        content = xliff.export_story(db.session.get(Story, mt_story), "ru")
    data = {"file": (io.BytesIO(content), "story.xlf")}
    response = client.post(f"/editor/stories/{mt_story}/xliff", data=data)
    assert response.status_code == 400


def test_translators_cannot_download_other_languages(client, login, make_user, mt_story):
    login(make_user("enxl", role="translator", languages="en"))
    assert client.get(f"/editor/stories/{mt_story}/xliff/ru").status_code == 403


def test_token_page_creates_shows_once_and_revokes(csrf_client, make_user):
    client = csrf_client
    client.login(make_user("tok", role="translator", languages="ru"))
    page = client.get("/editor/preferences/tokens").get_data(as_text=True)
    created = client.post(
        "/editor/preferences/tokens",
        data={"csrf_token": _csrf(page), "name": "My script", "password": PASSWORD},
    ).get_data(as_text=True)
    secret = re.search(r'<code id="new-token">([^<]+)</code>', created).group(1)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["username"] == "tok"
    listing = client.get("/editor/preferences/tokens").get_data(as_text=True)
    assert "My script" in listing and secret not in listing
    token_id = re.search(r"/editor/preferences/tokens/(\d+)/revoke", listing).group(1)
    client.post(f"/editor/preferences/tokens/{token_id}/revoke", data={"csrf_token": _csrf(page)})
    assert client.get("/api/v1/me", headers=headers).status_code == 401
