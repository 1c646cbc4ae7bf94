"""What the review workspace adds to the stories' editor pages (``story_page`` and
``story_list_page`` signals): the panels to include and the data they show, loaded here."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask

from newsdesk.models import Story
from newsdesk.review import report
from newsdesk.review.forms import NoteForm, OverrideForm
from newsdesk.review.sentences import unresolved_counts
from newsdesk.stories import signals


def story_page(_app: Flask, *, story: Story) -> dict:
    """Each translation's review state, the override and MT-note forms, and their panels."""
    return {
        "side_panels": ["review/_story_side.html"],
        "story_panels": ["review/_story_review.html"],
        "review_overview": report.overview(story),
        "review_forms": {
            "override": OverrideForm(formdata=None),
            "note": NoteForm(formdata=None, mt_note=story.mt_note),
        },
    }


def story_list_page(_app: Flask, *, stories: Sequence[Story]) -> dict:
    """Story id -> stale or missing sentences of its translation, and the badge showing it."""
    return {
        "list_cell_panels": ["review/_list_stale.html"],
        "stale_counts": unresolved_counts([s.id for s in stories]),
    }


def connect(app: Flask) -> None:
    """Subscribe this app's review to the stories' pages."""
    signals.story_page.connect(story_page, sender=app)
    signals.story_list_page.connect(story_list_page, sender=app)
