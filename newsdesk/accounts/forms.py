"""Login, password-change and account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from newsdesk.accounts import sessions
from newsdesk.accounts.passwords import MAX_PASSWORD


class AuthorField(HiddenField):
    """A signed note of who is logged in while filling in the form; always rendered fresh,
    whatever was posted. Text kept through a later login goes only to this account."""

    def _value(self) -> str:
        return sessions.author_stamp()


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)]
    )
    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    repeat = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )


class AccountActionForm(FlaskForm):
    """A button that changes an account; CSRF only."""


class LocaleForm(FlaskForm):
    locale = SelectField(
        _l("Interface language"),
        choices=[
            SelectChoice("", _l("As in my browser")),
            SelectChoice("en", "English", render_kw={"lang": "en"}),
            SelectChoice("ru", "Русский", render_kw={"lang": "ru"}),
        ],
    )
    submit = SubmitField(_l("Save"))
