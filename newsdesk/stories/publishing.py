"""Publishing stories: both languages with one date, one language deliberately, or neither."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import LANGS, Article, LiveArticle, Status, Story, User, utcnow
from newsdesk.models.live import TEXT_FIELDS
from newsdesk.stories import signals
from newsdesk.stories.errors import PublishError
from newsdesk.stories.fields import other_lang
from newsdesk.stories.history import audit
from newsdesk.stories.slugs import went_live


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


def change_problems(story: Story, langs: list[str] | tuple[str, ...]) -> list[str]:
    """What the checks of "Mark ready" find in the unpublished changes of live versions
    (review: machine sentences nobody approved, stale ones, blocking QA findings): changes
    reach readers through the same checks as a first publication."""
    problems: list[str] = []
    for article in story.articles:
        if article.lang in langs and article.unpublished_changes:
            problems.extend(signals.ready_problems(article))
    return problems


def has_unpublished_changes(story: Story, langs: list[str] | tuple[str, ...]) -> bool:
    """Whether publishing these languages would change what readers see of a live version."""
    return any(a.unpublished_changes for a in story.articles if a.lang in langs)


def go_live(article: Article, user: User | None) -> None:
    """Copy the working text to the live copy readers see; a changed live slug leaves its old
    address behind as a redirect."""
    live = article.live
    if live is None:
        went_live(article, None)
        article.live = LiveArticle(
            id=article.id,
            story=article.story,
            lang=article.lang,
            version=article.version,
            published_by_id=user.id if user is not None else None,
            **{name: getattr(article, name) for name in TEXT_FIELDS},
        )
        return
    if not article.unpublished_changes:
        return
    if live.slug != article.slug:
        went_live(article, live.slug)
    for name in TEXT_FIELDS:
        setattr(live, name, getattr(article, name))
    live.version, live.updated_at = article.version, utcnow()
    live.published_by_id = user.id if user is not None else None


def _check(story: Story, langs: list[str], user: User | None, override_reason: str) -> None:
    """Refuse what is not publishable; an editor's reason overrides the checks of changes
    (as it does "Mark ready"), and the audit log keeps it."""
    problems = publish_problems(story, langs)
    unready = change_problems(story, langs)
    if unready and override_reason.strip() and (user is None or user.can_publish):
        audit("overrode", story=story, user=user, gate="changes", reason=override_reason)
        unready = []
    if problems or unready:
        raise NotPublishable(problems + unready)


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
    _check(story, list(LANGS), user, override_reason)
    _gate(story, list(LANGS), user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    story.single_language = None
    for article in story.articles:
        article.status = Status.PUBLISHED
        go_live(article, user)
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
    _check(story, [lang], user, override_reason)
    article = story.article(lang)
    _gate(story, [lang], user, override_reason)
    story.published_at = at or story.published_at or utcnow()
    partner = story.article(other_lang(lang))
    if partner is None or partner.status != Status.PUBLISHED:
        story.single_language = lang
    article.status = Status.PUBLISHED
    go_live(article, user)
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
        article.live = None  # readers' copy goes; its text is the article's or a revision's
    story.published_at = None
    story.single_language = None
    audit("unpublished", story=story, user=user)
    db.session.commit()
    return story
