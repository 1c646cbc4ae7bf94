"""The topics page's form: a topic's name and address in both languages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class TopicForm(FlaskForm):
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=64)])
    name_ru = StringField(_l("Name in Russian"), validators=[DataRequired(), Length(max=64)])
    slug_en = StringField(
        _l("English address"),
        validators=[Optional(), Length(max=64)],
        description=_l("The end of the topic page's address; the name when left empty."),
    )
    slug_ru = StringField(_l("Russian address"), validators=[Optional(), Length(max=64)])
    submit = SubmitField(_l("Save"))
