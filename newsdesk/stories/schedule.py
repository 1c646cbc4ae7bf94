"""Scheduled or published: a story's state computed from its date, and how it is named."""

from __future__ import annotations

from datetime import UTC, datetime

from babel.dates import get_timezone_name
from flask_babel import format_datetime, get_locale, get_timezone
from flask_babel import gettext as _

from newsdesk.models import Status, Story, utcnow

# Day, short month, year and 24-hour time in every UI language ("10 Dec 2026, 10:00").
WHEN_PATTERN = "d MMM y, HH:mm"


def publication_state(story: Story, now: datetime | None = None) -> str:
    """ "published", "scheduled" (published with a date still to come) or "unpublished".

    Computed from the date, so a scheduled story becomes published without any job."""
    if story.published_at is None:
        return "unpublished"
    if not any(article.status == Status.PUBLISHED for article in story.articles):
        return "unpublished"
    return "scheduled" if story.published_at > (now or utcnow()) else "published"


def is_scheduled(story: Story, now: datetime | None = None) -> bool:
    """Whether the story waits for its publication date."""
    return publication_state(story, now) == "scheduled"


def zone_name(moment: datetime | None = None) -> str:
    """The site's time zone in words, in the UI language ("Moscow Standard Time")."""
    zone = get_timezone()
    local = (moment or utcnow()).replace(tzinfo=UTC).astimezone(zone)
    return get_timezone_name(local, "long", locale=get_locale())


def when_text(moment: datetime) -> str:
    """A stored (naive UTC) time in the site's time zone, formatted by Babel."""
    return format_datetime(moment, WHEN_PATTERN)


def scheduled_label(story: Story, now: datetime | None = None) -> str | None:
    """ "Scheduled for 10 Dec 2026, 10:00 (Moscow Standard Time)", or None when not scheduled."""
    if not is_scheduled(story, now):
        return None
    when = story.published_at
    return _("Scheduled for %(when)s (%(zone)s)", when=when_text(when), zone=zone_name(when))
