"""Database models: users, stories (the pair), articles (one per language), revisions."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from newsdesk.extensions import db

LANGS = ("en", "ru")
# What publishing copies from an article to the live copy readers see (models/live.py).
LIVE_FIELDS = ("title", "slug", "lead", "body")


def utcnow() -> datetime:
    """Current UTC time as a naive datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def str_enum(cls: type[enum.Enum]) -> Enum:
    """Store an enum as its lowercase value in a plain string column."""
    return Enum(cls, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class Role(enum.StrEnum):
    EDITOR = "editor"
    TRANSLATOR = "translator"
    ADMIN = "admin"


class Status(enum.StrEnum):
    DRAFT = "draft"
    MT_DRAFT = "mt_draft"  # a machine translation nobody has reviewed yet
    READY = "ready"
    PUBLISHED = "published"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    # Languages a translator works in, e.g. "ru" or "en,ru"; editors and admins edit all.
    languages: Mapped[str] = mapped_column(String(16), default="en,ru")
    # The UI language the user picked; None follows the browser.
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # An administrator can deactivate an account: it can no longer log in or use its tokens.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def can_publish(self) -> bool:
        return self.role in (Role.EDITOR, Role.ADMIN)

    def can_edit(self, lang: str) -> bool:
        """Editors and admins edit both languages; translators only their own."""
        return self.can_publish or lang in self.languages.split(",")


story_tags = Table(
    "story_tags",
    db.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    # The primary key starts with story_id; a tag's stories need this one.
    Index("ix_story_tags_tag_id", "tag_id", "story_id"),
)


class Tag(db.Model):
    """A topic: one per subject, with a name and a URL slug in each language (case kept)."""

    __tablename__ = "tags"
    __table_args__ = (
        Index("uq_tags_slug_en", "slug_en", unique=True),
        Index("uq_tags_slug_ru", "slug_ru", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The English name lower-cased: how a typed topic finds its row whatever its case.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # The Russian name lower-cased, for the same lookup (SQLite lowers ASCII only).
    ru_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    name_en: Mapped[str] = mapped_column(String(64), default="", server_default="")
    name_ru: Mapped[str] = mapped_column(String(64), default="", server_default="")
    slug_en: Mapped[str] = mapped_column(String(64), server_default="")
    slug_ru: Mapped[str] = mapped_column(String(64), server_default="")

    def label(self, lang: str) -> str:
        """The topic's name in ``lang``."""
        return (self.name_ru if lang == "ru" else self.name_en) or self.name

    def slug(self, lang: str) -> str:
        """The last part of the topic page's URL in ``lang``."""
        return self.slug_ru if lang == "ru" else self.slug_en


class Story(db.Model):
    """One news item; owns what both language versions share."""

    __tablename__ = "stories"
    # Newest-first lists walk these and continue after (date, id): keyset pagination.
    __table_args__ = (
        Index("ix_stories_published_at_id", "published_at", "id"),
        Index("ix_stories_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Language the story was first written in (the translation source).
    source_lang: Mapped[str] = mapped_column(String(2))
    # The one publication date of the pair; in the future means scheduled (embargo).
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when an editor deliberately published one language only.
    single_language: Mapped[str | None] = mapped_column(String(2))
    # Tell readers of the translated side "Machine-translated and reviewed by the editorial team".
    mt_note: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Set while the story is in the trash: hidden from readers and the editor's list.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    articles: Mapped[list[Article]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="Article.lang"
    )
    # What readers see of each language (models/live.py); only while published.
    live_articles: Mapped[list[LiveArticle]] = relationship(  # noqa: F821  (models/live.py)
        back_populates="story", cascade="all, delete-orphan", order_by="LiveArticle.lang"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=story_tags, order_by="Tag.name")
    # Who wrote it, in byline order (people of the name register, newsdesk/people).
    bylines: Mapped[list[Byline]] = relationship(  # noqa: F821  (models/people.py)
        cascade="all, delete-orphan", order_by="Byline.position"
    )

    def article(self, lang: str) -> Article | None:
        return next((a for a in self.articles if a.lang == lang), None)

    @property
    def tag_names(self) -> list[str]:
        return [t.label("en") for t in self.tags]

    def topic_names(self, lang: str) -> list[str]:
        """The story's topics as named in ``lang``."""
        return [t.label(lang) for t in self.tags]

    def author_names(self, lang: str) -> list[str]:
        """The story's authors as named in ``lang``, in byline order."""
        return [b.person.name(lang) for b in self.bylines]


class Article(db.Model):
    """One language version of a story."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("story_id", "lang", name="uq_articles_story_lang"),
        UniqueConstraint("lang", "slug", name="uq_articles_lang_slug"),
        # Public articles of a language; the editor's filter by status and language.
        Index("ix_articles_status_lang", "status", "lang", "story_id"),
        Index("ix_articles_story_status", "story_id", "status", "lang"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300), default="")
    slug: Mapped[str] = mapped_column(String(200))
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[Status] = mapped_column(str_enum(Status), default=Status.DRAFT, index=True)
    # Increases on every save; a save based on an older version is a conflict.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    story: Mapped[Story] = relationship(back_populates="articles")
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Revision.version"
    )
    # The published copy readers see (models/live.py), None while not published.
    live: Mapped[LiveArticle | None] = relationship(  # noqa: F821  (models/live.py)
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )

    @property
    def is_empty(self) -> bool:
        return not (self.title.strip() and self.body.strip())

    @property
    def partner(self) -> Article | None:
        return next((a for a in self.story.articles if a.lang != self.lang), None)

    @property
    def unpublished_changes(self) -> bool:
        """Published, and its working text differs from the live copy readers see."""
        live = self.live
        return live is not None and any(
            getattr(self, name) != getattr(live, name) for name in LIVE_FIELDS
        )

    def is_public(self, now: datetime) -> bool:
        """Readers see (the live copy of) this version: published and its date has come."""
        when = self.story.published_at
        if self.story.deleted_at is not None or self.live is None:
            return False
        return self.status == Status.PUBLISHED and when is not None and when <= now


class Revision(db.Model):
    """A full copy of an article as it was saved: nothing typed is ever lost."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    title: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(200))
    lead: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(200), default="")

    article: Mapped[Article] = relationship(back_populates="revisions")
    user: Mapped[User | None] = relationship()
