"""Publishing stories: both languages with one date, one language deliberately, or neither."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import LANGS, Status, Story, User, utcnow
from newsdesk.stories import signals
from newsdesk.stories.errors import PublishError
from newsdesk.stories.fields import other_lang
from newsdesk.stories.history import audit


class NotPublishable(PublishError):
    """One or more language versions are not ready; ``problems`` holds one message each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _missing(lang: str) -> str:
    if lang == "en":
        return _(
            "The English version does not exist yet: use “Create the English version” or "
            "“Machine-translate into English” on the story page."
        )
    return _(
        "The Russian version does not exist yet: use “Create the Russian version” or "
        "“Machine-translate into Russian” on the story page."
    )


def _no_title(lang: str) -> str:
    if lang == "en":
        return _("The English version has no title: open “Edit” and give it one.")
    return _("The Russian version has no title: open “Edit” and give it one.")


def _no_body(lang: str) -> str:
    if lang == "en":
        return _("The English version has no body: open “Edit” and write it.")
    return _("The Russian version has no body: open “Edit” and write it.")


def _not_ready(lang: str, source: bool) -> str:
    if source:
        if lang == "en":
            return _(
                "The English version is not marked ready: open “Edit” and set its status to Ready."
            )
        return _(
            "The Russian version is not marked ready: open “Edit” and set its status to Ready."
        )
    if lang == "en":
        return _("The English version is not marked ready: open the review and press “Mark ready”.")
    return _("The Russian version is not marked ready: open the review and press “Mark ready”.")


def publish_problems(story: Story, langs: list[str] | tuple[str, ...]) -> list[str]:
    """What keeps these languages from being published, one message per problem."""
    problems: list[str] = []
    for lang in langs:
        article = story.article(lang)
        if article is None:
            problems.append(_missing(lang))
            continue
        if not article.title.strip():
            problems.append(_no_title(lang))
        if not article.body.strip():
            problems.append(_no_body(lang))
        if article.status not in (Status.READY, Status.PUBLISHED):
            problems.append(_not_ready(lang, lang == story.source_lang))
    return problems


def _check(story: Story, langs: list[str]) -> None:
    problems = publish_problems(story, langs)
    if problems:
        raise NotPublishable(problems)


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
    _check(story, list(LANGS))
    _gate(story, list(LANGS), user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    story.single_language = None
    for article in story.articles:
        article.status = Status.PUBLISHED
    audit("published", story=story, user=user, mode="pair", at=story.published_at.isoformat())
    db.session.commit()
    signals.send(signals.published, story=story)
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
    _check(story, [lang])
    article = story.article(lang)
    _gate(story, [lang], user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    partner = story.article(other_lang(lang))
    if partner is None or partner.status != Status.PUBLISHED:
        story.single_language = lang
    article.status = Status.PUBLISHED
    audit("published", story=story, user=user, mode=lang, at=story.published_at.isoformat())
    db.session.commit()
    signals.send(signals.published, story=story)
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
