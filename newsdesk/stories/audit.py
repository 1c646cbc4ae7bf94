"""The append-only audit log of a story: who created, edited, machine-translated, approved,
published, deleted (to the trash), restored or purged a story, and who overrode a gate and
why. Callers commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article, Story, User
from newsdesk.models.review import AuditEntry

ACTIONS = (
    "created",
    "edited",
    "machine_translated",
    "review_started",
    "approved",
    "marked_ready",
    "published",
    "unpublished",
    "overrode",
    "restored",
    "source_changed",
    "retranslated",
    "mt_note",
    "deleted",
    "restored_from_trash",
    "purged",
)


def record(
    action: str,
    *,
    story: Story | None = None,
    article: Article | None = None,
    user: User | None = None,
    user_id: int | None = None,
    reason: str = "",
    **detail: Any,
) -> AuditEntry:
    """Add an entry to the session (the caller's commit writes it with the change itself)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if story is None and article is not None:
        story = article.story
    if user is None and user_id is not None:
        user = db.session.get(User, user_id)
    entry = AuditEntry(
        action=action,
        story_id=story.id if story is not None else None,
        article_id=article.id if article is not None else None,
        lang=article.lang if article is not None else None,
        user_id=user.id if user is not None else None,
        username=user.username if user is not None else "",
        reason=reason.strip(),
        detail=detail,
    )
    db.session.add(entry)
    return entry


def entries(story: Story, *, action: str | None = None, lang: str | None = None) -> list:
    """A story's audit entries, newest first."""
    query = select(AuditEntry).where(AuditEntry.story_id == story.id)
    if action:
        query = query.where(AuditEntry.action == action)
    if lang:
        query = query.where(AuditEntry.lang == lang)
    return list(db.session.scalars(query.order_by(AuditEntry.id.desc())))
