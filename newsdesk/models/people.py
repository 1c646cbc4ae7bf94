"""The name register: people with their names in both languages, and a story's bylines."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import utcnow


class Person(db.Model):
    """A person named in the news: the canonical English and Russian forms of one name."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("name_en", "name_ru", name="uq_people_names"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    role_en: Mapped[str] = mapped_column(String(200), default="", server_default="")
    role_ru: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def role(self, lang: str) -> str:
        return self.role_ru if lang == "ru" else self.role_en


class Byline(db.Model):
    """One author of a story, at a position in the byline."""

    __tablename__ = "story_authors"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(lazy="joined")
