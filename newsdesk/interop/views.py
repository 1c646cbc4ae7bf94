"""Editor pages for XLIFF: download a story's sentences (with their translation or empty
targets), upload the file the CAT tool wrote and see what the import flagged."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from newsdesk.extensions import db
from newsdesk.interop import xliff
from newsdesk.models import Story
from newsdesk.stories.errors import StoryError

bp = Blueprint("interop", __name__, url_prefix="/editor")
MAX_FLAGS = 10  # import warnings shown one by one; the rest are counted


class XliffImportForm(FlaskForm):
    file = FileField(_l("XLIFF file"), validators=[FileRequired(_l("Choose an XLIFF file."))])


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here needs a logged-in user (as the editor's)."""


@bp.route("/stories/<int:story_id>/xliff/<any(en, ru):lang>")
def export_xliff(story_id: int, lang: str):
    """Download the story's sentences for translation into ``lang`` as XLIFF 2.0: with the
    translation as it stands, or with empty targets (``?targets=empty``)."""
    story = db.get_or_404(Story, story_id)
    if not current_user.can_edit(lang):
        abort(403)
    empty = request.args.get("targets") == "empty"
    try:
        content = xliff.export_story(story, lang, user=current_user, empty=empty)
    except StoryError as exc:
        flash(exc.message, "error")
        return redirect(url_for("stories.show_story", story_id=story.id))
    name = xliff.filename(story, lang, empty=empty)
    disposition = f'attachment; filename="{name}"'
    return Response(
        content, mimetype=xliff.MEDIA_TYPE, headers={"Content-Disposition": disposition}
    )


@bp.route("/stories/<int:story_id>/xliff", methods=["POST"])
def import_xliff(story_id: int):
    """Apply an uploaded XLIFF file to this story; a refused file changes nothing."""
    story = db.get_or_404(Story, story_id)
    back = redirect(url_for("stories.show_story", story_id=story.id))
    form = XliffImportForm()
    if not form.validate_on_submit():
        for error in form.file.errors or [_("The form expired; try again.")]:
            flash(str(error), "error")
        return back
    try:
        result = xliff.import_story(form.file.data.read(), user=current_user, story_id=story.id)
    except StoryError as exc:
        flash(_("Nothing was imported. %(problem)s", problem=exc.message), "error")
        return back
    count = len(result.changed)
    flash(
        ngettext(
            "%(num)d sentence changed by the XLIFF file.",
            "%(num)d sentences changed by the XLIFF file.",
            count,
        ),
        "success",
    )
    for message in result.flag_messages(MAX_FLAGS):
        flash(message, "warning")
    for message in xliff.after_import_notes(result):
        flash(message, "warning")
    # The translator checks the imported text where its QA findings are: the review.
    return redirect(url_for("review.show_workspace", story_id=story.id, lang=result.lang))
