"""Password policy: OWASP scrypt cost, length, the shipped common-password list, no username."""

from __future__ import annotations

import pytest

from newsdesk.accounts import passwords, users
from newsdesk.config import DefaultConfig
from newsdesk.extensions import db
from newsdesk.models import Role, User
from tests.conftest import PASSWORD

OWASP_SCRYPT = "scrypt:131072:8:1"  # N=2^17, r=8, p=1


def test_default_hash_is_scrypt_at_owasp_cost(app_factory):
    # The test suite may configure a cheaper cost; the shipped default is OWASP's.
    assert DefaultConfig.PASSWORD_HASH_METHOD == OWASP_SCRYPT
    app = app_factory(PASSWORD_HASH_METHOD=DefaultConfig.PASSWORD_HASH_METHOD)
    with app.app_context():
        user = users.create_user("ed", PASSWORD, Role.EDITOR)
        assert user.password_hash.startswith(OWASP_SCRYPT + "$")
        assert users.authenticate("ed", PASSWORD) == user
        assert users.authenticate("ed", PASSWORD + "x") is None


def test_hash_method_is_configurable_and_old_hashes_are_upgraded(app_factory):
    app = app_factory(PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    with app.app_context():
        user = users.create_user("ed", PASSWORD, Role.EDITOR)
        assert user.password_hash.startswith("scrypt:1024:8:1$")
        app.config["PASSWORD_HASH_METHOD"] = "scrypt:2048:8:1"
        assert users.authenticate("ed", PASSWORD) is not None
        assert db.session.get(User, user.id).password_hash.startswith("scrypt:2048:8:1$")


def test_shipped_list_is_large_ascii_and_spares_the_test_password():
    text = passwords.COMMON_PASSWORDS_FILE.read_bytes().decode("ascii")
    lines = text.splitlines()
    assert len(lines) >= 2000
    assert len(set(lines)) == len(lines)
    assert PASSWORD not in passwords.common_passwords()


@pytest.mark.parametrize(
    "password", ["1234567890", "qwertyuiop", "password123", "Password1234", "iloveyou123"]
)
def test_common_passwords_are_refused(ctx, password):
    with pytest.raises(users.UserError, match="most common"):
        users.create_user("ed", password, Role.EDITOR)
    assert db.session.scalar(db.select(User).filter_by(username="ed")) is None


def test_password_may_not_contain_the_username(ctx):
    with pytest.raises(users.UserError, match="username"):
        users.create_user("Marina", "my marina is blue", Role.EDITOR)
    users.create_user("marina", PASSWORD, Role.EDITOR)
    with pytest.raises(users.UserError, match="username"):
        users.change_password("marina", "xxMARINAxx42")


def test_length_rules(ctx):
    with pytest.raises(users.UserError, match="at least 10"):
        users.create_user("ed", "short pw", Role.EDITOR)
    with pytest.raises(users.UserError, match="at most 256"):
        users.create_user("ed", "x" * 257, Role.EDITOR)


def test_change_password_applies_the_same_rules(ctx):
    users.create_user("ed", PASSWORD, Role.EDITOR)
    with pytest.raises(users.UserError, match="most common"):
        users.change_password("ed", "qwerty123456")
    users.change_password("ed", "a much better passphrase")
    assert users.authenticate("ed", "a much better passphrase") is not None


def test_cli_reports_the_policy(runner):
    result = runner.invoke(
        args=["users", "create", "x", "--role", "editor", "--password-stdin"],
        input="password1234\n",
    )
    assert result.exit_code != 0
    assert "most common" in result.output
