"""Sessions end for real: logout, "log out everywhere", password changes (web and CLI) and
deactivation end every copy of a session cookie; the CSRF token changes at login."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import User, utcnow
from newsdesk.models.api import ApiToken
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def _log_in(app, username, password=PASSWORD):
    client = app.test_client()
    response = client.post("/editor/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.text
    return client


def _copy(app, client):
    """A second browser holding a copy of ``client``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _logged_in(client) -> bool:
    response = client.get("/editor/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _user(app, username) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(user)
        return user


def _sessions(app, username) -> int:
    from newsdesk.models.security import UserSession

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        return len(db.session.scalars(select(UserSession).filter_by(user_id=user.id)).all())


def test_logout_ends_every_copy_of_the_session_cookie(app, make_user):
    make_user("ed")
    client = _log_in(app, "ed")
    thief = _copy(app, client)
    assert _logged_in(thief)
    client.post("/editor/logout")
    assert not _logged_in(client)
    assert not _logged_in(thief)  # the copied cookie died with the logout
    assert thief.post("/editor/preferences/tokens", data={"name": "x"}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(ApiToken)).all() == []


def test_logout_ends_only_this_session(app, make_user):
    make_user("ed")
    laptop, phone = _log_in(app, "ed"), _log_in(app, "ed")
    laptop.post("/editor/logout")
    assert not _logged_in(laptop) and _logged_in(phone)


def test_log_out_everywhere_ends_every_session_of_the_account(app, make_user):
    make_user("ed")
    make_user("tr", role="translator")
    laptop, phone, other = _log_in(app, "ed"), _log_in(app, "ed"), _log_in(app, "tr")
    page = laptop.get("/editor/account/password").text
    assert "Log out everywhere" in page and "logged in in 2 browsers" in page
    response = laptop.post("/editor/account/logout-everywhere")
    assert response.status_code == 302 and response.headers["Location"] == "/editor/login"
    assert not _logged_in(laptop) and not _logged_in(phone)
    assert _logged_in(other)  # another account is untouched
    assert _sessions(app, "ed") == 0


def test_changing_ones_password_keeps_this_session_and_ends_the_others(app, make_user):
    make_user("ed")
    here, elsewhere = _log_in(app, "ed"), _log_in(app, "ed")
    thief = _copy(app, elsewhere)
    response = here.post(
        "/editor/account/password",
        data={"current": PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert "Your password was changed" in here.get("/editor/preferences").text
    assert _logged_in(here)
    assert not _logged_in(elsewhere) and not _logged_in(thief)
    app.test_client().post("/editor/login", data={"username": "ed", "password": PASSWORD})
    _log_in(app, "ed", NEW_PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "repeat", "message"),
    [
        ("wrong password!", NEW_PASSWORD, NEW_PASSWORD, "The current password is wrong."),
        (PASSWORD, "short", "short", "A password needs at least 10 characters."),
        (PASSWORD, "password1234", "password1234", "one of the most common ones"),
        (PASSWORD, "my editor-ed pass", "my editor-ed pass", "may not contain the username"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "The two new passwords differ."),
        (PASSWORD, PASSWORD, PASSWORD, "must differ from the current one"),
    ],
)
def test_password_change_needs_the_current_password_and_follows_the_rules(
    app, make_user, current, new, repeat, message
):
    make_user("editor-ed")
    client = _log_in(app, "editor-ed")
    response = client.post(
        "/editor/account/password", data={"current": current, "new": new, "repeat": repeat}
    )
    assert response.status_code == 200
    assert message in response.text
    _log_in(app, "editor-ed")  # the old password still works


def test_password_page_is_in_russian_for_russian_users(app, make_user):
    make_user("ed", locale="ru")
    client = _log_in(app, "ed")
    page = client.get("/editor/account/password").text
    assert "Сменить пароль" in page and "Выйти на всех устройствах" in page
    wrong = client.post(
        "/editor/account/password",
        data={"current": "nope nope nope", "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert "Текущий пароль неверен." in wrong.text


def test_cli_password_change_ends_every_session(app, make_user, runner):
    make_user("ed")
    client = _log_in(app, "ed")
    result = runner.invoke(
        args=["users", "password", "ed", "--password-stdin"], input=NEW_PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert not _logged_in(client)
    _log_in(app, "ed", NEW_PASSWORD)


def test_deactivating_an_account_ends_its_sessions_and_tokens(app, make_user):
    from newsdesk.accounts import tokens

    ed = make_user("ed")
    make_user("boss", role="admin")
    victim = _log_in(app, "ed")
    with app.app_context():
        secret = tokens.create_token(db.session.get(User, ed.id), "script")[1]
    api = {"Authorization": f"Bearer {secret}"}
    assert victim.get("/api/v1/me", headers=api).status_code == 200
    admin = _log_in(app, "boss")
    assert "ed" in admin.get("/editor/admin/users").text
    assert admin.post(f"/editor/admin/users/{ed.id}/deactivate").status_code == 302
    assert "ed is deactivated and logged out." in admin.get("/editor/admin/users").text
    assert not _logged_in(victim)
    assert victim.get("/api/v1/me", headers=api).status_code == 401
    refused = app.test_client().post("/editor/login", data={"username": "ed", "password": PASSWORD})
    assert refused.status_code == 200 and "Wrong username or password." in refused.text
    admin.post(f"/editor/admin/users/{ed.id}/activate")
    _log_in(app, "ed")


def test_an_admin_cannot_deactivate_themselves_and_others_may_not_at_all(app, make_user):
    boss = make_user("boss", role="admin")
    make_user("ed")
    admin = _log_in(app, "boss")
    admin.post(f"/editor/admin/users/{boss.id}/deactivate")
    assert _logged_in(admin) and _user(app, "boss").active
    editor = _log_in(app, "ed")
    assert editor.post(f"/editor/admin/users/{boss.id}/deactivate").status_code == 403
    assert _user(app, "boss").active


def test_cli_deactivate_and_activate(app, make_user, runner):
    make_user("ed")
    client = _log_in(app, "ed")
    assert runner.invoke(args=["users", "deactivate", "ed"]).exit_code == 0
    assert not _logged_in(client) and not _user(app, "ed").active
    assert runner.invoke(args=["users", "activate", "ed"]).exit_code == 0
    _log_in(app, "ed")
    assert runner.invoke(args=["users", "deactivate", "nobody"]).exit_code != 0


def test_a_session_ends_on_the_server_after_its_lifetime(app, make_user):
    make_user("ed")
    client = _log_in(app, "ed")
    lifetime = app.config["PERMANENT_SESSION_LIFETIME"]
    with freeze_time(utcnow() + timedelta(seconds=lifetime) + timedelta(minutes=1)):
        assert not _logged_in(client)


def test_a_session_cookie_without_a_login_row_is_refused(app, make_user):
    """A cookie signed with the right key but made before sessions were recorded (or forged
    from a leaked user id) does not log anybody in."""
    ed = make_user("ed")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(ed.id)
        session["_fresh"] = True
    assert not _logged_in(client)


def test_the_csrf_token_changes_at_login(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    make_user("ed")
    client = app.test_client()
    page = client.get("/editor/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    with client.session_transaction() as session:
        before = session["csrf_token"]
    response = client.post(
        "/editor/login", data={"username": "ed", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    client.get("/editor/preferences")
    with client.session_transaction() as session:
        assert session["csrf_token"] != before
    # A token from before the login (one a stranger could have planted) no longer works.
    stale = client.post("/editor/preferences", data={"locale": "ru", "csrf_token": token})
    assert stale.status_code == 400


def test_creating_an_api_token_needs_the_password(app, make_user):
    make_user("ed")
    client = _log_in(app, "ed")
    missing = client.post("/editor/preferences/tokens", data={"name": "script"})
    wrong = client.post(
        "/editor/preferences/tokens", data={"name": "script", "password": "not my password"}
    )
    assert "The password is wrong." in wrong.text
    with app.app_context():
        assert db.session.scalars(select(ApiToken)).all() == []
    assert missing.status_code == 200
    made = client.post("/editor/preferences/tokens", data={"name": "script", "password": PASSWORD})
    assert re.search(r'<code id="new-token">nd_', made.text)


def test_session_service_ends_one_all_or_all_but_one(ctx, make_user):
    """The service the views and the CLI share, without HTTP."""
    from newsdesk.accounts import sessions, users

    ed = db.session.merge(make_user("ed"))
    uid = str(ed.id)
    first, second, third = (sessions.start_session(ed) for _ in range(3))
    assert all(sessions.session_user(uid, s) == ed for s in (first, second, third))
    assert sessions.session_user(uid, "made up") is None
    assert sessions.session_user(str(ed.id + 1), first) is None  # another account's id
    sessions.end_session(first)
    assert sessions.session_user(uid, first) is None and sessions.count_sessions(ed) == 2
    assert sessions.end_all_sessions(ed, keep=second) == 1
    assert sessions.session_user(uid, second) == ed and sessions.session_user(uid, third) is None
    users.change_password("ed", NEW_PASSWORD)
    assert sessions.count_sessions(ed) == 0
    kept = sessions.start_session(ed)
    users.set_active(ed, False)
    assert sessions.count_sessions(ed) == 0 and sessions.session_user(uid, kept) is None
    assert users.authenticate("ed", NEW_PASSWORD) is None
    users.set_active(ed, True)
    assert users.authenticate("ed", NEW_PASSWORD) == ed


def test_own_password_change_service(ctx, make_user):
    from newsdesk.accounts import sessions, users

    ed = db.session.merge(make_user("ed"))
    here, there = sessions.start_session(ed), sessions.start_session(ed)
    with pytest.raises(users.WrongPasswordError):
        users.change_own_password(ed, "not it at all", NEW_PASSWORD, keep_session=here)
    with pytest.raises(users.UserError, match="at least 10"):
        users.change_own_password(ed, PASSWORD, "short", keep_session=here)
    assert sessions.count_sessions(ed) == 2
    users.change_own_password(ed, PASSWORD, NEW_PASSWORD, keep_session=here)
    assert sessions.session_user(str(ed.id), here) == ed
    assert sessions.session_user(str(ed.id), there) is None
    assert users.authenticate("ed", NEW_PASSWORD) == ed
