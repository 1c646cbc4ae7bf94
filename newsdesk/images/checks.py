"""What the images feature tells an editor who publishes (lead image texts still empty), and
what it does when a story is purged from the trash (its file goes too)."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _

from newsdesk.images.service import delete_if_unused, get_lead_image
from newsdesk.models import Story
from newsdesk.stories import signals


def missing_texts(story: Story, lang: str) -> list[str]:
    """Which of the lead image's texts are empty in ``lang``: "alt", "caption" (none
    when the story has no lead image)."""
    image = get_lead_image(story)
    if image is None:
        return []
    texts = {"alt": image.alt(lang), "caption": image.caption(lang)}
    return [name for name, text in texts.items() if not text.strip()]


def _publish_warnings(_sender, *, story: Story, langs: tuple[str, ...], **_extra) -> list[str]:
    """Warn, never block: the Russian texts are the ones most often left for later."""
    if "ru" not in langs:
        return []
    missing = missing_texts(story, "ru")
    warnings = []
    if "alt" in missing:
        warnings.append(
            _(
                "The lead image has no Russian alt text: readers of the Russian page who "
                "cannot see the image get no description of it. Add it on the image page."
            )
        )
    if "caption" in missing:
        warnings.append(_("The lead image has no Russian caption."))
    return warnings


def _story_purging(_sender, *, story: Story, **_extra):
    """The purged story's image row goes with the story (cascade); its file after the commit."""
    image = get_lead_image(story)
    if image is None:
        return None
    filename = image.filename
    return lambda: delete_if_unused(filename)


def connect(app: Flask) -> None:
    """Subscribe to the stories feature's publish and purge signals for this app."""
    signals.publish_warnings.connect(_publish_warnings, sender=app)
    signals.story_purging.connect(_story_purging, sender=app)
