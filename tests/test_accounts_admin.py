"""The administrators' accounts pages and the one-time password link page, through the
real views: create, role and languages, links that work once, who may reach what."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select, update

from newsdesk.extensions import db
from newsdesk.models import Role, User, utcnow
from newsdesk.models.security import PasswordReset
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"
LINK = re.compile(r'value="(https?://[^"]+/editor/account/reset/[^"]+)"')


def _log_in(app, username, password=PASSWORD):
    client = app.test_client()
    response = client.post("/editor/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.text
    return client


def _logged_in(client) -> bool:
    return client.get("/editor/").status_code == 200


def _user(app, username) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        if user is not None:
            db.session.expunge(user)
        return user


def _link(response) -> str:
    """The path of the one-time link a page shows."""
    found = LINK.findall(response.text)
    assert len(found) == 1, response.text
    return urlsplit(found[0]).path


def _new_account(admin, **fields):
    data = {"username": "anna", "role": "translator", "languages": "ru", "password_mode": "link"}
    return admin.post("/editor/admin/users/new", data=data | fields)


def test_admin_creates_an_account_with_a_link_that_works_once(app, make_user):
    make_user("boss", role="admin")
    admin = _log_in(app, "boss")
    created = _new_account(admin)
    assert created.status_code == 200 and "The account anna was created." in created.text
    assert created.headers["Cache-Control"] == "no-store"
    path = _link(created)
    anna = _user(app, "anna")
    assert (anna.role, anna.languages) == (Role.TRANSLATOR, "ru")
    assert "It works once, for 24 hours" in created.text
    assert LINK.search(admin.get(f"/editor/admin/users/{anna.id}").text) is None  # shown once

    visitor = app.test_client()
    page = visitor.get(path)
    assert page.status_code == 200 and "anna" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "same-origin"
    done = visitor.post(path, data={"new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/editor/login")
    assert "Your password is set." in visitor.get("/editor/login").text
    _log_in(app, "anna", NEW_PASSWORD)

    again = app.test_client().get(path)
    assert again.status_code == 404
    assert "This link does not work" in again.text and "Ask an administrator" in again.text
    reused = app.test_client().post(
        path, data={"new": "another passphrase!", "repeat": "another passphrase!"}
    )
    assert reused.status_code == 404 and _user(app, "anna").check_password(NEW_PASSWORD)
    listing = admin.get(f"/editor/admin/users/{anna.id}").text
    assert "boss" in listing and "used " in listing


def test_admin_may_type_the_initial_password_instead(app, make_user):
    make_user("boss", role="admin")
    admin = _log_in(app, "boss")
    weak = _new_account(admin, password_mode="typed", password="password123")
    assert weak.status_code == 200 and "most common" in weak.text and _user(app, "anna") is None
    empty = _new_account(admin, password_mode="typed", password="")
    assert "Type the initial password" in empty.text and _user(app, "anna") is None
    made = _new_account(admin, password_mode="typed", password=NEW_PASSWORD, role="editor")
    assert made.status_code == 302
    assert LINK.search(admin.get(made.headers["Location"]).text) is None
    _log_in(app, "anna", NEW_PASSWORD)
    taken = _new_account(admin, username="anna")
    assert "is taken" in taken.text


def test_a_new_account_with_a_link_has_no_password_anybody_knows(app, make_user):
    make_user("boss", role="admin")
    _new_account(_log_in(app, "boss"))
    refused = app.test_client().post("/editor/login", data={"username": "anna", "password": ""})
    assert refused.status_code == 200 and not _user(app, "anna").check_password("")


def test_role_and_languages_are_edited_with_the_admin_rules(app, make_user):
    boss = make_user("boss", role="admin")
    tr = make_user("tr", role="translator", languages="ru")
    admin = _log_in(app, "boss")
    page = admin.get(f"/editor/admin/users/{tr.id}")
    assert page.status_code == 200
    assert re.search(r'<option selected value="translator">', page.text)
    saved = admin.post(f"/editor/admin/users/{tr.id}", data={"role": "editor", "languages": "en"})
    assert saved.status_code == 302
    assert (_user(app, "tr").role, _user(app, "tr").languages) == (Role.EDITOR, "en")
    own = admin.post(f"/editor/admin/users/{boss.id}", data={"role": "editor", "languages": "en"})
    assert own.status_code == 200 and "You cannot remove your own administrator role." in own.text
    assert _user(app, "boss").role == Role.ADMIN
    admin.post(f"/editor/admin/users/{boss.id}/deactivate")
    assert _user(app, "boss").active and _logged_in(admin)


def test_the_last_active_admin_is_kept_on_the_command_line(app, make_user, runner):
    make_user("boss", role="admin")
    result = runner.invoke(args=["users", "deactivate", "boss"])
    assert result.exit_code != 0 and "boss is the last active administrator" in result.output
    assert _user(app, "boss").active


def test_translators_and_editors_cannot_reach_the_admin_pages(app, make_user):
    make_user("boss", role="admin")
    victim = make_user("victim", role="translator")
    make_user("tr", role="translator", languages="ru")
    make_user("ed")
    pages = [
        ("GET", "/editor/admin/users/new"),
        ("POST", "/editor/admin/users/new"),
        ("GET", f"/editor/admin/users/{victim.id}"),
        ("POST", f"/editor/admin/users/{victim.id}"),
        ("POST", f"/editor/admin/users/{victim.id}/reset-link"),
    ]
    data = {"username": "x1", "role": "admin", "languages": "en", "password_mode": "link"}
    assert 'href="/editor/admin/users"' in _log_in(app, "boss").get("/editor/").text
    for name in ("tr", "ed"):
        client = _log_in(app, name)
        assert 'href="/editor/admin/users"' not in client.get("/editor/").text
        for method, path in pages:
            assert client.open(path, method=method, data=data).status_code == 403, (name, path)
    anonymous = app.test_client()
    for method, path in pages:
        response = anonymous.open(path, method=method, data=data)
        assert response.status_code == 302 and "/editor/login" in response.headers["Location"]
    assert _user(app, "x1") is None and _user(app, "victim").role == Role.TRANSLATOR
    with app.app_context():
        assert db.session.scalar(select(PasswordReset)) is None


def test_using_a_link_ends_every_session_and_a_newer_link_replaces_it(app, make_user):
    make_user("boss", role="admin")
    ed = make_user("ed")
    admin, laptop = _log_in(app, "boss"), _log_in(app, "ed")
    first = _link(admin.post(f"/editor/admin/users/{ed.id}/reset-link"))
    second = _link(admin.post(f"/editor/admin/users/{ed.id}/reset-link"))
    assert first != second and app.test_client().get(first).status_code == 404
    assert _logged_in(laptop)  # a link alone changes nothing
    someone = _log_in(app, "boss")  # a shared computer where another account is logged in
    done = someone.post(second, data={"new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert done.status_code == 302
    assert not _logged_in(laptop) and not _logged_in(someone) and _logged_in(admin)
    _log_in(app, "ed", NEW_PASSWORD)
    table = admin.get(f"/editor/admin/users/{ed.id}").text
    assert "replaced by a newer link" in table and table.count("boss") >= 3


def test_an_expired_link_is_refused_like_any_other(app, make_user):
    make_user("boss", role="admin")
    ed = make_user("ed")
    path = _link(_log_in(app, "boss").post(f"/editor/admin/users/{ed.id}/reset-link"))
    with app.app_context():
        db.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    expired = app.test_client().get(path)
    unknown = app.test_client().get("/editor/account/reset/" + "A" * 43)
    assert expired.status_code == unknown.status_code == 404
    assert expired.text == unknown.text  # nothing tells an unknown link from a spent one
    sent = app.test_client().post(path, data={"new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert sent.status_code == 404 and _user(app, "ed").check_password(PASSWORD)


def test_wrong_links_are_throttled_per_address(app_factory, make_user):
    app = app_factory(LOGIN_MAX_FAILURES=2)
    make_user("boss", role="admin")
    ed = make_user("ed")
    good = _link(_log_in(app, "boss").post(f"/editor/admin/users/{ed.id}/reset-link"))
    guesser = app.test_client()
    for n in range(2):
        assert guesser.get(f"/editor/account/reset/{'B' * 42}{n}").status_code == 404
    blocked = guesser.get(good)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Too many password links" in blocked.text
    elsewhere = app.test_client().get(good, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 200


def test_the_password_rules_apply_on_the_link_page(app, make_user):
    make_user("boss", role="admin")
    ed = make_user("edith")
    path = _link(_log_in(app, "boss").post(f"/editor/admin/users/{ed.id}/reset-link"))
    visitor = app.test_client()
    for new, repeat, says in (
        ("short", "short", "at least 10 characters"),
        ("I-am-Edith-2026", "I-am-Edith-2026", "may not contain the username"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "The two new passwords differ."),
    ):
        page = visitor.post(path, data={"new": new, "repeat": repeat})
        assert page.status_code == 200 and says in page.text
    assert visitor.post(path, data={"new": NEW_PASSWORD, "repeat": NEW_PASSWORD}).status_code == 302


def test_destructive_buttons_ask_first(app, make_user):
    make_user("boss", role="admin")
    ed = make_user("ed")
    page = _log_in(app, "boss").get(f"/editor/admin/users/{ed.id}").text
    for endpoint in ("deactivate", "reset-link"):
        confirm = re.search(
            rf'<details class="confirm" id="{endpoint}">\s*<summary[^>]*>[^<]+</summary>'
            rf'.*?<form method="post" action="/editor/admin/users/{ed.id}/{endpoint}">',
            page,
            re.S,
        )
        assert confirm, endpoint
    assert page.count('<form method="post" action="/editor/admin/users/') == 2


def test_the_pages_are_in_russian_for_russian_users(app, make_user):
    make_user("boss", role="admin", locale="ru")
    ed = make_user("ed")
    admin = _log_in(app, "boss")
    page = admin.get(f"/editor/admin/users/{ed.id}").text
    assert "Создать ссылку для сброса пароля" in page and "Деактивировать" in page
    new = admin.get("/editor/admin/users/new").text
    assert "Переводчик" in new and "Английский и русский" in new
    path = _link(admin.post(f"/editor/admin/users/{ed.id}/reset-link"))
    russian, ru = app.test_client(), {"Accept-Language": "ru"}
    assert "Задайте пароль" in russian.get(path, headers=ru).text
    russian.post(path, data={"new": NEW_PASSWORD, "repeat": NEW_PASSWORD}, headers=ru)
    assert "Ссылка не работает" in russian.get(path, headers=ru).text
