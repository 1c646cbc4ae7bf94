"""Editor pages for machine translation: start a job, watch its progress, cancel it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from newsdesk.extensions import db
from newsdesk.models import LANGS, Story, TranslationJob
from newsdesk.security import ActionForm
from newsdesk.stories.views import story_or_404
from newsdesk.translation_jobs import service
from newsdesk.translation_jobs.directions import directions, missing_model_message

bp = Blueprint("translation_jobs", __name__, url_prefix="/editor")


@bp.route("/stories/<int:story_id>/translate/<any(en, ru):lang>", methods=["POST"])
def translate_story(story_id: int, lang: str):
    story = story_or_404(story_id)
    if not current_user.can_edit(lang) or not ActionForm().validate_on_submit():
        abort(403)
    try:
        job = service.request_translation(story, lang, current_user)
    except service.TranslationUnavailable as exc:
        flash(exc.message, "error")
    else:
        if job.state.value == "failed":
            flash(job.error, "error")
        elif job.state.value == "done":
            flash(_("The machine draft is ready."), "success")
        else:
            flash(_("Machine translation started."), "info")
    return redirect(url_for("stories.show_story", story_id=story.id, _anchor=f"side-{lang}"))


@bp.route("/jobs/<int:job_id>")
def show_job(job_id: int):
    """The job's progress as JSON, polled by the progress bar."""
    job = job_or_404(job_id)
    return jsonify(
        id=job.id,
        state=job.state.value,
        done=job.done,
        total=job.total,
        percent=job.percent,
        error=job.error,
        active=job.active,
        label=progress_label(job),
        message=_("Translation finished.") if job.state.value == "done" else "",
    )


def job_or_404(job_id: int) -> TranslationJob:
    """The job, unless it is unknown or its story is in the trash (as the story itself)."""
    job = db.get_or_404(TranslationJob, job_id)
    story_or_404(job.story_id)
    return job


def progress_label(job: TranslationJob) -> str:
    """The text under the bar: preparing until the sentences are counted, then done of total."""
    if not job.total:
        return _("Preparing the translation…")
    return ngettext(
        "%(done)d of %(num)d sentence", "%(done)d of %(num)d sentences", job.total, done=job.done
    )


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
def cancel_job(job_id: int):
    job = job_or_404(job_id)
    if not current_user.can_edit(job.target_lang) or not ActionForm().validate_on_submit():
        abort(403)
    service.cancel_job(job)
    flash(_("Machine translation cancelled."), "info")
    return redirect(url_for("stories.show_story", story_id=job.story_id))


def story_page_context(sender, *, story: Story, **extra) -> dict:
    """stories' ``story_page`` signal: the MT panel's directions and running jobs."""
    return {
        "directions": directions(),
        "jobs": {lang: service.active_job(story, lang) for lang in LANGS},
        "missing_model_message": missing_model_message,
    }
