"""Rules shared by the review services: their errors, who may edit or override, the target."""

from __future__ import annotations

from flask_babel import gettext as _

from newsdesk.models import Article, Segment, Status, Story, User
from newsdesk.stories import service as stories


class ReviewError(stories.StoryError):
    """A rule of the review was broken; the message is shown to the user as is."""


class ReviewForbidden(ReviewError):
    """The user may not do this (a translator outside their languages, or an override)."""


class SegmentConflict(ReviewError):
    """The sentence changed since the page was loaded."""

    def __init__(self, message: str, segment: Segment) -> None:
        super().__init__(message)
        self.segment = segment


def require_edit(user: User | None, lang: str) -> None:
    """Translators work in their languages only; editors and admins everywhere."""
    if user is not None and not user.can_edit(lang):
        raise ReviewForbidden(_("You do not translate into this language."))


def require_editor(user: User | None) -> None:
    if user is not None and not user.can_publish:
        raise ReviewForbidden(_("Only editors can do this."))


def target_article(story: Story, lang: str) -> Article:
    """The translation into ``lang`` (never the source)."""
    article = story.article(lang)
    if lang == story.source_lang or article is None:
        raise ReviewError(_("This story has no translation into this language."))
    return article


def human_touch(article: Article) -> None:
    """A machine draft somebody worked on is no longer an untouched machine draft."""
    if article.status == Status.MT_DRAFT:
        article.status = Status.DRAFT
