"""The whole translation at once: save it as Markdown, or restore an old revision's text."""

from __future__ import annotations

from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.models import Article, Revision, User
from newsdesk.review import hooks, sentences
from newsdesk.review.sentences import segments_of
from newsdesk.review.service.rules import ReviewError, require_edit
from newsdesk.stories import audit
from newsdesk.stories import service as stories


def save_markdown(
    article: Article,
    *,
    title: str,
    lead: str,
    body: str,
    base_version: int | None,
    user: User | None,
) -> list[int]:
    """Save the whole translation as Markdown; its sentences are re-aligned (approved
    sentences that did not change stay approved). Returns the changed sentence numbers."""
    require_edit(user, article.lang)
    if sentences.has_segments(article):
        hooks.check_alignment(article, title, lead, body)
    before = {s.id: s.target_text for s in segments_of(article)}
    stories.update_article(
        article,
        title=title,
        lead=lead,
        body=body,
        slug=article.slug,
        base_version=base_version,
        user=user,
        note="whole text edited",
    )
    return [s.position + 1 for s in segments_of(article) if before.get(s.id) != s.target_text]


def restore_revision(article: Article, revision_id: int, *, user: User | None) -> Article:
    """Bring back an old revision's text as a new revision (nothing is ever destroyed)."""
    require_edit(user, article.lang)
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.article_id != article.id:
        raise ReviewError(_("There is no such revision of this article."))
    try:
        stories.update_article(
            article,
            title=revision.title,
            lead=revision.lead,
            body=revision.body,
            slug=revision.slug,
            user=user,
            note=f"restored version {revision.version}",
        )
    except stories.StoryError as exc:
        raise ReviewError(exc.message) from None
    audit.record("restored", article=article, user=user, version=revision.version)
    db.session.commit()
    return article
