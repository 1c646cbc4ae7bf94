"""The editor's page for a story's lead image: upload or replace it, describe it per language."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Optional

from newsdesk.images import service as images
from newsdesk.models import LANGS
from newsdesk.security import ActionForm
from newsdesk.stories.views import story_or_404

bp = Blueprint("images", __name__, url_prefix="/editor")


class ImageForm(FlaskForm):
    image = FileField(
        _l("Image file"),
        description=_l("JPEG, PNG or WebP, at least 320 pixels wide. Leave empty to keep it."),
    )
    alt_en = StringField(
        _l("Alt text in English"),
        validators=[Optional(), Length(max=images.MAX_ALT)],
        description=_l("What the image shows, for readers who cannot see it."),
    )
    caption_en = StringField(
        _l("Caption in English"), validators=[Optional(), Length(max=images.MAX_CAPTION)]
    )
    alt_ru = StringField(
        _l("Alt text in Russian"),
        validators=[Optional(), Length(max=images.MAX_ALT)],
        description=_l("What the image shows, for readers who cannot see it."),
    )
    caption_ru = StringField(
        _l("Caption in Russian"), validators=[Optional(), Length(max=images.MAX_CAPTION)]
    )
    save = SubmitField(_l("Save"))


def _publisher_story(story_id: int):
    if not current_user.can_publish:
        abort(403)
    return story_or_404(story_id)


@bp.route("/stories/<int:story_id>/image", methods=["GET", "POST"])
def edit_image(story_id: int):
    story = _publisher_story(story_id)
    image = images.get_lead_image(story)
    form = ImageForm()
    if not form.is_submitted() and image is not None:
        for lang in LANGS:
            form[f"alt_{lang}"].data = image.alt(lang)
            form[f"caption_{lang}"].data = image.caption(lang)
    if form.validate_on_submit():
        try:
            if form.image.data:
                image = images.set_lead_image(story, form.image.data.read(), user=current_user)
            elif image is None:
                raise images.ImageError(_("Choose an image file."))
            texts = {
                lang: (form[f"alt_{lang}"].data or "", form[f"caption_{lang}"].data or "")
                for lang in LANGS
            }
            images.set_image_texts(image, texts)
        except images.ImageError as exc:
            flash(str(exc), "error")
            return _render(story, images.get_lead_image(story), form), 400
        flash(_("The lead image is saved."), "success")
        return redirect(url_for("images.edit_image", story_id=story.id))
    return _render(story, image, form)


def _render(story, image, form):
    return render_template(
        "images/image.html",
        story=story,
        image=image,
        form=form,
        remove=ActionForm(),
        max_mb=f"{images.max_bytes() / 1024 / 1024:g}",
    )


@bp.route("/stories/<int:story_id>/image/delete", methods=["POST"])
def delete_image(story_id: int):
    story = _publisher_story(story_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if images.remove_lead_image(story):
        flash(_("The lead image is removed."), "success")
    return redirect(url_for("images.edit_image", story_id=story.id))
