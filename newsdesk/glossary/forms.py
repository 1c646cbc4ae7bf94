"""The glossary's forms: one term, a CSV import."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional


class TermForm(FlaskForm):
    en = StringField(_l("English"), validators=[DataRequired(), Length(max=200)])
    ru = StringField(_l("Russian"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("preferred", _l("Preferred translation")),
            SelectChoice("do_not_translate", _l("Do not translate")),
            SelectChoice("forbidden", _l("Forbidden")),
        ],
        default="preferred",
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Add term"))


class GlossaryImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(), FileAllowed(["csv", "txt"], _l("Choose a .csv file."))],
        description=_l("UTF-8, with the header line en,ru,kind,note."),
    )
    upload = SubmitField(_l("Import"))
