"""Forms of the review workspace."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from newsdesk.stories.forms import VersionField, publish_mode_field


class SegmentForm(FlaskForm):
    """One sentence: its translation and what to do with it."""

    text = TextAreaField(_l("Translation"), validators=[Length(max=5000)])
    base = HiddenField()
    save = SubmitField(_l("Save"))
    approve = SubmitField(_l("Approve"))
    approve_next = SubmitField(_l("Approve and next"))
    override = TextAreaField(
        _l("Reason for approving despite the errors"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Kept with the approval in the audit log."),
    )


class ReadyForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for the override"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Editors only: why the translation may be ready despite the problems."),
    )
    submit = SubmitField(_l("Mark ready"))


def _body_size(form, field) -> None:
    limit = current_app.config["MAX_BODY_CHARS"]
    if field.data and len(field.data) > limit:
        raise ValidationError(_l("The body is longer than %(n)s characters.", n=limit))


class MarkdownForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    lead = TextAreaField(_l("Lead"), validators=[Optional(), Length(max=2000)])
    body = TextAreaField(_l("Body (Markdown)"), validators=[Optional(), _body_size])
    base_version = VersionField()
    save = SubmitField(_l("Save and re-align"))


class OverrideForm(FlaskForm):
    """Publish although a translation is out of date: editors only, with a reason."""

    mode = publish_mode_field()
    published_at = DateTimeLocalField(
        _l("Publication date"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Kept in the audit log."),
    )
    submit = SubmitField(_l("Publish anyway"))


class NoteForm(FlaskForm):
    mt_note = BooleanField(
        _l(
            "Tell readers of the translation: “Machine-translated and reviewed by the "
            "editorial team”"
        )
    )
    submit = SubmitField(_l("Save"))
