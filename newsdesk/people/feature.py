"""How the name register joins the app: called once by ``create_app``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from newsdesk.glossary.service import add_term_source
from newsdesk.models import Story
from newsdesk.people import service
from newsdesk.people.views import bp
from newsdesk.stories import signals
from newsdesk.stories.errors import StoryError


def _on_story_fields(app: Flask, *, story: Story, values: dict[str, Any], **_: Any) -> None:
    """A story was saved with its authors: make them its byline (unknown names refused)."""
    names = values.get("authors")
    if names is None:
        return
    text = names if isinstance(names, str) else ", ".join(names)
    try:
        service.set_authors(story, service.parse_authors(text))
    except service.PeopleError as exc:
        raise StoryError(str(exc), "authors") from None


def register(app: Flask) -> None:
    """Attach the register's pages, keep the bylines a story is saved with, and feed the
    register's names to MT as glossary terms."""
    app.register_blueprint(bp)
    signals.story_fields.connect(_on_story_fields, sender=app)
    add_term_source(app, service.pipeline_terms)
