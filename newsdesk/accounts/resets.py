"""One-time password links an administrator hands to a person (no e-mail server needed).

The link carries a random secret; the database keeps only its SHA-256, so a copy of the
table opens nothing. A link works once, until ``PASSWORD_RESET_TTL`` seconds have passed, and
only while it is the account's newest. Rows stay after use as the record of who made which
link when.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from newsdesk.accounts import users
from newsdesk.extensions import db
from newsdesk.models import User, utcnow
from newsdesk.models.security import PasswordReset

logger = logging.getLogger(__name__)

# The login throttle's "username" for failed reset links, counted per address. It mixes
# Latin and Cyrillic letters, which no username may (users.username_problem): no collision.
THROTTLE_KEY = "reset link · ссылка"
MAX_SECRET = 128  # longer paths are no link of ours: refused before hashing


class ResetLinkError(Exception):
    """The link is unknown, used, replaced or expired (the same answer for each)."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def lifetime() -> timedelta:
    return timedelta(seconds=int(current_app.config["PASSWORD_RESET_TTL"]))


def create_link(user: User, by: User | None) -> tuple[str, PasswordReset]:
    """A new link for ``user`` made by ``by``: returns its secret (shown once) and its row.
    Every older unused link of the account stops working."""
    now = utcnow()
    db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.user_id == user.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    secret = secrets.token_urlsafe(32)
    row = PasswordReset(
        user_id=user.id,
        token_hash=_digest(secret),
        created_at=now,
        expires_at=now + lifetime(),
        created_by_id=by.id if by is not None else None,
        created_by_name=by.username if by is not None else "",
    )
    db.session.add(row)
    db.session.commit()
    logger.info(
        "password link %s for %s made by %s, valid until %s",
        row.id,
        user.username,
        row.created_by_name or "(command line)",
        row.expires_at.isoformat(timespec="minutes"),
    )
    return secret, row


def find_link(secret: str, now: datetime | None = None) -> PasswordReset | None:
    """The usable link with this secret, or None (unknown, used, replaced, expired, or the
    account is deactivated: the caller cannot tell which)."""
    if not isinstance(secret, str) or not 20 <= len(secret) <= MAX_SECRET:
        return None
    digest = _digest(secret)
    row = db.session.scalar(select(PasswordReset).where(PasswordReset.token_hash == digest))
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    if row.used_at is not None or row.revoked_at is not None:
        return None
    if row.expires_at <= (now or utcnow()) or not row.user.active:
        return None
    return row


def use_link(secret: str, password: str) -> User:
    """Set the account's password through its link: the link is spent, every session of the
    account ends. ResetLinkError for a link that does not work; users.UserError for a
    password the rules refuse (the link then still works)."""
    row = find_link(secret)
    if row is None:
        raise ResetLinkError(secret)
    user = row.user
    # Spend the link in one conditional UPDATE: of two tabs sending it at once, one wins.
    spent = db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.id == row.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.revoked_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:
        db.session.rollback()
        raise ResetLinkError(secret)
    try:
        users.set_password(user, password)  # commits the spent link with the password
    except users.UserError:
        db.session.rollback()
        raise
    logger.info("password link %s used: new password for %s", row.id, user.username)
    return user


def list_links(user: User) -> list[PasswordReset]:
    """The account's links, newest first: the record of who made which link when."""
    query = (
        select(PasswordReset)
        .where(PasswordReset.user_id == user.id)
        .order_by(PasswordReset.created_at.desc(), PasswordReset.id.desc())
    )
    return list(db.session.scalars(query))


def link_state(row: PasswordReset, now: datetime | None = None) -> str:
    """used | replaced | expired | open"""
    if row.used_at is not None:
        return "used"
    if row.revoked_at is not None:
        return "replaced"
    return "expired" if row.expires_at <= (now or utcnow()) else "open"
