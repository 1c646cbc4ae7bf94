"""Forms of the editor: article editing, publishing, UI language."""

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from newsdesk.accounts.forms import AuthorField
from newsdesk.hygiene import MAX_ID
from newsdesk.models import Status


def _body_size(form, field) -> None:
    limit = current_app.config["MAX_BODY_CHARS"]
    if field.data and len(field.data) > limit:
        raise ValidationError(_l("The body is longer than %(n)s characters.", n=limit))


class VersionField(HiddenField):
    """The article version the form was opened at (for the check against lost updates). The
    page always sends a number; anything else is a damaged form: 400, not a crash."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data and not (
            self.data.isascii() and self.data.isdigit() and int(self.data) <= MAX_ID
        ):
            abort(400)


class ArticleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        _l("Slug"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "Part of the address. Until the first publication it follows the title, unless you "
            "type your own; after that it stays, and a changed one redirects from the old address."
        ),
    )
    lead = TextAreaField(_l("Lead"), validators=[Optional(), Length(max=2000)])
    body = TextAreaField(_l("Body (Markdown)"), validators=[Optional(), _body_size])
    tags = StringField(
        _l("Tags"), validators=[Optional(), Length(max=500)], description=_l("Separated by commas.")
    )
    authors = StringField(
        _l("Authors"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Names from the register of people, in byline order, separated by commas."),
    )
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice(Status.DRAFT.value, _l("Draft")),
            SelectChoice(Status.READY.value, _l("Ready")),
        ],
        default=Status.DRAFT.value,
    )
    base_version = VersionField()
    author = AuthorField()  # whose text this is, should the session end before Save
    save = SubmitField(_l("Save"))
    preview = SubmitField(_l("Preview"))


class NewStoryForm(ArticleForm):
    lang = SelectField(
        _l("Written in"),
        choices=[SelectChoice("en", _l("English")), SelectChoice("ru", _l("Russian"))],
        default="en",
    )


def publish_mode_field() -> RadioField:
    """The choice between publishing the pair and one language (publish and override forms)."""
    return RadioField(
        _l("What to publish"),
        choices=[
            SelectChoice("pair", _l("Both languages (the pair)")),
            SelectChoice("en", _l("English only")),
            SelectChoice("ru", _l("Russian only")),
        ],
        default="pair",
    )


class PublishForm(FlaskForm):
    mode = publish_mode_field()
    published_at = DateTimeLocalField(
        _l("Publication date"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Leave empty to publish now; a future date schedules the story."),
    )
    submit = SubmitField(_l("Publish"))
