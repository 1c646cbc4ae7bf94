"""Models of machine translation: jobs, aligned sentences, translation memory, glossary."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import Article, Story, User, str_enum, utcnow


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class SegmentStatus(enum.StrEnum):
    MACHINE = "machine"  # untouched machine output
    EDITED = "edited"  # changed by a person
    APPROVED = "approved"  # checked by a translator
    STALE = "stale"  # its source sentence changed since


class TermKind(enum.StrEnum):
    DO_NOT_TRANSLATE = "do_not_translate"
    PREFERRED = "preferred"
    FORBIDDEN = "forbidden"


class TranslationJob(db.Model):
    """One request to machine-translate a story into a language; runs in the job queue."""

    __tablename__ = "translation_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    source_lang: Mapped[str] = mapped_column(String(2))
    target_lang: Mapped[str] = mapped_column(String(2))
    state: Mapped[JobState] = mapped_column(str_enum(JobState), default=JobState.QUEUED, index=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    # Times a worker took the job; a job that keeps killing its worker stops at a bound.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The worker holding the job ("host:pid") and its lease: renewed as sentences complete;
    # a running job whose lease ran out (or whose worker died) is queued again.
    worker: Mapped[str] = mapped_column(String(100), default="")
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    # "story": the whole story; "changed": only the sentences whose source changed.
    scope: Mapped[str] = mapped_column(String(16), default="story")
    # What went wrong, in words an editor can act on.
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    story: Mapped[Story] = relationship()
    requested_by: Mapped[User | None] = relationship()

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class Segment(db.Model):
    """One sentence of a translated article, aligned 1:1 with its source sentence."""

    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("article_id", "position", name="uq_segments_article_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The target-language article this sentence belongs to.
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(8))  # title | lead | body
    block: Mapped[int] = mapped_column(Integer)
    index: Mapped[int] = mapped_column(Integer)
    source_text: Mapped[str] = mapped_column(Text)
    # Hash of the normalized source sentence the translation was made from.
    source_key: Mapped[str] = mapped_column(String(64), index=True)
    target_text: Mapped[str] = mapped_column(Text)
    machine_text: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16))  # mt | memory | verbatim | human
    score: Mapped[float | None] = mapped_column(Float)
    flags: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[SegmentStatus] = mapped_column(
        str_enum(SegmentStatus), default=SegmentStatus.MACHINE
    )
    package: Mapped[str] = mapped_column(String(100), default="")
    package_version: Mapped[str] = mapped_column(String(32), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    article: Mapped[Article] = relationship()

    @property
    def flag_list(self) -> list[str]:
        return [f for f in self.flags.split(",") if f]


class MemoryEntry(db.Model):
    """A translation memory unit: a source sentence and a person's translation of it."""

    __tablename__ = "translation_memory"
    __table_args__ = (
        UniqueConstraint(
            "source_lang", "target_lang", "source_key", name="uq_memory_direction_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(2))
    target_lang: Mapped[str] = mapped_column(String(2))
    # sentence_key() of the source sentence: a hash of its normalized text.
    source_key: Mapped[str] = mapped_column(String(64))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # "review": approved by a person in the workspace; "archive": aligned from a published
    # pair (story_id), replaced by a later archive unit, never over a review one.
    origin: Mapped[str] = mapped_column(String(16), default="review", server_default="review")
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE", name="fk_translation_memory_story"),
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MachineCache(db.Model):
    """The engine's output for one masked input with one model version.

    Written as each batch finishes, so a re-run (a retried job, unchanged text) never
    asks the engine for the same sentence twice.
    """

    __tablename__ = "machine_cache"
    __table_args__ = (
        UniqueConstraint(
            "source_lang",
            "target_lang",
            "package",
            "package_version",
            "input_key",
            name="uq_machine_cache_input",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(2))
    target_lang: Mapped[str] = mapped_column(String(2))
    package: Mapped[str] = mapped_column(String(100))
    package_version: Mapped[str] = mapped_column(String(32))
    input_key: Mapped[str] = mapped_column(String(64))
    output: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class GlossaryTerm(db.Model):
    """A term with its English and Russian forms and how MT must treat it."""

    __tablename__ = "glossary_terms"
    __table_args__ = (UniqueConstraint("en", "ru", name="uq_glossary_terms_en_ru"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    en: Mapped[str] = mapped_column(String(200))
    ru: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TermKind] = mapped_column(str_enum(TermKind))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
