"""The newsdesk CLI: init, users, demo, and the console script itself."""

from __future__ import annotations

import os
import subprocess
import sys

from newsdesk.extensions import db
from newsdesk.models import Role, Story, User


def test_init_creates_admin_once_and_prints_the_password(app, runner):
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    password = first.output.split("password: ")[1].split()[0]
    with app.app_context():
        admin = db.session.scalar(db.select(User).where(User.username == "admin"))
        assert admin.role == Role.ADMIN and admin.check_password(password)
    second = runner.invoke(args=["init"])
    assert second.exit_code == 0 and "password:" not in second.output


def test_init_loads_demo_only_into_an_empty_database(app, runner):
    assert "Loaded 4 demo stories." in runner.invoke(args=["init", "--demo-if-empty"]).output
    assert "demo stories" not in runner.invoke(args=["init", "--demo-if-empty"]).output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Story.id))) == 4
    client = app.test_client()
    assert client.get("/ru/news/observatoriya-otkryla-novyy-teleskop").status_code == 200
    assert client.get("/en/news/observatory-opens-new-telescope").status_code == 200


def test_users_create_reads_password_from_stdin(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "tanya",
            "--role",
            "translator",
            "--languages",
            "ru",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "tanya"))
        assert user.check_password("a long enough password")
        assert user.can_edit("ru") and not user.can_edit("en") and not user.can_publish


def test_users_create_refuses_a_short_password(runner):
    result = runner.invoke(
        args=["users", "create", "x", "--role", "editor", "--password-stdin"], input="short\n"
    )
    assert result.exit_code != 0 and "at least 10 characters" in result.output


def test_console_script_help_lists_the_commands(tmp_path):
    env = {**os.environ, "NEWSDESK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"}
    script = os.path.join(os.path.dirname(sys.executable), "newsdesk")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, env=env, check=True)
    for command in ("init", "users", "stories", "i18n", "demo", "run"):
        assert f"  {command}" in result.stdout
