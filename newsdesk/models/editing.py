"""Models that protect text while it is being edited: autosaved drafts and who has an
article open. Both live in the database so every web worker sees the same state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import Article, User, utcnow


class DraftRevision(db.Model):
    """A user's unsaved text of one article, autosaved while they type.

    It never touches the article or its version; a real save by the same user deletes it.
    ``article_id`` is None for a story that has not been created yet (kept at a re-login).
    A field the form did not show (tags for a translator) stays None and is never restored.
    """

    __tablename__ = "draft_revisions"
    __table_args__ = (UniqueConstraint("user_id", "article_id", name="uq_draft_revisions_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[str] = mapped_column(String(2))
    # The article version the text was written on; older than the article's means a save
    # of this text must go through the conflict page.
    base_version: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(300))
    slug: Mapped[str | None] = mapped_column(String(200))
    lead: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str | None] = mapped_column(String(16))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()
    article: Mapped[Article | None] = relationship()


class EditingPresence(db.Model):
    """Someone has an article's editor open; refreshed by a ping, stale after a few seconds."""

    __tablename__ = "editing_presence"
    __table_args__ = (
        UniqueConstraint("article_id", "user_id", name="uq_editing_presence_article_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    user: Mapped[User] = relationship()
