"""Publishing stories: both languages with one date, one language deliberately, or neither."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import LANGS, Article, Status, Story, User, utcnow
from newsdesk.stories import signals
from newsdesk.stories.errors import PublishError
from newsdesk.stories.fields import other_lang
from newsdesk.stories.history import audit


def _publishable(article: Article | None) -> bool:
    return (
        article is not None
        and not article.is_empty
        and article.status in (Status.READY, Status.PUBLISHED)
    )


def _gate(story: Story, langs: list[str], user: User | None, override_reason: str) -> None:
    """Let the subscribers of ``before_publish`` refuse (review: out-of-date translations)."""
    signals.send(
        signals.before_publish,
        story=story,
        langs=langs,
        user=user,
        override_reason=override_reason,
    )


def publish(
    story: Story,
    mode: str,
    at: datetime | None = None,
    user: User | None = None,
    override_reason: str | None = None,
) -> Story:
    """Publish as chosen: ``mode`` "pair" (both languages, one date) or one language code."""
    reason = override_reason or ""
    if mode == "pair":
        return publish_pair(story, at=at, user=user, override_reason=reason)
    return publish_single(story, mode, at=at, user=user, override_reason=reason)


def publish_pair(
    story: Story,
    *,
    at: datetime | None = None,
    user: User | None = None,
    override_reason: str = "",
) -> Story:
    """Publish both languages with one shared date (now, or ``at`` for an embargo).

    A subscriber of ``signals.before_publish`` may refuse (review: an out-of-date
    translation, unless an editor gives ``override_reason``, which the audit log keeps).
    """
    for lang in LANGS:
        article = story.article(lang)
        if article is None:
            raise PublishError(_("The %(lang)s version does not exist yet.", lang=lang.upper()))
        if not _publishable(article):
            raise PublishError(
                _(
                    "The %(lang)s version must have a title and a body and be marked ready.",
                    lang=lang.upper(),
                )
            )
    _gate(story, list(LANGS), user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    story.single_language = None
    for article in story.articles:
        article.status = Status.PUBLISHED
    audit("published", story=story, user=user, mode="pair", at=story.published_at.isoformat())
    db.session.commit()
    return story


def publish_single(
    story: Story,
    lang: str,
    *,
    at: datetime | None = None,
    user: User | None = None,
    override_reason: str = "",
) -> Story:
    """Deliberately publish one language only; the choice is recorded on the story."""
    article = story.article(lang)
    if not _publishable(article):
        raise PublishError(
            _(
                "The %(lang)s version must have a title and a body and be marked ready.",
                lang=lang.upper(),
            )
        )
    _gate(story, [lang], user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    partner = story.article(other_lang(lang))
    if partner is None or partner.status != Status.PUBLISHED:
        story.single_language = lang
    article.status = Status.PUBLISHED
    audit("published", story=story, user=user, mode=lang, at=story.published_at.isoformat())
    db.session.commit()
    return story


def unpublish(story: Story, *, user: User | None = None) -> Story:
    """Take both languages off the public site; their text stays as ready drafts."""
    if story.published_at is None:
        raise PublishError(_("This story is not published."))
    for article in story.articles:
        if article.status == Status.PUBLISHED:
            article.status = Status.READY
    story.published_at = None
    story.single_language = None
    audit("unpublished", story=story, user=user)
    db.session.commit()
    return story
