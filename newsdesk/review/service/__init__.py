"""Service layer of the review workspace: save and approve sentences, re-translate what
changed in the source, mark ready, edit the whole Markdown, restore revisions, overrides.

Services check roles (translators only in their languages; overrides for editors), write
revisions and audit entries, and commit. Callers use the names re-exported here
(``from newsdesk.review import service``); each submodule does one job:

- ``rules``: the review errors, role checks and the translation being reviewed;
- ``segments``: start a review, save, approve or fix one sentence;
- ``retranslate``: machine-translate again only the sentences that changed;
- ``decisions``: mark ready (or override), the MT note, publish despite staleness;
- ``whole_text``: save the whole translation as Markdown, restore a revision.
"""

from newsdesk.review.service.decisions import mark_ready, publish_override, set_mt_note
from newsdesk.review.service.retranslate import (
    request_retranslation,
    retranslate_changed,
    retranslated_message,
)
from newsdesk.review.service.rules import (
    ReviewError,
    ReviewForbidden,
    SegmentConflict,
    require_edit,
    require_editor,
    target_article,
)
from newsdesk.review.service.segments import (
    SaveResult,
    fix_segment,
    post_edit_distance,
    save_segment,
    start_review,
)
from newsdesk.review.service.whole_text import restore_revision, save_markdown

__all__ = [
    "ReviewError",
    "ReviewForbidden",
    "SaveResult",
    "SegmentConflict",
    "fix_segment",
    "mark_ready",
    "post_edit_distance",
    "publish_override",
    "request_retranslation",
    "require_edit",
    "require_editor",
    "retranslate_changed",
    "restore_revision",
    "retranslated_message",
    "save_markdown",
    "save_segment",
    "set_mt_note",
    "start_review",
    "target_article",
]
