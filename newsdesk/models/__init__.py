"""Database models; import them from here."""

from newsdesk.models import api, editing, live, people, review, security, site, slugs  # noqa: F401  (their tables join the metadata)
from newsdesk.models.core import (
    LANGS,
    Article,
    Revision,
    Role,
    Status,
    Story,
    Tag,
    User,
    story_tags,
    str_enum,
    utcnow,
)
from newsdesk.models.live import LiveArticle
from newsdesk.models.mt import (
    GlossaryTerm,
    JobState,
    MachineCache,
    MemoryEntry,
    Segment,
    SegmentStatus,
    TermKind,
    TranslationJob,
)

__all__ = [
    "LANGS",
    "Article",
    "GlossaryTerm",
    "JobState",
    "LiveArticle",
    "MachineCache",
    "MemoryEntry",
    "Revision",
    "Role",
    "Segment",
    "SegmentStatus",
    "Status",
    "Story",
    "Tag",
    "TermKind",
    "TranslationJob",
    "User",
    "str_enum",
    "story_tags",
    "utcnow",
]
