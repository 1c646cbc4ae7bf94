"""Models of the login defences: failed attempts and open sessions, kept in the database so
every worker sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import User, utcnow


class LoginFailure(db.Model):
    """One failed login for a username from an address; old rows are pruned as new ones come."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_key_at", "username", "ip", "failed_at"),
        Index("ix_login_failures_ip_at", "ip", "failed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Lowercased and NFC-normalized, so "Admin" and "admin" share one counter.
    username: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str] = mapped_column(String(45))
    failed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class UserSession(db.Model):
    """One login of a user in one browser; the session cookie carries its secret.

    Deleting the row ends that login for every copy of the cookie: logging out, "log out
    everywhere", a password change and deactivating the account delete rows.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the secret in the cookie: the table alone opens no session.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    user: Mapped[User] = relationship(lazy="joined")


class PasswordReset(db.Model):
    """A one-time link an administrator made for setting an account's password.

    Only the SHA-256 of the link's secret is stored. Rows are kept after use or expiry as the
    record of who made which link when; a newer link ends the older ones of the account.
    """

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    # Who made the link: an id (None once that account is gone) and a copy of the name.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_name: Mapped[str] = mapped_column(String(64), default="")
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when a newer link of the same account replaced this one before it was used.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
