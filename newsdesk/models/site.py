"""Models of the reader site: a story's lead image and its per-language alt text and caption.

Full-text search needs no model: on SQLite the ``article_search`` FTS5 table of Snowball
lexemes is kept in step with ``articles`` by triggers (migration 0011), on PostgreSQL by
expression indexes (migration 0004).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import Story, User, utcnow


class LeadImage(db.Model):
    """The picture shown above a story in both languages (one per story)."""

    __tablename__ = "lead_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), unique=True)
    # Content-addressed file name in instance/images/: "<sha256>.<ext>", so URLs never change
    # meaning and can be cached for a year.
    filename: Mapped[str] = mapped_column(String(80))
    media_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    story: Mapped[Story] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
    texts: Mapped[list[LeadImageText]] = relationship(
        back_populates="image", cascade="all, delete-orphan", order_by="LeadImageText.lang"
    )

    def text(self, lang: str) -> LeadImageText | None:
        return next((t for t in self.texts if t.lang == lang), None)

    def alt(self, lang: str) -> str:
        text = self.text(lang)
        return text.alt if text else ""

    def caption(self, lang: str) -> str:
        text = self.text(lang)
        return text.caption if text else ""


class LeadImageText(db.Model):
    """What readers of one language are told about the image."""

    __tablename__ = "lead_image_texts"
    __table_args__ = (UniqueConstraint("image_id", "lang", name="uq_lead_image_texts_image_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("lead_images.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    alt: Mapped[str] = mapped_column(String(300), default="")
    caption: Mapped[str] = mapped_column(String(500), default="")

    image: Mapped[LeadImage] = relationship(back_populates="texts")


class SiteState(db.Model):
    """One row: ``generation`` takes a new random value whenever site content changes.

    Cached reader pages are keyed by it (``newsdesk.site.cache``), so a change made through
    any web worker or process is seen by all of them on their next request. Random rather than
    counting up: after a database restore an old value comes back together with the very
    content it stood for, and a new value never repeats one used before the restore.
    """

    __tablename__ = "site_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=1)
