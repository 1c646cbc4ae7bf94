"""Login throttling stored in the database: shared by every worker, kept across restarts.

Failures are remembered for LOGIN_FAILURE_WINDOW seconds. Two limits:

- one account from one address: LOGIN_MAX_FAILURES wrong passwords are free, then every
  further try waits LOGIN_BACKOFF_SECONDS after the last failure, doubled with each failure,
  at most LOGIN_BACKOFF_MAX. Failures at other addresses never slow this one down, so a
  stranger cannot lock a real user out of their account; a success forgets the count;
- one address, any accounts: LOGIN_MAX_FAILURES_PER_ADDRESS failures within
  LOGIN_ADDRESS_WINDOW stop every login from that address until enough of them are older
  (one password tried on many accounts).

The address is the connection's, or the client's behind TRUSTED_PROXIES proxies (ProxyFix).
"""

from __future__ import annotations

import math
import unicodedata
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from newsdesk.extensions import db
from newsdesk.models.core import utcnow
from newsdesk.models.security import LoginFailure

MAX_DOUBLINGS = 30  # 2**30 back-off steps is far beyond any window


def _key(username: str) -> str:
    return unicodedata.normalize("NFC", username.strip()).casefold()[:64]


def _window() -> timedelta:
    return timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW"])


def _seconds_until(moment: datetime, now: datetime) -> int | None:
    left = (moment - now).total_seconds()
    return max(1, math.ceil(left)) if left > 0 else None


def _address_wait(ip: str, now: datetime) -> int | None:
    """Seconds until this address may try any account again (the per-address cap)."""
    limit = current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    window = timedelta(seconds=current_app.config["LOGIN_ADDRESS_WINDOW"])
    where = (LoginFailure.ip == ip, LoginFailure.failed_at > now - window)
    count = db.session.scalar(select(func.count(LoginFailure.id)).where(*where)) or 0
    if count < limit:
        return None
    # Blocked until enough failures leave the window to fall under the cap again.
    oldest = db.session.scalars(
        select(LoginFailure.failed_at)
        .where(*where)
        .order_by(LoginFailure.failed_at)
        .offset(count - limit)
        .limit(1)
    ).one()
    return _seconds_until(oldest + window, now)


def _account_wait(username: str, ip: str, now: datetime) -> int | None:
    """Seconds of back-off left for this account from this address."""
    count, latest = db.session.execute(
        select(func.count(LoginFailure.id), func.max(LoginFailure.failed_at)).where(
            LoginFailure.username == _key(username),
            LoginFailure.ip == ip,
            LoginFailure.failed_at > now - _window(),
        )
    ).one()
    free = current_app.config["LOGIN_MAX_FAILURES"]
    if count < free:
        return None
    doublings = min(count - free, MAX_DOUBLINGS)
    config = current_app.config
    delay = min(config["LOGIN_BACKOFF_SECONDS"] * 2**doublings, config["LOGIN_BACKOFF_MAX"])
    return _seconds_until(latest + timedelta(seconds=delay), now)


def retry_after(username: str, ip: str, now: datetime | None = None) -> int | None:
    """Seconds until this username may try again from this address, or None if it may now."""
    now = now or utcnow()
    waits = [w for w in (_address_wait(ip, now), _account_wait(username, ip, now)) if w]
    return max(waits) if waits else None


def record_failure(username: str, ip: str) -> None:
    """Count one failed login, and forget failures older than the window."""
    now = utcnow()
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - _window()))
    db.session.add(LoginFailure(username=_key(username), ip=ip, failed_at=now))
    db.session.commit()


def clear_failures(username: str, ip: str) -> None:
    """A successful login starts this account's count at this address again."""
    db.session.execute(
        delete(LoginFailure).where(LoginFailure.username == _key(username), LoginFailure.ip == ip)
    )
    db.session.commit()
