"""Logins that end for real: each login is a row, and the session cookie carries its secret.

Flask's session is a signed cookie the server cannot take back, so a copied cookie used to
outlive a logout or a password change. Now Flask-Login's user loader accepts a session only
while its row exists; deleting rows ends those logins for every copy of the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_login import current_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import delete, func, select

from newsdesk.extensions import db
from newsdesk.models import User, utcnow
from newsdesk.models.security import UserSession

SESSION_KEY = "_login"  # where this login's secret lives in Flask's session
AUTHOR_SALT = "newsdesk-text-author"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _oldest_allowed(now: datetime) -> datetime:
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if not isinstance(lifetime, timedelta):
        lifetime = timedelta(seconds=int(lifetime))
    return now - lifetime


def start_session(user: User) -> str:
    """Record a new login of ``user`` and return the secret its cookie must carry."""
    now = utcnow()
    db.session.execute(delete(UserSession).where(UserSession.created_at < _oldest_allowed(now)))
    secret = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=_digest(secret), created_at=now))
    db.session.commit()
    return secret


def session_user(user_id: str, secret: object) -> User | None:
    """The active user of a live login (the loader's answer), or None when it has ended."""
    if not isinstance(secret, str) or not user_id.isdigit():
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == _digest(secret)))
    if row is None or not hmac.compare_digest(row.token_hash, _digest(secret)):
        return None
    if row.user_id != int(user_id) or row.created_at < _oldest_allowed(utcnow()):
        return None
    return row.user if row.user.active else None


def end_session(secret: object) -> None:
    """End one login (logging out): its cookie, and every copy of it, stops working."""
    if isinstance(secret, str):
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _digest(secret)))
        db.session.commit()


def end_all_sessions(user: User, keep: object = None, *, commit: bool = True) -> int:
    """End every login of ``user`` but the one whose secret is ``keep``; how many ended."""
    query = delete(UserSession).where(UserSession.user_id == user.id)
    if isinstance(keep, str):
        query = query.where(UserSession.token_hash != _digest(keep))
    ended = db.session.execute(query).rowcount
    if commit:
        db.session.commit()
    return ended


def count_sessions(user: User) -> int:
    """How many logins of ``user`` are open."""
    query = select(func.count(UserSession.id)).where(
        UserSession.user_id == user.id, UserSession.created_at >= _oldest_allowed(utcnow())
    )
    return db.session.scalar(query) or 0


def _author_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=AUTHOR_SALT)


def author_stamp() -> str:
    """A signed note of who is filling in an editor form, carried in a hidden field: text kept
    through a later login goes only to this account (empty when nobody is logged in)."""

    if not current_user.is_authenticated:
        return ""
    return _author_serializer().dumps(current_user.id)


def stamped_author(stamp: str | None) -> int | None:
    """The user id in a stamp from :func:`author_stamp`, or None when it is missing or forged."""
    if not stamp:
        return None
    max_age = current_app.config.get("WTF_CSRF_TIME_LIMIT") or None
    try:
        user_id = _author_serializer().loads(stamp, max_age=max_age)
    except BadData:
        return None
    return user_id if isinstance(user_id, int) else None
