"""Backup and restore of the embedded SQLite database (SQLite's online backup API)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

PG_DUMP_GUIDANCE = (
    "This database is PostgreSQL: back it up with its own tools, e.g.\n"
    "  pg_dump --format=custom --file=newsdesk.dump DBNAME\n"
    "and restore with\n"
    "  pg_restore --clean --if-exists --dbname=DBNAME newsdesk.dump"
)


class BackupError(Exception):
    """A backup or restore was refused; the message says why."""


def sqlite_path(uri: str) -> Path | None:
    """The database file of an SQLite URL, or None for any other engine."""
    url = make_url(uri)
    if not url.drivername.startswith("sqlite"):
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` reports for the file; empty when it is sound."""
    if not path.is_file():
        return [f"{path} does not exist."]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path} is not a readable SQLite database ({exc})."]
    return [] if rows == ["ok"] else rows


def backup_sqlite(source: Path, dest: Path, *, force: bool = False) -> None:
    """Copy a live database into ``dest`` page by page, then check the copy."""
    if dest.exists() and not force:
        raise BackupError(f"{dest} exists; pass --force to overwrite it.")
    if not source.is_file():
        raise BackupError(f"No database at {source}.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    problems = integrity_problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("The backup failed its integrity check: " + "; ".join(problems[:5]))
    partial.replace(dest)
    logger.info("backed up %s to %s", source, dest)


def restore_sqlite(source: Path, target: Path, *, force: bool = False) -> None:
    """Replace the database with a backup that passes the integrity check."""
    problems = integrity_problems(source)
    if problems:
        raise BackupError(
            f"Refusing to restore {source}: it fails the integrity check: "
            + "; ".join(problems[:5])
        )
    if target.exists() and not force:
        raise BackupError(f"{target} exists; pass --force to replace it with {source}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API writes through SQLite's locks and WAL, so no stale -wal file survives.
    _copy(source, target)
    logger.info("restored %s from %s", target, source)


def _copy(source: Path, dest: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
