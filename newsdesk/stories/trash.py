"""The trash: a deleted story leaves every public page and the editor's list, can be restored
exactly as it was, and is purged for good by an admin or after ``TRASH_RETENTION_DAYS``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from newsdesk.extensions import db
from newsdesk.models import Story, User, utcnow
from newsdesk.stories import signals
from newsdesk.stories.errors import StoryError
from newsdesk.stories.history import audit

log = logging.getLogger(__name__)


def delete_story(story: Story, *, user: User | None = None) -> Story:
    """Move the story (both languages) to the trash; nothing else about it changes."""
    if story.deleted_at is not None:
        raise StoryError(_("This story is already in the trash."))
    story.deleted_at = utcnow()
    story.deleted_by_id = user.id if user is not None else None
    audit("deleted", story=story, user=user)
    db.session.commit()
    return story


def restore_story(story: Story, *, user: User | None = None) -> Story:
    """Take the story out of the trash: it comes back as it was, at the same addresses."""
    if story.deleted_at is None:
        raise StoryError(_("This story is not in the trash."))
    story.deleted_at = None
    story.deleted_by_id = None
    audit("restored_from_trash", story=story, user=user)
    db.session.commit()
    return story


def purge_story(story: Story, *, user: User | None = None) -> None:
    """Delete a trashed story for good with everything that belongs to it (articles,
    revisions, translation jobs and segments, lead image and its file; the database
    cascades). The audit log keeps its entries and gets a last one: it outlives stories."""
    if story.deleted_at is None:
        raise StoryError(_("Only a story in the trash can be deleted for good."))
    titles = {article.lang: article.title for article in story.articles}
    story_id = story.id
    cleanups: list[Callable[[], None]] = [
        cleanup for cleanup in signals.send(signals.story_purging, story=story) if cleanup
    ]
    audit("purged", story=story, user=user, titles=titles)
    db.session.delete(story)
    db.session.commit()
    for cleanup in cleanups:
        cleanup()
    log.info(
        "story %s purged from the trash by %s: %s",
        story_id,
        user.username if user is not None else "the retention rule",
        titles,
    )


def trashed_stories() -> list[Story]:
    """The stories in the trash, most recently deleted first."""
    query = (
        select(Story)
        .where(Story.deleted_at.is_not(None))
        .options(selectinload(Story.articles), selectinload(Story.deleted_by))
        .order_by(Story.deleted_at.desc(), Story.id.desc())
    )
    return list(db.session.scalars(query))


def expired(now: datetime | None = None, days: int | None = None) -> list[Story]:
    """The stories that have been in the trash longer than the retention period."""
    if days is None:
        days = current_app.config["TRASH_RETENTION_DAYS"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    query = select(Story).where(Story.deleted_at.is_not(None), Story.deleted_at < cutoff)
    return list(db.session.scalars(query.order_by(Story.id)))


def purge_expired(now: datetime | None = None, days: int | None = None) -> list[int]:
    """Purge every story past the retention period; the ids purged."""
    purged = []
    for story in expired(now, days):
        purged.append(story.id)
        purge_story(story)
    return purged
