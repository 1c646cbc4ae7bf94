"""Pages of the review workspace, sentence by sentence: thin views over newsdesk.review.service
(the pages about a whole story or article are in :mod:`.story_views`)."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from newsdesk.extensions import db
from newsdesk.hygiene import page_number
from newsdesk.models import Segment
from newsdesk.review import report, service, workspace
from newsdesk.review.blueprint import LANG, bp
from newsdesk.review.fix_views import fix_message
from newsdesk.review.forms import MarkdownForm, ReadyForm, SegmentForm
from newsdesk.review.header import header_state
from newsdesk.review.sentences import has_segments, text_token
from newsdesk.review.service.approval import ApprovalRefused
from newsdesk.security import ActionForm
from newsdesk.stories import service as stories
from newsdesk.stories.views import story_or_404


@bp.before_request
@login_required
def require_login() -> None:
    """Every review page needs a logged-in user."""


def _translation(story_id: int, lang: str):
    """The story and its translation into ``lang``, for a user who works in ``lang``."""
    story = story_or_404(story_id)
    if not current_user.can_edit(lang):
        abort(403)
    if lang == story.source_lang or story.article(lang) is None:
        abort(404)
    return story, story.article(lang)


def _back(story, lang: str, anchor: str | None = None, **args):
    return redirect(
        url_for(".show_workspace", story_id=story.id, lang=lang, _anchor=anchor, **args)
    )


def _row_url(story, lang: str, segment: Segment) -> str:
    """The workspace page showing ``segment``, scrolled to it."""
    page = workspace.page_of(segment)
    args = {"page": page} if page > 1 else {}
    return url_for(
        ".show_workspace", story_id=story.id, lang=lang, _anchor=f"s{segment.position + 1}", **args
    )


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json"


def _error(exc: service.ReviewError, story, lang: str, status: int = 400):
    if isinstance(exc, service.ReviewForbidden):
        abort(403)
    if _wants_json():
        return jsonify(ok=False, message=exc.message), status
    flash(exc.message, "error")
    return _back(story, lang)


@bp.route(f"/stories/<int:story_id>/review/{LANG}")
def show_workspace(story_id: int, lang: str):
    story, article = _translation(story_id, lang)
    order = request.args.get("order") if request.args.get("order") == "risk" else "document"
    show = request.args.get("show") if request.args.get("show") == "todo" else "all"
    if not has_segments(article):
        return render_template("review/start.html", story=story, article=article, form=ActionForm())
    ws = workspace.load(
        story,
        lang,
        order=order,
        show=show,
        page=page_number(),
        finding=request.args.get("finding", ""),
    )
    blank = SegmentForm(formdata=None)  # one form's labels for every row (a form a row: slow)

    def form_for(seg):
        blank.text.data, blank.base.data = seg.target_text, text_token(seg.target_text)
        return blank

    return render_template(
        "review/workspace.html",
        ws=ws,
        header=header_state(ws, current_user),
        form_for=form_for,
        ready=ReadyForm(),
        action=ActionForm(),
    )


@bp.route(f"/stories/<int:story_id>/review/{LANG}/start", methods=["POST"])
def start_review(story_id: int, lang: str):
    story, _article = _translation(story_id, lang)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        service.start_review(story, lang, user=current_user)
    except stories.StoryError as exc:
        flash(exc.message, "error")
    return _back(story, lang)


def _segment(article, segment_id: int) -> Segment:
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.article_id != article.id:
        abort(404)
    return segment


@bp.route(f"/stories/<int:story_id>/review/{LANG}/sentences/<int:segment_id>", methods=["POST"])
def save_sentence(story_id: int, lang: str, segment_id: int):
    story, article = _translation(story_id, lang)
    segment = _segment(article, segment_id)
    form = SegmentForm()
    if not form.validate_on_submit():
        return _error(service.ReviewError(_("The sentence could not be saved.")), story, lang)
    approve = bool(form.approve.data or form.approve_next.data)
    try:
        result = service.save_segment(
            segment,
            form.text.data or "",
            user=current_user,
            approve=approve,
            base=form.base.data,
            override=form.override.data or "",
        )
    except service.SegmentConflict as exc:
        return _error(exc, story, lang, 409)
    except ApprovalRefused as exc:
        # Keep what was typed, unapproved; the row comes back with the override field.
        service.save_segment(segment, form.text.data or "", user=current_user, base=form.base.data)
        if _wants_json():
            return jsonify(_row_reply(story, lang, segment, None, exc.message, ok=False)), 400
        flash(exc.message, "error")
        return redirect(_row_url(story, lang, segment))
    except service.ReviewError as exc:
        return _error(exc, story, lang)
    following = workspace.next_to_review(segment) if form.approve_next.data else None
    if _wants_json():
        return _row_json(story, lang, result.segment, following)
    flash(_("Sentence %(n)d saved.", n=segment.position + 1), "success")
    return redirect(_row_url(story, lang, following or segment))


def _row_json(story, lang: str, segment: Segment, following: Segment | None, message: str = ""):
    return jsonify(_row_reply(story, lang, segment, following, message))


def _row_reply(story, lang, segment, following, message: str = "", ok: bool = True) -> dict:
    """The re-rendered row, summary and header after a save (review.js swaps them in)."""
    ws = workspace.load(story, lang, details=segment.id)
    row = next(r for r in ws.rows if r.segment.id == segment.id)
    form = SegmentForm(
        formdata=None, text=segment.target_text, base=text_token(segment.target_text)
    )
    return dict(
        ok=ok,
        row=render_template("review/_row.html", ws=ws, row=row, form=form),
        summary=render_template("review/_summary.html", ws=ws),
        header=header_state(ws, current_user),
        next=f"s{following.position + 1}" if following else None,
        # review.js goes there when the next sentence is not on the page shown
        next_url=_row_url(story, lang, following) if following else None,
        message=message,
    )


@bp.route(f"/stories/<int:story_id>/review/{LANG}/sentences/<int:segment_id>/fix", methods=["POST"])
def fix_sentence(story_id: int, lang: str, segment_id: int):
    story, article = _translation(story_id, lang)
    segment = _segment(article, segment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        result = service.fix_segment(segment, user=current_user)
    except service.ReviewError as exc:
        return _error(exc, story, lang)
    message = fix_message(result)
    if _wants_json():
        return _row_json(story, lang, segment, None, message)
    flash(message, "success")
    return redirect(_row_url(story, lang, segment))


@bp.route(f"/stories/<int:story_id>/review/{LANG}/retranslate", methods=["POST"])
def retranslate_changed(story_id: int, lang: str):
    story, article = _translation(story_id, lang)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        job = service.request_retranslation(article, user=current_user)
    except stories.StoryError as exc:
        return _error(exc, story, lang)
    if job is None:
        flash(service.retranslated_message(0), "success")
    elif job.state.value == "done":  # jobs that ran inline
        flash(_("The changed sentences were machine-translated again."), "success")
    elif job.state.value == "failed":
        flash(job.error, "error")
    return _back(story, lang)


@bp.route(f"/stories/<int:story_id>/review/{LANG}/ready", methods=["POST"])
def mark_ready(story_id: int, lang: str):
    story, article = _translation(story_id, lang)
    form = ReadyForm()
    if not form.validate_on_submit():
        abort(400)
    if form.reason.data and not current_user.can_publish:
        abort(403)
    try:
        service.mark_ready(article, user=current_user, reason=form.reason.data or "")
    except service.ReviewError as exc:
        return _error(exc, story, lang)
    flash(_("The translation is marked ready."), "success")
    return redirect(url_for("stories.show_story", story_id=story.id, _anchor=f"side-{lang}"))


@bp.route(f"/stories/<int:story_id>/review/{LANG}/markdown", methods=["GET", "POST"])
def edit_markdown(story_id: int, lang: str):
    story, article = _translation(story_id, lang)
    form = MarkdownForm(obj=article if request.method == "GET" else None)
    if request.method == "GET":
        form.base_version.data = article.version
    if form.validate_on_submit():
        try:
            changed = service.save_markdown(
                article,
                title=form.title.data,
                lead=form.lead.data or "",
                body=form.body.data or "",
                base_version=int(form.base_version.data or 0) or None,
                user=current_user,
            )
        except stories.ConflictError as exc:
            flash(exc.message, "error")
            return render_template(
                "review/markdown.html",
                story=story,
                article=article,
                form=form,
                conflict=exc.current,
            ), 409
        except stories.StoryError as exc:
            flash(exc.message, "error")
        else:
            flash(
                ngettext(
                    "Saved and re-aligned: %(num)d sentence changed.",
                    "Saved and re-aligned: %(num)d sentences changed.",
                    len(changed),
                ),
                "success",
            )
            return _back(story, lang)
    return render_template("review/markdown.html", story=story, article=article, form=form)


@bp.route(f"/stories/<int:story_id>/review/{LANG}/report")
def show_report(story_id: int, lang: str):
    story, article = _translation(story_id, lang)
    rows, summary = report.report(story, lang)
    return render_template(
        "review/report.html", story=story, article=article, rows=rows, summary=summary
    )
