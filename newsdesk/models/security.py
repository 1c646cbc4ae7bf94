"""Models of the login defences: failed attempts, kept in the database so every worker sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .core import utcnow


class LoginFailure(db.Model):
    """One failed login for a username from an address; old rows are pruned as new ones come."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "username", "ip", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Lowercased and NFC-normalized, so "Admin" and "admin" share one counter.
    username: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str] = mapped_column(String(45))
    failed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
