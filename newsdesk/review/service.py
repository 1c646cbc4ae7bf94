"""Service layer of the review workspace: save and approve sentences, re-translate what
changed in the source, mark ready, edit the whole Markdown, restore revisions, overrides.

Services check roles (translators only in their languages; overrides for editors), write
revisions and audit entries, and commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import stories
from ..extensions import db
from ..machine_translation import memory
from ..machine_translation import service as mt_service
from ..machine_translation.engine import Engine
from ..machine_translation.pipeline import sentence_key, translate_document
from ..models import (
    Article,
    Revision,
    Segment,
    SegmentStatus,
    Status,
    Story,
    TranslationJob,
    User,
)
from . import audit, hooks, qa, sentences
from .alignment import align
from .sentences import HUMAN_ORIGIN, is_missing, segments_of

log = logging.getLogger(__name__)


class ReviewError(stories.StoryError):
    """A rule of the review was broken; the message is shown to the user as is."""


class ReviewForbidden(ReviewError):
    """The user may not do this (a translator outside their languages, or an override)."""


class SegmentConflict(ReviewError):
    """The sentence changed since the page was loaded."""

    def __init__(self, message: str, segment: Segment) -> None:
        super().__init__(message)
        self.segment = segment


@dataclass
class SaveResult:
    segment: Segment
    changed: bool
    findings: list[qa.Finding] = field(default_factory=list)


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


def _human_touch(article: Article) -> None:
    """A machine draft somebody worked on is no longer an untouched machine draft."""
    if article.status == Status.MT_DRAFT:
        article.status = Status.DRAFT


def save_segment(
    segment: Segment,
    text: str,
    *,
    user: User | None,
    approve: bool = False,
    base: str | None = None,
) -> SaveResult:
    """Save one sentence's translation (and approve it); writes a revision when the
    article's text changed and the translation memory when approved."""
    article = segment.article
    story = article.story
    require_edit(user, article.lang)
    if base is not None and base != sentences.text_token(segment.target_text):
        raise SegmentConflict(
            _("Someone changed this sentence after you opened it. Their text is shown now."),
            segment,
        )
    text = " ".join(line.strip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if approve and not text:
        raise ReviewError(_("An empty sentence cannot be approved."))
    skeleton = sentences.source_layout(story)
    segments = sentences.aligned_segments(article, skeleton)
    changed = text != segment.target_text
    if changed:
        segment.target_text = text
        segment.origin = HUMAN_ORIGIN
        segment.status = SegmentStatus.EDITED
    elif segment.status == SegmentStatus.STALE and text:
        segment.status = SegmentStatus.EDITED  # checked: the old translation still fits
    if approve:
        segment.status = SegmentStatus.APPROVED
    if segment.status != SegmentStatus.STALE:
        hooks.resolve_stale(segment)
    number = segment.position + 1
    if approve:
        memory.remember(story.source_lang, article.lang, segment.source_text, text, user)
        audit.record("approved", article=article, user=user, sentence=number)
    if changed or approve:
        _human_touch(article)
    if sentences.render_into(article, skeleton, segments):
        stories.record_revision(article, user, f"sentence {number}")
        audit.record(
            "edited",
            article=article,
            user=user,
            version=article.version,
            sentence=number,
            post_edit_distance=post_edit_distance(segment),
        )
    db.session.commit()
    findings = qa.check_sentence(
        segment.source_text,
        segment.target_text,
        story.source_lang,
        article.lang,
        sentences.terms(),
        number,
    )
    return SaveResult(segment, changed, findings)


def fix_segment(segment: Segment, *, user: User | None) -> SaveResult:
    """Apply the one-click fixes (spaces, digit groups, Russian typography) to a sentence."""
    fixed = qa.fix_all(segment.target_text, segment.article.lang)
    return save_segment(segment, fixed, user=user)


def post_edit_distance(segment: Segment) -> float | None:
    """How much people changed the machine output: character edit distance / length, 0..1."""
    from rapidfuzz.distance import Levenshtein

    if not segment.machine_text or is_missing(segment):
        return None
    return round(Levenshtein.normalized_distance(segment.machine_text, segment.target_text), 4)


def start_review(story: Story, lang: str, *, user: User | None) -> Article:
    """Align an existing (hand-written or empty) translation sentence by sentence."""
    require_edit(user, lang)
    if lang == story.source_lang:
        raise ReviewError(_("This story has no translation into this language."))
    article = story.article(lang) or stories.add_article(story, lang=lang, user=user, commit=False)
    db.session.flush()
    if sentences.has_segments(article):
        return article
    skeleton = sentences.source_layout(story)
    aligned = align(
        skeleton,
        [""] * len(skeleton.units),
        article.title,
        article.lead,
        article.body,
        lang,
        story.source_lang,
        sentences.terms(),
    )
    from .staleness import ORIGIN_NONE

    segments = []
    for position, (unit, text) in enumerate(zip(skeleton.units, aligned.texts, strict=True)):
        text = text.strip()
        seg = Segment(
            article_id=article.id,
            position=position,
            part=unit.part,
            block=unit.block,
            index=unit.index,
            source_text=unit.text,
            source_key=sentence_key(unit.text) if text else "",
            target_text=text,
            machine_text="",
            origin=HUMAN_ORIGIN if text else ORIGIN_NONE,
            flags="",
            status=SegmentStatus.EDITED if text else SegmentStatus.STALE,
        )
        db.session.add(seg)
        segments.append(seg)
    db.session.flush()
    if sentences.render_into(article, skeleton, segments):
        stories.record_revision(article, user, "aligned for sentence review")
    audit.record(
        "review_started",
        article=article,
        user=user,
        sentences=len(segments),
        translated=sum(1 for s in segments if s.target_text),
    )
    db.session.commit()
    return article


def request_retranslation(article: Article, *, user: User | None) -> TranslationJob | None:
    """Queue "re-translate changed sentences" as a job (the story's running job if there is
    one); None when no sentence needs it."""
    story = article.story
    require_edit(user, article.lang)
    skeleton = sentences.source_layout(story)
    if not any(
        s.status == SegmentStatus.STALE for s in sentences.aligned_segments(article, skeleton)
    ):
        db.session.commit()
        return None
    return mt_service.queue_job(story, article.lang, user, mt_service.SCOPE_CHANGED)


def retranslate_changed(
    article: Article,
    *,
    user: User | None,
    engine: Engine | None = None,
    progress: Callable[[int, int], None] | None = None,
    hold: Callable[[bool], None] | None = None,
) -> int:
    """Machine-translate only the stale and missing sentences (translation memory first);
    everything else is kept as it is. Returns how many sentences were re-translated.

    ``progress(done, total)`` follows the sentences; a job passes ``hold``, its lease, which
    is called before writing (False) and before committing (True).
    """
    story = article.story
    require_edit(user, article.lang)
    skeleton = sentences.source_layout(story)
    segments = sentences.aligned_segments(article, skeleton)
    if not any(s.status == SegmentStatus.STALE for s in segments):
        if hold:
            hold(True)
        db.session.commit()
        return 0
    source = story.article(story.source_lang)
    if engine is None:
        if not mt_service.directions()[(story.source_lang, article.lang)].installed:
            raise ReviewError(mt_service.missing_model_message(story.source_lang, article.lang))
        engine = mt_service.load_engine(story.source_lang, article.lang)
    keep = {
        sentence_key(s.source_text): s.target_text
        for s in segments
        if s.status != SegmentStatus.STALE
    }
    cached = memory.CachingEngine(engine)
    result = translate_document(
        title=source.title,
        lead=source.lead,
        body=source.body,
        source=story.source_lang,
        target=article.lang,
        engine=cached,
        memory=memory.DatabaseMemory(keep),
        glossary=sentences.terms(),
        progress=progress,
        chunk_size=current_app.config["MT_JOB_CHUNK_SIZE"],
    )
    if hold:
        hold(False)
    # Read the sentences again inside the write: people may have adapted some meanwhile.
    db.session.flush()
    db.session.expire_all()
    segments = segments_of(article)
    if [s.source_text for s in segments] != [u.text for u in skeleton.units] or len(
        result.segments
    ) != len(segments):
        raise ReviewError(_("The source changed while translating; try again."))
    todo = [s for s in segments if s.status == SegmentStatus.STALE]
    for seg in todo:
        new = result.segments[seg.position]
        provenance = new.provenance or result.provenance
        seg.target_text, seg.machine_text = new.target, new.machine
        seg.origin, seg.score, seg.flags = new.origin, new.score, ",".join(new.flags)
        seg.package = provenance.package if provenance else ""
        seg.package_version = provenance.version if provenance else ""
        seg.status = SegmentStatus.MACHINE
        hooks.resolve_stale(seg)
    provenance = result.provenance
    if sentences.render_into(article, skeleton, segments):
        stories.record_revision(
            article,
            user,
            f"machine translation of {len(todo)} changed sentences"
            + (f" ({provenance.package} {provenance.version})" if provenance else " (memory)"),
        )
    audit.record(
        "machine_translated",
        article=article,
        user=user,
        scope="changed",
        sentences=[s.position + 1 for s in todo],
        engine=provenance.engine if provenance else "",
        package=provenance.package if provenance else "",
        version=provenance.version if provenance else "",
        engine_calls=cached.engine_calls,
    )
    if hold:
        hold(True)
    db.session.commit()
    return len(todo)


def mark_ready(article: Article, *, user: User | None, reason: str = "") -> sentences.Blockers:
    """Mark a translation ready: no machine or stale sentence and no blocking QA finding,
    unless an editor overrides with a reason (kept in the audit log)."""
    require_edit(user, article.lang)
    found = sentences.blockers(article) if sentences.has_segments(article) else None
    if found:
        if not reason.strip():
            raise ReviewError(" ".join([_("Not ready yet."), *found.messages()]))
        require_editor(user)
        audit.record(
            "overrode", article=article, user=user, reason=reason, gate="ready", **found.as_dict()
        )
    if article.is_empty:
        raise ReviewError(_("An article needs a title and a body before it is ready."))
    if article.status != Status.PUBLISHED:
        article.status = Status.READY
    audit.record("marked_ready", article=article, user=user)
    db.session.commit()
    return found or sentences.Blockers()


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


def set_mt_note(story: Story, enabled: bool, *, user: User | None) -> None:
    """Show (or not) readers of the translated side that it was machine-translated and
    reviewed by the editorial team."""
    require_editor(user)
    if story.mt_note != enabled:
        story.mt_note = enabled
        audit.record("mt_note", story=story, user=user, enabled=enabled)
        db.session.commit()


def publish_override(
    story: Story, *, mode: str, at: datetime | None, reason: str, user: User | None
) -> Story:
    """Publish despite an out-of-date translation, with the reason in the audit log."""
    require_editor(user)
    if not reason.strip():
        raise ReviewError(_("Give a reason for publishing an out-of-date translation."))
    if mode == "pair":
        return stories.publish_pair(story, at=at, user=user, override_reason=reason)
    return stories.publish_single(story, mode, at=at, user=user, override_reason=reason)


def retranslated_message(count: int) -> str:
    return ngettext(
        "%(num)d sentence was machine-translated again.",
        "%(num)d sentences were machine-translated again.",
        count,
    )
