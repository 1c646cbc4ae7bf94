"""Review pages about a story or an article as a whole: history, diffs and restore, the
audit log, the MT note and publishing despite an out-of-date translation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_utc
from flask_login import current_user

from newsdesk.extensions import db
from newsdesk.models import Revision
from newsdesk.review import diff, service
from newsdesk.review.blueprint import LANG, bp
from newsdesk.review.forms import NoteForm, OverrideForm
from newsdesk.security import ActionForm
from newsdesk.stories import audit, schedule
from newsdesk.stories import service as stories
from newsdesk.stories.views import story_or_404


def _article(story_id: int, lang: str):
    story = story_or_404(story_id)
    if not current_user.can_edit(lang):
        abort(403)
    article = story.article(lang)
    if article is None:
        abort(404)
    return story, article


@bp.route(f"/stories/<int:story_id>/{LANG}/history")
def show_history(story_id: int, lang: str):
    story, article = _article(story_id, lang)
    return render_template("review/history.html", story=story, article=article, action=ActionForm())


@bp.route(f"/stories/<int:story_id>/{LANG}/history/diff")
def show_diff(story_id: int, lang: str):
    story, article = _article(story_id, lang)
    by_id = {r.id: r for r in article.revisions}
    old, new = (
        by_id.get(request.args.get("a", type=int)),
        by_id.get(request.args.get("b", type=int)),
    )
    if old is None or new is None:
        abort(404)
    if old.version > new.version:
        old, new = new, old
    parts = [
        (_("Title"), diff.to_html(diff.word_diff(old.title, new.title))),
        (_("Lead"), diff.to_html(diff.word_diff(old.lead, new.lead))),
        (_("Body"), diff.to_html(diff.text_diff(old.body, new.body))),
    ]
    return render_template(
        "review/diff.html",
        story=story,
        article=article,
        old=old,
        new=new,
        parts=parts,
        action=ActionForm(),
    )


@bp.route(f"/stories/<int:story_id>/{LANG}/history/live")
def show_live_diff(story_id: int, lang: str):
    """What publishing the changes would change for readers: the live copy against the text."""
    story, article = _article(story_id, lang)
    live = article.live
    if live is None:
        abort(404)
    parts = [
        (_("Title"), diff.to_html(diff.word_diff(live.title, article.title))),
        (_("Address"), diff.to_html(diff.word_diff(live.slug, article.slug))),
        (_("Lead"), diff.to_html(diff.word_diff(live.lead, article.lead))),
        (_("Body"), diff.to_html(diff.text_diff(live.body, article.body))),
    ]
    return render_template(
        "review/live_diff.html", story=story, article=article, live=live, parts=parts
    )


@bp.route(f"/stories/<int:story_id>/{LANG}/history/<int:revision_id>/restore", methods=["POST"])
def restore_revision(story_id: int, lang: str, revision_id: int):
    story, article = _article(story_id, lang)
    if not ActionForm().validate_on_submit() or db.session.get(Revision, revision_id) is None:
        abort(400)
    try:
        service.restore_revision(article, revision_id, user=current_user)
    except service.ReviewForbidden:
        abort(403)
    except stories.StoryError as exc:
        flash(exc.message, "error")
    else:
        flash(_("The old text is back, as a new version."), "success")
    return redirect(url_for(".show_history", story_id=story.id, lang=lang))


@bp.route("/stories/<int:story_id>/audit")
def show_audit(story_id: int):
    story = story_or_404(story_id)
    return render_template("review/audit.html", story=story, entries=audit.entries(story))


@bp.route("/stories/<int:story_id>/mt-note", methods=["POST"])
def set_mt_note(story_id: int):
    story = story_or_404(story_id)
    form = NoteForm()
    if not current_user.can_publish or not form.validate_on_submit():
        abort(403)
    service.set_mt_note(story, bool(form.mt_note.data), user=current_user)
    flash(_("Saved."), "success")
    return redirect(url_for("stories.show_story", story_id=story.id))


@bp.route("/stories/<int:story_id>/publish-override", methods=["POST"])
def publish_override(story_id: int):
    story = story_or_404(story_id)
    if not current_user.can_publish:
        abort(403)
    form = OverrideForm()
    if not form.validate_on_submit():
        flash(_("Give a reason for publishing an out-of-date translation."), "error")
        return redirect(url_for("stories.show_story", story_id=story.id))
    at = to_utc(form.published_at.data) if form.published_at.data else None
    try:
        service.publish_override(
            story, mode=form.mode.data, at=at, reason=form.reason.data, user=current_user
        )
    except stories.StoryError as exc:
        for problem in getattr(exc, "problems", [exc.message]):
            flash(problem, "error")
    else:
        flash(schedule.scheduled_label(story) or _("Published."), "success")
    return redirect(url_for("stories.show_story", story_id=story.id))
