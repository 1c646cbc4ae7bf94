"""Login, password-change and account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional

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


ROLE_CHOICES = [
    SelectChoice("editor", _l("Publishing editor")),
    SelectChoice("translator", _l("Translator")),
    SelectChoice("admin", _l("Administrator")),
]
LANGUAGE_CHOICES = [
    SelectChoice("en,ru", _l("English and Russian")),
    SelectChoice("en", _l("English")),
    SelectChoice("ru", _l("Russian")),
]


class AccountForm(FlaskForm):
    """An account's role and translator languages (administrators)."""

    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    languages = SelectField(
        _l("Translator languages"),
        choices=LANGUAGE_CHOICES,
        description=_l("Editors and administrators edit both languages whatever is chosen here."),
    )
    submit = SubmitField(_l("Save"))


class NewAccountForm(AccountForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password_mode = RadioField(
        _l("Password"),
        choices=[
            SelectChoice("link", _l("A one-time link: the person sets their own password")),
            SelectChoice("typed", _l("I type an initial password and tell it to the person")),
        ],
        default="link",
    )
    password = PasswordField(
        _l("Initial password"), validators=[Optional(), Length(max=MAX_PASSWORD)]
    )
    submit = SubmitField(_l("Create account"))


class SetPasswordForm(FlaskForm):
    """A new password through a one-time link."""

    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    repeat = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )
    submit = SubmitField(_l("Set password"))
