"""Models of the review workspace: the append-only audit log and what stale sentences were
translated from.

The audit log deliberately has no foreign keys: it must outlive (and never block the deletion
of) what it describes, so it stores ids and a copy of the user name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import utcnow
from newsdesk.models.mt import Segment


class AuditLogError(RuntimeError):
    """Something tried to change or delete an audit entry: the log is append-only."""


class AuditEntry(db.Model):
    """One thing that happened to a story: who, what, when, and why (for overrides)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    article_id: Mapped[int | None] = mapped_column(Integer)
    lang: Mapped[str | None] = mapped_column(String(2))
    user_id: Mapped[int | None] = mapped_column(Integer)
    # A copy of the user name, so the entry stays readable if the account goes away.
    username: Mapped[str] = mapped_column(String(64), default="")
    # created | edited | machine_translated | approved | marked_ready | published |
    # unpublished | overrode | restored | source_changed | retranslated | mt_note
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Details for people and reports (model provenance, sentence numbers, counts...).
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class StaleSource(db.Model):
    """For a sentence whose source changed after it was translated: the source it was
    translated from, and its status before (restored if the source change is undone)."""

    __tablename__ = "stale_sources"

    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True
    )
    old_source_text: Mapped[str] = mapped_column(Text)
    prior_status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    segment: Mapped[Segment] = relationship()


@event.listens_for(Session, "before_flush")
def _audit_log_is_append_only(session: Session, flush_context, instances) -> None:
    """Refuse to flush a change to, or the deletion of, an audit entry."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogError("the audit log is append-only")
