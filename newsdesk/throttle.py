"""Login throttling stored in the database: shared by every worker, kept across restarts."""

from __future__ import annotations

import math
import unicodedata
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from .extensions import db
from .models.core import utcnow
from .models.security import LoginFailure


def _key(username: str) -> str:
    return unicodedata.normalize("NFC", username.strip()).casefold()[:64]


def _window() -> timedelta:
    return timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW"])


def retry_after(username: str, ip: str, now: datetime | None = None) -> int | None:
    """Seconds until this username may try again from this address, or None if it may now."""
    now = now or utcnow()
    since = now - _window()
    where = (
        LoginFailure.username == _key(username),
        LoginFailure.ip == ip,
        LoginFailure.failed_at > since,
    )
    count, oldest = db.session.execute(
        select(func.count(LoginFailure.id), func.min(LoginFailure.failed_at)).where(*where)
    ).one()
    if count < current_app.config["LOGIN_MAX_FAILURES"]:
        return None
    # Blocked until enough failures leave the window to fall under the limit again.
    excess = count - current_app.config["LOGIN_MAX_FAILURES"]
    if excess:
        oldest = db.session.scalars(
            select(LoginFailure.failed_at)
            .where(*where)
            .order_by(LoginFailure.failed_at)
            .offset(excess)
            .limit(1)
        ).one()
    return max(1, math.ceil((oldest + _window() - now).total_seconds()))


def record_failure(username: str, ip: str) -> None:
    """Count one failed login, and forget failures older than the window."""
    now = utcnow()
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - _window()))
    db.session.add(LoginFailure(username=_key(username), ip=ip, failed_at=now))
    db.session.commit()


def clear_failures(username: str, ip: str) -> None:
    """A successful login starts the count again."""
    db.session.execute(
        delete(LoginFailure).where(LoginFailure.username == _key(username), LoginFailure.ip == ip)
    )
    db.session.commit()
