"""The admin's models page: upload a .argosmodel, install from the index, remove a model."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from newsdesk.accounts import users
from newsdesk.extensions import db
from newsdesk.machine_translation import testing as tiny
from newsdesk.models import JobState, Role, Status, Story
from newsdesk.translation_jobs import model_admin
from tests.conftest import PASSWORD

pytestmark = pytest.mark.slow

PAGE = "/editor/admin/mt"
UPLOAD = "/editor/admin/mt/upload"


@pytest.fixture
def app(app_factory, empty_argos_packages, monkeypatch):
    """The app on an empty packages folder; the index probe remembers nothing."""
    monkeypatch.setattr(model_admin, "_probes", {})
    return app_factory(ARGOS_PACKAGES_DIR=str(empty_argos_packages), MT_BEAM_SIZE=1)


@pytest.fixture
def mt_app(app):
    return app


@pytest.fixture
def admin(make_user, login):
    return login(make_user("boss", role="admin"))


def _admin_on(app_factory, packages: Path, **config):
    """An app with extra config, and an admin's client logged in on it."""
    app = app_factory(ARGOS_PACKAGES_DIR=str(packages), **config)
    with app.app_context():
        users.create_user("boss2", PASSWORD, Role("admin"), "en,ru")
    client = app.test_client()
    client.post("/editor/login", data={"username": "boss2", "password": PASSWORD})
    return app, client


def _installed(app) -> set[tuple[str, str]]:
    with app.test_request_context():
        from newsdesk.translation_jobs.directions import directions

        return {pair for pair, d in directions().items() if d.installed}


