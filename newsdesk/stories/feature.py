"""How the stories feature joins the app: called once by ``create_app``."""

from __future__ import annotations

from flask import Flask

from newsdesk.stories import (
    notes,
    schedule,
    trash_views,  # noqa: F401  (adds the trash pages to bp)
)
from newsdesk.stories.cli import stories_group
from newsdesk.stories.views import bp


def register(app: Flask) -> None:
    """Attach the editor's story pages and the ``stories`` commands."""
    app.register_blueprint(bp)
    app.cli.add_command(stories_group)
    app.add_template_filter(notes.note_text, "revision_note")  # notes in the UI's language
    app.jinja_env.globals.update(
        publication_state=schedule.publication_state,
        scheduled_label=schedule.scheduled_label,
        zone_name=schedule.zone_name,
    )
