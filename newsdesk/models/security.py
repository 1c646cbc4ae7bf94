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
