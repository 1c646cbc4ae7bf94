"""Editorial decisions on a translation: mark it ready, the MT note, publish despite staleness."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import Article, Status, Story, User
from newsdesk.review import sentences
from newsdesk.review.service.rules import ReviewError, require_edit, require_editor
from newsdesk.stories import audit
from newsdesk.stories import service as stories


def mark_ready(article: Article, *, user: User | None, reason: str = "") -> sentences.Blockers:
    """Mark a translation ready: no machine or stale sentence and no blocking QA finding,
    unless an editor overrides with a reason (kept in the audit log)."""
    require_edit(user, article.lang)
    found = sentences.blockers(article) if sentences.has_segments(article) else None
    if found:
        if not reason.strip():
            raise ReviewError(" ".join([_("Not ready yet."), *found.messages()]))
        require_editor(user)
        audit.record(
            "overrode", article=article, user=user, reason=reason, gate="ready", **found.as_dict()
        )
    if article.is_empty:
        raise ReviewError(_("An article needs a title and a body before it is ready."))
    if article.status != Status.PUBLISHED:
        article.status = Status.READY
    audit.record("marked_ready", article=article, user=user)
    db.session.commit()
    return found or sentences.Blockers()


def set_mt_note(story: Story, enabled: bool, *, user: User | None) -> None:
    """Show (or not) readers of the translated side that it was machine-translated and
    reviewed by the editorial team."""
    require_editor(user)
    if story.mt_note != enabled:
        story.mt_note = enabled
        audit.record("mt_note", story=story, user=user, enabled=enabled)
        db.session.commit()


def publish_override(
    story: Story, *, mode: str, at: datetime | None, reason: str, user: User | None
) -> Story:
    """Publish despite an out-of-date translation, with the reason in the audit log."""
    require_editor(user)
    if not reason.strip():
        raise ReviewError(_("Give a reason for publishing an out-of-date translation."))
    return stories.publish(story, mode, at=at, user=user, override_reason=reason)
