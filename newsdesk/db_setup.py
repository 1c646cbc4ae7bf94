"""Database engine tuning that Flask-SQLAlchemy leaves to the application."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

from newsdesk.extensions import db


def init_app(app: Flask) -> None:
    """Turn on SQLite's WAL journal, full sync and foreign keys for every connection."""

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work during a write; FULL sync makes every commit survive power loss.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
