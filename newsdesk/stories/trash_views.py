"""The editor's trash: delete a story to it, list it, restore a story, purge one for good."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.security import ActionForm
from newsdesk.stories import service as stories
from newsdesk.stories.views import bp


def _trashed_or_404(story_id: int):
    story = stories.get_story(story_id, trashed=True)
    if story is None or story.deleted_at is None:
        abort(404)
    return story


def _checked_form() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.route("/stories/<int:story_id>/delete", methods=["POST"])
def delete_story(story_id: int):
    """Move a story (both languages) to the trash."""
    story = stories.get_story(story_id)
    if story is None:
        abort(404)
    _checked_form()
    stories.delete_story(story, user=current_user)
    flash(_("The story was moved to the trash."), "success")
    return redirect(url_for("stories.show_trash"))


@bp.route("/trash")
def show_trash():
    """The stories in the trash, with who deleted them and when."""
    return render_template(
        "stories/trash.html",
        trashed=stories.trashed_stories(),
        action=ActionForm(),
    )


@bp.route("/trash/<int:story_id>/restore", methods=["POST"])
def restore_story(story_id: int):
    """Bring a story back from the trash, as it was."""
    story = _trashed_or_404(story_id)
    _checked_form()
    stories.restore_story(story, user=current_user)
    flash(_("The story was restored."), "success")
    return redirect(url_for("stories.show_story", story_id=story.id))


@bp.route("/trash/<int:story_id>/purge", methods=["POST"])
def purge_story(story_id: int):
    """Delete a story in the trash for good (admins)."""
    story = _trashed_or_404(story_id)
    _checked_form()
    stories.purge_story(story, user=current_user)
    flash(_("The story was deleted for good."), "success")
    return redirect(url_for("stories.show_trash"))