def _upload(client, data: bytes, name: str = "translate-en_ru.argosmodel", **kw):
    return client.post(
        UPLOAD,
        data={"package": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        **kw,
    )


def _flashes(client) -> str:
    return client.get(PAGE).get_data(as_text=True)


def test_upload_installs_the_direction_and_a_job_uses_it(
    mt_app, admin, tiny_argos_files, make_story, block_network
):
    data = tiny_argos_files[("en", "ru")].read_bytes()
    assert len(data) > 0
    response = _upload(admin, data)
    assert response.status_code == 302
    page = _flashes(admin)
    assert "Installed the en→ru model" in page and tiny.package_name("en", "ru") in page
    assert _installed(mt_app) == {("en", "ru")}
    assert list((Path(mt_app.instance_path) / "model-uploads").iterdir()) == []
    en, ru = tiny.TRAINING_PAIRS[0]
    story = make_story(en={"title": en, "body": en})
    with mt_app.app_context():
        from newsdesk.translation_jobs import service

        job = service.request_translation(db.session.get(Story, story.id), "ru")
        assert job.state == JobState.DONE, job.error
        assert db.session.get(Story, story.id).article("ru").status == Status.MT_DRAFT
    assert block_network == []


def test_the_upload_script_gets_json(mt_app, admin, tiny_argos_files):
    data = tiny_argos_files[("ru", "en")].read_bytes()
    response = _upload(admin, data, name="ru_en.argosmodel", headers={"Accept": "application/json"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True and body["next"] == PAGE
    assert _installed(mt_app) == {("ru", "en")}


def _rezip(source: Path, *, metadata: dict | None = None, drop_metadata: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename.endswith("/metadata.json"):
                if drop_metadata:
                    continue
                if metadata is not None:
                    meta = json.loads(old.read(info)) | metadata
                    new.writestr(info, json.dumps(meta))
                    continue
            new.writestr(info, old.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("random", "is not a zip archive"),
        ("no_metadata", "metadata.json is missing"),
        ("wrong_pair", "translates de→ru; newsdesk uses only en→ru and ru→en models"),
        ("no_file", "Choose a .argosmodel file first."),
    ],
)
def test_a_bad_upload_is_explained_and_installs_nothing(
    mt_app, admin, tiny_argos_files, kind, expected
):
    source = tiny_argos_files[("en", "ru")]
    if kind == "random":
        response = _upload(admin, bytes(range(256)) * 64)
    elif kind == "no_metadata":
        response = _upload(admin, _rezip(source, drop_metadata=True))
    elif kind == "wrong_pair":
        response = _upload(admin, _rezip(source, metadata={"from_code": "de"}))
    else:
        response = admin.post(UPLOAD, data={}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert expected in _flashes(admin)
    assert _installed(mt_app) == set()
    assert list((Path(mt_app.instance_path) / "model-uploads").iterdir()) == []


def test_an_upload_over_the_limit_is_refused(app_factory, empty_argos_packages):
    app, client = _admin_on(app_factory, empty_argos_packages, MODEL_UPLOAD_MAX_BYTES=4096)
    response = _upload(client, b"x" * 10_000)
    assert response.status_code == 302
    assert "larger than the upload limit of 4 KB" in _flashes(client)
    assert _installed(app) == set()


@pytest.mark.parametrize(
    ("role", "path", "limit"),
    [
        ("admin", UPLOAD, 1024**3),
        ("editor", UPLOAD, 10 * 1024**2),
        ("admin", "/editor/admin/mt/remove/en/ru", 10 * 1024**2),
    ],
)
def test_the_model_limit_is_for_admins_on_that_route_only(app, make_user, role, path, limit):
    from flask import request
    from flask_login import login_user

    user = make_user("someone", role=role)
    with app.test_request_context(path, method="POST"):
        login_user(db.session.get(type(user), user.id))
        model_admin.prepare_upload_request(app)
        assert request.max_content_length == limit


def test_a_full_disk_is_explained(mt_app, admin, tiny_argos_files, monkeypatch):
    class Full:
        f_bavail, f_frsize = 1, 4096

    monkeypatch.setattr(model_admin.os, "statvfs", lambda path: Full)
    response = _upload(admin, tiny_argos_files[("en", "ru")].read_bytes())
    assert response.status_code == 302
    assert "The server&#39;s disk is full" in _flashes(admin)
    assert _installed(mt_app) == set()
    assert list((Path(mt_app.instance_path) / "model-uploads").iterdir()) == []


def test_russian_errors_for_a_russian_admin(mt_app, make_user, login):
    client = login(make_user("boss", role="admin", locale="ru"))
    _upload(client, b"not a zip at all")
    assert "не zip-архив" in _flashes(client)


def test_remove_asks_first_then_the_direction_is_gone(mt_app, admin, tiny_argos_files):
    with mt_app.app_context():
        model_admin.install_file(tiny_argos_files[("en", "ru")], "en_ru")
    page = _flashes(admin)
    assert 'id="remove-en-ru"' in page and "<details" in page
    response = admin.post("/editor/admin/mt/remove/en/ru")
    assert response.status_code == 302
    assert "Removed the en→ru model." in _flashes(admin)
    assert _installed(mt_app) == set()
    admin.post("/editor/admin/mt/remove/en/ru")
    assert "No en→ru model is installed." in _flashes(admin)
    assert admin.post("/editor/admin/mt/remove/ru/ru").status_code == 404
    assert admin.post("/editor/admin/mt/index/en/en").status_code == 404


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_only_admins_change_models(mt_app, make_user, login, role, tiny_argos_files):
    client = login(make_user("someone", role=role))
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Not installed" in text and "model-upload" not in text and "argos index" not in text
    data = tiny_argos_files[("en", "ru")].read_bytes()
    assert _upload(client, data).status_code == 403
    assert client.post("/editor/admin/mt/remove/en/ru").status_code == 403
    assert client.post("/editor/admin/mt/index/en/ru").status_code == 403
    assert _installed(mt_app) == set()


def test_index_button_offline(mt_app, admin, monkeypatch):
    calls = []
    monkeypatch.setattr(model_admin, "fetch_index", lambda url, timeout: calls.append(url))
    page = _flashes(admin)
    reason = "This server cannot reach the argos package index; upload a .argosmodel file instead"
    assert reason in page and "disabled" in page
    admin.post("/editor/admin/mt/index/en/ru")
    assert reason in _flashes(admin)
    assert calls == []  # ARGOS_INDEX_URL is empty in tests: not even probed
    assert _installed(mt_app) == set()


def test_index_button_online(
    app_factory, empty_argos_packages, make_user, monkeypatch, tiny_argos_files
):
    monkeypatch.setattr(model_admin, "_probes", {})
    url = "https://index.invalid/i.json"
    app, client = _admin_on(app_factory, empty_argos_packages, ARGOS_INDEX_URL=url)
    probes = []
    monkeypatch.setattr(
        model_admin, "fetch_index", lambda url, timeout: probes.append((url, timeout)) or True
    )
    from newsdesk.machine_translation import argos

    monkeypatch.setattr(
        argos, "install_from_index", lambda s, t: argos.install_file(tiny_argos_files[(s, t)])
    )
    page = client.get(PAGE).get_data(as_text=True)
    assert "upload a .argosmodel file instead" not in page
    assert client.post("/editor/admin/mt/index/ru/en").status_code == 302
    assert "Installed the ru→en model" in client.get(PAGE).get_data(as_text=True)
    assert _installed(app) == {("ru", "en")}
    assert probes == [(url, 2.0)]  # probed once, then remembered
