"""Account services: roles and languages with the administrator rules, and one-time
password links (stored as a hash, once, expiring, replaced by newer ones)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from newsdesk.accounts import resets, sessions, users
from newsdesk.extensions import db
from newsdesk.models import Role, User, utcnow
from newsdesk.models.security import PasswordReset
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def _get(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


def test_role_and_languages_change_with_the_admin_rules(ctx, make_user):
    make_user("boss", role="admin")
    make_user("tr", role="translator", languages="ru")
    boss, tr = _get("boss"), _get("tr")
    users.update_account(tr, "translator", "ru,en", by=boss)
    assert (tr.role, tr.languages) == (Role.TRANSLATOR, "en,ru")
    users.update_account(tr, "editor", "en", by=boss)
    assert tr.role == Role.EDITOR
    with pytest.raises(users.UserError, match="own administrator role"):
        users.update_account(boss, "editor", "en,ru", by=boss)
    with pytest.raises(users.UserError, match="last active administrator"):
        users.update_account(boss, "translator", "ru")  # the command line, nobody logged in
    with pytest.raises(users.UserError):
        users.update_account(tr, "owner", "en")
    with pytest.raises(users.UserError):
        users.update_account(tr, "editor", "de")
    db.session.refresh(boss)
    assert boss.role == Role.ADMIN and tr.role == Role.EDITOR
    users.update_account(tr, "admin", "en,ru", by=boss)
    users.update_account(boss, "editor", "en,ru", by=tr)  # another admin is left
    assert _get("boss").role == Role.EDITOR


def test_the_last_active_admin_cannot_be_deactivated(ctx, make_user):
    make_user("boss", role="admin")
    make_user("second", role="admin")
    boss, second = _get("boss"), _get("second")
    users.set_active(second, False, by=boss)
    with pytest.raises(users.UserError, match="boss is the last active administrator"):
        users.set_active(boss, False)
    assert _get("boss").active
    users.set_active(second, True, by=boss)
    users.set_active(boss, False, by=second)
    assert not _get("boss").active


def test_a_link_is_stored_as_a_hash_and_works_once(ctx, make_user):
    make_user("boss", role="admin")
    make_user("ed")
    ed = _get("ed")
    login = sessions.start_session(ed)
    secret, row = resets.create_link(ed, by=_get("boss"))
    stored = db.session.scalar(select(PasswordReset))
    assert secret not in (stored.token_hash, stored.created_by_name) and len(secret) >= 40
    assert (stored.created_by_name, stored.user_id) == ("boss", ed.id)
    assert stored.expires_at - stored.created_at == timedelta(hours=24)
    assert resets.find_link(secret).id == row.id
    assert resets.use_link(secret, NEW_PASSWORD).id == ed.id
    assert _get("ed").check_password(NEW_PASSWORD) and not _get("ed").check_password(PASSWORD)
    assert sessions.session_user(str(ed.id), login) is None  # every session ended
    assert resets.link_state(db.session.get(PasswordReset, row.id)) == "used"
    with pytest.raises(resets.ResetLinkError):
        resets.use_link(secret, "yet another passphrase")
    assert _get("ed").check_password(NEW_PASSWORD)


def test_a_refused_password_leaves_the_link_usable(ctx, make_user):
    make_user("edith")
    secret, _row = resets.create_link(_get("edith"), by=None)
    for weak in ("short", "password123", "I-am-Edith-2026"):
        with pytest.raises(users.UserError):
            resets.use_link(secret, weak)
    assert resets.find_link(secret) is not None
    resets.use_link(secret, NEW_PASSWORD)
    assert resets.find_link(secret) is None


def test_a_newer_link_replaces_older_ones(ctx, make_user):
    make_user("ed")
    make_user("tr", role="translator")
    first, _ = resets.create_link(_get("ed"), by=None)
    other, _ = resets.create_link(_get("tr"), by=None)
    second, _ = resets.create_link(_get("ed"), by=None)
    assert resets.find_link(first) is None
    assert resets.find_link(second) is not None and resets.find_link(other) is not None
    states = [resets.link_state(row) for row in resets.list_links(_get("ed"))]
    assert states == ["open", "replaced"]


def test_expired_unknown_and_deactivated_links_are_refused(app_factory, make_user):
    app = app_factory(PASSWORD_RESET_TTL=3600)
    make_user("ed")
    with app.app_context():
        secret, row = resets.create_link(_get("ed"), by=None)
        assert row.expires_at - row.created_at == timedelta(hours=1)
        assert resets.find_link(secret, now=utcnow() + timedelta(minutes=59)) is not None
        assert resets.find_link(secret, now=utcnow() + timedelta(minutes=61)) is None
        assert resets.link_state(row, now=utcnow() + timedelta(hours=2)) == "expired"
        for junk in ("", "x", secret[:-1], secret + "x", "é" * 43, "\ud800" * 30, "a" * 10_000):
            assert resets.find_link(junk) is None
        users.set_active(_get("ed"), False)
        assert resets.find_link(secret) is None


def test_a_link_spent_meanwhile_is_refused(ctx, make_user, monkeypatch):
    """Two tabs sending the same link at once: the one whose check ran before the other's
    use still finds the link spent when it writes, and changes nothing."""
    make_user("ed")
    secret, _row = resets.create_link(_get("ed"), by=None)
    checked = resets.find_link(secret)
    resets.use_link(secret, NEW_PASSWORD)
    monkeypatch.setattr(resets, "find_link", lambda _secret: checked)  # the slower tab
    with pytest.raises(resets.ResetLinkError):
        resets.use_link(secret, "the slower tab's passphrase")
    assert _get("ed").check_password(NEW_PASSWORD)


def test_migration_0012_matches_the_model(ctx):
    """Alembic's autogenerate sees no difference in the password links' table."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diff if "password_resets" in repr(d)] == []


def test_cli_prints_a_link_that_works(app, make_user, runner):
    make_user("ed")
    result = runner.invoke(args=["users", "reset-link", "ed", "--site", "https://news.example/"])
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert url.startswith("https://news.example/editor/account/reset/")
    assert "Works once, until" in result.stderr
    with app.app_context():
        assert resets.find_link(url.rsplit("/", 1)[1]) is not None
    missing = runner.invoke(args=["users", "reset-link", "nobody"])
    assert missing.exit_code != 0 and "No account named" in missing.output
