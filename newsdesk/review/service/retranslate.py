"""Re-translate only the sentences that changed in the source, as a job or in the request."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from newsdesk.extensions import db
from newsdesk.machine_translation.engine import Engine
from newsdesk.machine_translation.pipeline import sentence_key
from newsdesk.models import Article, JobState, SegmentStatus, Story, TranslationJob, User, utcnow
from newsdesk.review import hooks, sentences
from newsdesk.review.sentences import segments_of
from newsdesk.review.service.rules import ReviewError, require_edit, target_article
from newsdesk.translation_jobs import draft_writer, leases
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
    if engine is None:
        if not mt_service.directions()[(story.source_lang, article.lang)].installed:
            raise ReviewError(mt_service.missing_model_message(story.source_lang, article.lang))
        engine = mt_service.load_engine(story.source_lang, article.lang)
    keep = {
        sentence_key(s.source_text): s.target_text
        for s in segments
        if s.status != SegmentStatus.STALE
    }
    translated = mt_service.translate_sentences(
        story.article(story.source_lang), article.lang, keep=keep, engine=engine, progress=progress
    )
    result = translated.document
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
        draft_writer.write_machine_sentence(seg, result.segments[seg.position], result.provenance)
        hooks.resolve_stale(seg)
    changed = sentences.render_into(article, skeleton, segments)
    draft_writer.record_machine_translation(
        article,
        user,
        result,
        revision=f"machine translation of {len(todo)} changed sentences" if changed else None,
        scope="changed",
        sentences=[s.position + 1 for s in todo],
        engine_calls=translated.engine_calls,
    )
    if hold:
        hold(True)
    db.session.commit()
    return len(todo)


@mt_service.job_scope(mt_service.SCOPE_CHANGED)
def run_changed_sentences_job(job: TranslationJob, engine: Engine | None) -> None:
    """A "re-translate changed sentences" job, run by its worker as the job's holder."""
    story = db.session.get(Story, job.story_id)
    article = target_article(story, job.target_lang)
    user = db.session.get(User, job.requested_by_id) if job.requested_by_id else None

    def hold(final: bool) -> None:
        if final:
            leases.renew(job, commit=False, state=JobState.DONE, finished_at=utcnow())
        else:
            leases.renew(job, commit=False)

    retranslate_changed(
        article,
        user=user,
        engine=engine,
        progress=lambda done, total: leases.renew(job, done=done, total=total),
        hold=hold,
    )


def retranslated_message(count: int) -> str:
    return ngettext(
        "%(num)d sentence was machine-translated again.",
        "%(num)d sentences were machine-translated again.",
        count,
    )
