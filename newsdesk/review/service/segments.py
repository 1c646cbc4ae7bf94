"""Sentence by sentence: start a review, save, approve or fix one sentence of a translation."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from rapidfuzz.distance import Levenshtein

from newsdesk.extensions import db
from newsdesk.machine_translation.pipeline import sentence_key
from newsdesk.models import Article, Segment, SegmentStatus, Story, User
from newsdesk.review import fixes, hooks, qa, sentences
from newsdesk.review.alignment import align
from newsdesk.review.sentences import HUMAN_ORIGIN, is_missing
from newsdesk.review.service.approval import audit_detail, gate
from newsdesk.review.service.approval import blocking_findings as approval_blockers
from newsdesk.review.service.rules import ReviewError, SegmentConflict, human_touch, require_edit
from newsdesk.review.staleness import ORIGIN_NONE
from newsdesk.stories import audit
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import memory


@dataclass
class SaveResult:
    segment: Segment
    changed: bool
    findings: list[qa.Finding] = field(default_factory=list)
    kept_approval: bool = False  # a typography-only fix of an approved sentence
    lost_approval: bool = False  # a fix changed more than typography: review it again


def save_segment(
    segment: Segment,
    text: str,
    *,
    user: User | None,
    approve: bool = False,
    base: str | None = None,
    override: str = "",
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
    overridden = gate(segment, text, override) if approve else []
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
        audit.record(
            "approved",
            article=article,
            user=user,
            sentence=number,
            **audit_detail(override, overridden),
        )
    if changed or approve:
        human_touch(article)
    if sentences.render_into(article, skeleton, segments):
        stories.record_sentence_save(article, user, number)  # one revision a session
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
    """Apply the one-click fixes (spaces, digit groups, Russian typography) to a sentence;
    an approved sentence stays approved when only typography changed (``kept_approval``)."""
    before = segment.target_text
    fixed = qa.fix_all(before, segment.article.lang)
    was_approved = segment.status == SegmentStatus.APPROVED
    if (
        was_approved
        and fixed != before
        and fixes.typography_only(before, fixed)
        and not approval_blockers(segment, fixed)
    ):
        result = save_segment(segment, fixed, user=user, approve=True)
        result.kept_approval = True
        return result
    result = save_segment(segment, fixed, user=user)
    result.lost_approval = was_approved and result.changed
    return result


def post_edit_distance(segment: Segment) -> float | None:
    """How much people changed the machine output: character edit distance / length, 0..1."""

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
