"""Re-translate only the sentences that changed in the source, as a job or in the request."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from newsdesk.extensions import db
from newsdesk.machine_translation.engine import Engine
from newsdesk.machine_translation.pipeline import sentence_key, translate_document
from newsdesk.models import Article, SegmentStatus, TranslationJob, User
from newsdesk.review import hooks, sentences
from newsdesk.review.sentences import segments_of
from newsdesk.review.service.rules import ReviewError, require_edit
from newsdesk.stories import audit
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import memory
from newsdesk.translation_jobs import service as mt_service


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


def retranslated_message(count: int) -> str:
    return ngettext(
        "%(num)d sentence was machine-translated again.",
        "%(num)d sentences were machine-translated again.",
        count,
    )
