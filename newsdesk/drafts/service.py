"""Autosaved drafts: a user's unsaved text kept on the server while they type.

A draft never changes the article or its version, so it can never cause a conflict; it is
offered back when the user returns to the editor, and deleted when they really save.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from newsdesk.extensions import db
from newsdesk.models import LANGS, Article, Revision, Status, Story, User, utcnow
from newsdesk.models.editing import DraftRevision
from newsdesk.stories.fields import parse_tags

# The editor form's text fields and the longest value a draft keeps of each.
LIMITS = {"title": 300, "slug": 200, "lead": 2000, "tags": 500, "status": 16}
FIELDS = ("title", "slug", "lead", "body", "tags", "status")


class DraftError(Exception):
    """The text cannot be kept as a draft; the message is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def draft_fields(form: Mapping[str, str], prefix: str = "") -> dict[str, str]:
    """The editor fields present in ``form`` (a missing field stays missing), size-checked."""
    fields = {name: form[prefix + name] for name in FIELDS if prefix + name in form}
    limits = {**LIMITS, "body": current_app.config["MAX_BODY_CHARS"]}
    for name, value in fields.items():
        if len(value) > limits[name]:
            raise DraftError(_("This text is too long to be kept as a draft copy."))
    if fields.get("status") not in (None, *[s.value for s in Status]):
        fields.pop("status")
    return fields


def _find(user: User, article: Article | None) -> DraftRevision | None:
    query = select(DraftRevision).where(DraftRevision.user_id == user.id)
    if article is None:
        query = query.where(DraftRevision.article_id.is_(None))
    else:
        query = query.where(DraftRevision.article_id == article.id)
    return db.session.scalars(query.order_by(DraftRevision.saved_at.desc())).first()


def save_draft(
    user: User,
    article: Article | None,
    fields: Mapping[str, str],
    *,
    lang: str | None = None,
    base_version: int | None = None,
    now: datetime | None = None,
) -> DraftRevision:
    """Keep ``fields`` as the user's draft of ``article`` (None: a story not created yet)."""
    if article is not None:
        lang = article.lang
        if base_version is None or not 1 <= base_version <= article.version:
            base_version = article.version
    if lang not in LANGS:
        lang = LANGS[0]
    for attempt in range(2):
        draft = _find(user, article)
        if draft is None:
            draft = DraftRevision(user_id=user.id, article_id=article.id if article else None)
            db.session.add(draft)
        draft.lang, draft.base_version, draft.saved_at = lang, base_version, now or utcnow()
        for name in FIELDS:
            setattr(draft, name, fields.get(name))
        try:
            db.session.commit()
        except IntegrityError:
            # Another request (a second tab, another worker) inserted it first: update that one.
            db.session.rollback()
            if attempt:
                raise
        else:
            return draft
    raise AssertionError("unreachable")


def article_fields(article: Article) -> dict[str, str]:
    """The article's saved values under the editor's field names."""
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "tags": ", ".join(article.story.tag_names),
        "status": article.status.value,
    }


def draft_values(draft: DraftRevision) -> dict[str, str]:
    """The fields the draft kept (those the form showed when it was saved)."""
    return {name: getattr(draft, name) for name in FIELDS if getattr(draft, name) is not None}


def pending_draft(user: User, article: Article | None) -> DraftRevision | None:
    """The user's draft when it holds text the saved article does not (else None)."""
    draft = _find(user, article)
    if draft is None:
        return None
    values = draft_values(draft)
    if article is None:
        return draft if any(v.strip() for k, v in values.items() if k != "status") else None
    saved = article_fields(article)
    if all(_same(name, value, saved[name]) for name, value in values.items()):
        return None
    return draft


def _same(name: str, a: str, b: str) -> bool:
    if name == "tags":
        return parse_tags(a) == parse_tags(b)
    if name in ("title", "lead", "slug"):
        return a.strip() == b.strip()
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def discard_drafts(user: User, article: Article | None, *, commit: bool = True) -> int:
    """Delete the user's drafts of ``article`` (None: of a new story); returns how many."""
    where = (
        DraftRevision.article_id.is_(None)
        if article is None
        else (DraftRevision.article_id == article.id)
    )
    result = db.session.execute(
        delete(DraftRevision).where(DraftRevision.user_id == user.id, where)
    )
    if commit:
        db.session.commit()
    return result.rowcount or 0


def versions_saved_by(user: User, article: Article, limit: int = 20) -> list[int]:
    """The article versions this user's saves created, newest first (the browser uses them to
    tell a copy whose save went through from one whose save never arrived)."""

    return list(
        db.session.scalars(
            select(Revision.version)
            .where(Revision.article_id == article.id, Revision.user_id == user.id)
            .order_by(Revision.version.desc())
            .limit(limit)
        )
    )


def last_story_created_at(user: User) -> datetime | None:
    """When the user last created a story (the new-story form drops a browser copy whose
    Save went through)."""

    return db.session.scalar(select(func.max(Story.created_at)).where(Story.author_id == user.id))


def discard_superseded(sender, *, user: User, article: Article | None, **extra) -> None:
    """stories' ``saved_by_user`` signal: a real save supersedes that person's autosaves."""
    discard_drafts(user, article, commit=False)
