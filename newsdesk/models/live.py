"""What readers see of an article: its live copy.

An article (``models.core.Article``) is the working text editors, translators, the review
workspace, machine translation and XLIFF imports write. Publishing copies it here; the reader
site, feeds, sitemap and search read only this table. So a change to a published article is
a draft ("unpublished changes") until someone allowed to publish publishes it, through the
same checks as a first publication. The row shares its article's id (also the search index's
row id) and disappears when the story is unpublished; the text itself stays in the article
and its revisions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import LIVE_FIELDS as TEXT_FIELDS  # noqa: F401  (re-exported)
from newsdesk.models.core import Article, Status, Story, User, utcnow


class LiveArticle(db.Model):
    """The published copy of one language version, read by the public site."""

    __tablename__ = "live_articles"
    __table_args__ = (
        UniqueConstraint("lang", "slug", name="uq_live_articles_lang_slug"),
        Index("ix_live_articles_story_id", "story_id", "lang"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(200))
    lead: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # The article version this copy was published from.
    version: Mapped[int] = mapped_column(Integer)
    # When readers' text last changed (article:modified_time, dateModified, feeds).
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    story: Mapped[Story] = relationship(back_populates="live_articles")
    article: Mapped[Article] = relationship(back_populates="live")
    published_by: Mapped[User | None] = relationship()

    # Readers' templates ask an article these; a live copy is published by definition.
    status = Status.PUBLISHED

    @property
    def is_empty(self) -> bool:
        return not (self.title.strip() and self.body.strip())

    @property
    def partner(self) -> LiveArticle | None:
        """The other language's live copy, whether or not its date has come."""
        return next((a for a in self.story.live_articles if a.lang != self.lang), None)

    def is_public(self, now: datetime) -> bool:
        """Readers may see it: the story is not in the trash and its date has come."""
        when = self.story.published_at
        return self.story.deleted_at is None and when is not None and when <= now


# What a reader's page is made from: a live copy, or (in the staff's preview) the working text.
PageArticle = Article | LiveArticle
