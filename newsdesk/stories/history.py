"""What every story change leaves behind: a new version, its revision, an audit entry."""

from __future__ import annotations

from newsdesk.extensions import db
from newsdesk.models import Article, Revision, User, utcnow
from newsdesk.stories import audit as audit_log


def audit(action: str, **kwargs) -> None:
    """Add an audit log entry (written by the caller's commit)."""
    db.session.flush()
    audit_log.record(action, **kwargs)


def record_revision(article: Article, user: User | None, note: str = "") -> None:
    """Count a change of the article's text as a new version and keep it as a revision."""
    article.version += 1
    article.updated_at = utcnow()
    snapshot(article, user, note)


def snapshot(article: Article, user: User | None, note: str = "") -> None:
    """Keep the article's current text as the revision of its current version."""
    article.revisions.append(
        Revision(
            version=article.version,
            user_id=user.id if user else None,
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            note=note,
        )
    )
