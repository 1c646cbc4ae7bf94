"""The user's API tokens, under Preferences: create (shown once), list, revoke."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from newsdesk.accounts import tokens
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.passwords import MAX_PASSWORD
from newsdesk.accounts.views import ThrottledError, confirm_own_password, throttled_page
from newsdesk.security import ActionForm


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("What the token is for, e.g. the client's name."),
    )
    # A token outlives the session: a copied session cookie alone must not be able to mint one.
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)]
    )
    submit = SubmitField(_l("Create token"))


@bp.route("/preferences/tokens", methods=["GET", "POST"])
def show_tokens():
    """List the user's tokens; a new token's secret is shown on this response only."""
    form, secret = TokenForm(), None
    if form.validate_on_submit():
        try:
            confirmed = confirm_own_password(form.password.data)
        except ThrottledError as exc:
            return throttled_page(exc.wait)
        if not confirmed:
            form.password.errors.append(_("The password is wrong."))
        else:
            try:
                _token, secret = tokens.create_token(current_user, form.name.data)
            except tokens.TokenError as exc:
                flash(exc.message, "error")
            else:
                form = TokenForm(formdata=None)
    return render_template(
        "accounts/tokens.html",
        form=form,
        secret=secret,
        tokens=tokens.list_tokens(current_user),
        action=ActionForm(),
    )


@bp.route("/preferences/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    if ActionForm().validate_on_submit():
        try:
            tokens.revoke_token(current_user, token_id)
        except tokens.TokenError as exc:
            flash(exc.message, "error")
        else:
            flash(_("The token was revoked."), "success")
    return redirect(url_for("accounts.show_tokens"))
