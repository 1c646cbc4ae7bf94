"""The register's form: one person's names and roles in both languages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class PersonForm(FlaskForm):
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=120)])
    name_ru = StringField(_l("Name in Russian"), validators=[DataRequired(), Length(max=120)])
    role_en = StringField(
        _l("Role in English"),
        validators=[Optional(), Length(max=200)],
        description=_l("Optional, e.g. “Science correspondent”."),
    )
    role_ru = StringField(_l("Role in Russian"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Save"))
