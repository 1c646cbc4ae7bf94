"""How the review workspace reacts to story events (``newsdesk.stories.signals``, connected
in ``connect``): staleness of translations, re-alignment of edited translations, the gates."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _

from newsdesk.extensions import db
from newsdesk.machine_translation.pipeline import normalize_sentence, sentence_key
from newsdesk.models import Article, SegmentStatus, Status, Story, User
from newsdesk.models.review import StaleSource
from newsdesk.review import sentences
from newsdesk.review.alignment import AlignmentError, align
from newsdesk.review.staleness import is_missing, sync_with_source
from newsdesk.stories import audit, signals
from newsdesk.stories import service as stories
from newsdesk.stories.errors import PublishError


def article_saved(article: Article, user: User | None) -> None:
    """After an article's fields changed (before the revision is written): keep its
    translation's sentences honest, or re-align this translation's sentences."""
    story = article.story
    if article.lang == story.source_lang:
        target = story.article(sentences.other_lang(article.lang))
        if sentences.has_segments(target):
            source_changed(story, target, user)
    elif sentences.has_segments(article):
        realign(article)


def source_changed(story: Story, target: Article, user: User | None) -> None:
    """The source was saved: mark changed sentences stale, add missing, drop deleted ones."""
    skeleton = sentences.source_layout(story)
    change = sync_with_source(target, skeleton)
    segments = sentences.segments_of(target)
    body_changed = sentences.render_into(target, skeleton, segments)
    if change:
        withdrawn = target.status == Status.READY and any(
            s.status == SegmentStatus.STALE for s in segments
        )
        if withdrawn:
            target.status = Status.DRAFT
        audit.record(
            "source_changed",
            article=target,
            user=user,
            ready_withdrawn=withdrawn,
            **change.summary,
        )
    if body_changed:
        stories.record_revision(target, user, "aligned with the changed source")


def realign(article: Article) -> list[int]:
    """Distribute the article's (just typed) text over its source sentences.

    Sentences whose text changed become ``edited``; unchanged ones keep their status
    (approved work survives). The article is then re-rendered in the source's skeleton.
    Returns the 1-based numbers of the changed sentences.
    """
    story = article.story
    skeleton = sentences.source_layout(story)
    segments = sentences.aligned_segments(article, skeleton)
    aligned = align(
        skeleton,
        [s.target_text for s in segments],
        article.title,
        article.lead,
        article.body,
        article.lang,
        story.source_lang,
        sentences.terms(),
    )
    edited = []
    for seg, text in zip(segments, aligned.texts, strict=True):
        text = text.strip()
        if text == seg.target_text:
            continue
        if normalize_sentence(text) != normalize_sentence(seg.target_text):
            seg.status = SegmentStatus.EDITED
            seg.origin = sentences.HUMAN_ORIGIN
            edited.append(seg.position + 1)
        seg.target_text = text
        if seg.status == SegmentStatus.EDITED and text:
            resolve_stale(seg)
    sentences.render_into(article, skeleton, segments)
    return edited


def resolve_stale(seg) -> None:
    """A person has dealt with a stale or missing sentence: it now translates the current
    source sentence."""
    seg.source_key = sentence_key(seg.source_text)
    row = db.session.get(StaleSource, seg.id)
    if row is not None:
        db.session.delete(row)


def check_alignment(article: Article, title: str, lead: str, body: str) -> None:
    """Raise AlignmentError if typed text cannot be aligned (nothing is changed)."""
    story = article.story
    skeleton = sentences.source_layout(story)
    olds = [s.target_text for s in sentences.segments_of(article)]
    if len(olds) == len(skeleton.units):
        align(skeleton, olds, title, lead, body, article.lang, story.source_lang, sentences.terms())


def ready_problems(article: Article) -> list[str]:
    """Why an aligned translation may not be marked ready (empty when it may)."""
    if not sentences.has_segments(article):
        return []
    return sentences.blockers(article).messages()


def stale_sides(story: Story, langs: list[str]) -> dict[str, int]:
    """Per language about to be published: how many of its sentences are stale or missing."""
    out = {}
    for lang in langs:
        article = story.article(lang)
        if lang != story.source_lang and sentences.has_segments(article):
            count = sum(
                1
                for s in sentences.segments_of(article)
                if s.status == SegmentStatus.STALE or is_missing(s)
            )
            if count:
                out[lang] = count
    return out


def publish_gate(story: Story, langs: list[str], user: User | None, override_reason: str) -> None:
    """Refuse to publish an out-of-date translation unless an editor overrides with a reason."""
    stale = stale_sides(story, langs)
    if not stale:
        return
    if not override_reason.strip():
        problems = " ".join(sentences.stale_message(lang, n) for lang, n in stale.items())
        raise PublishError(problems + " " + _("An editor can publish anyway by giving a reason."))
    if user is not None and not user.can_publish:
        raise PublishError(_("Only editors can override the publishing checks."))
    audit.record(
        "overrode",
        story=story,
        user=user,
        reason=override_reason,
        gate="publish",
        stale=stale,
    )


def _on_article_saved(_app: Flask, *, article: Article, user: User | None) -> None:
    article_saved(article, user)


def _on_before_ready(_app: Flask, *, article: Article) -> list[str]:
    return ready_problems(article)


def _on_before_publish(
    _app: Flask, *, story: Story, langs: list[str], user: User | None, override_reason: str
) -> None:
    publish_gate(story, langs, user, override_reason)


def connect(app: Flask) -> None:
    """Subscribe this app's review to the story events (once per app: blinker keeps one
    connection per receiver and sender)."""
    signals.article_saved.connect(_on_article_saved, sender=app)
    signals.before_ready.connect(_on_before_ready, sender=app)
    signals.before_publish.connect(_on_before_publish, sender=app)


__all__ = [
    "AlignmentError",
    "article_saved",
    "check_alignment",
    "connect",
    "publish_gate",
    "realign",
]
