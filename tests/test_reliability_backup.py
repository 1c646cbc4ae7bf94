"""`newsdesk backup` / `newsdesk restore`: a backup restores to identical content."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.extensions import db


def _dump(path: Path) -> list[str]:
    """Every table's rows (schema and data) as SQL text, the FTS shadow tables included."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _db_file(app) -> Path:
    return Path(app.instance_path) / "newsdesk.sqlite"


@pytest.mark.sqlite_only
def test_backup_restores_identical_content(app, runner, make_story, make_user, tmp_path):
    make_user("ed")
    make_story(en="Before the backup", ru="До резервной копии", publish="pair")
    dest = tmp_path / "backups" / "nd.sqlite"
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code == 0, result.output
    assert "integrity check: ok" in result.output
    with app.app_context():
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    original = _dump(_db_file(app))
    assert any("До резервной копии" in line for line in original)

    make_story(en="After the backup")  # a change the restore must undo
    with app.app_context():
        db.engine.dispose()
    assert _dump(_db_file(app)) != original

    refused = runner.invoke(args=["restore", str(dest)])
    assert refused.exit_code != 0
    assert "--force" in refused.output
    result = runner.invoke(args=["restore", str(dest), "--force"])
    assert result.exit_code == 0, result.output
    assert _dump(_db_file(app)) == original
    with app.app_context():
        titles = db.session.scalars(db.text("SELECT title FROM articles")).all()
    assert "After the backup" not in titles and "Before the backup" in titles


@pytest.mark.sqlite_only
def test_backup_refuses_to_overwrite(runner, tmp_path):
    dest = tmp_path / "exists.sqlite"
    dest.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert dest.read_bytes() == b"keep me"


@pytest.mark.sqlite_only
def test_restore_refuses_a_damaged_file(app, runner, tmp_path):
    dest = tmp_path / "nd.sqlite"
    assert runner.invoke(args=["backup", str(dest)]).exit_code == 0
    data = bytearray(dest.read_bytes())
    page = 4096
    data[page + 8 : page * 3] = b"\xff" * (page * 3 - page - 8)  # trash b-tree pages
    dest.write_bytes(bytes(data))
    before = _dump(_db_file(app))
    result = runner.invoke(args=["restore", str(dest), "--force"])
    assert result.exit_code != 0
    assert "integrity check" in result.output
    assert _dump(_db_file(app)) == before


@pytest.mark.sqlite_only
def test_restore_refuses_a_file_that_is_not_a_database(runner, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database\n" * 100)
    result = runner.invoke(args=["restore", str(junk), "--force"])
    assert result.exit_code != 0
    assert "not a readable SQLite database" in result.output or "integrity" in result.output


def test_backup_on_postgresql_prints_pg_dump_guidance(app_factory, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://u:p@127.0.0.1:1/none")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert "pg_dump" in result.output and "pg_restore" in result.output
