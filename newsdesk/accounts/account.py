"""One's own account: password, sessions, interface language (admin pages: admin.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.accounts import sessions, users
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.forms import AccountActionForm, LocaleForm, PasswordChangeForm
from newsdesk.accounts.views import ThrottledError, confirm_own_password, end_login, throttled_page


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    """Change one's own password: this session stays, every other one ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            confirmed = confirm_own_password(form.current.data)
        except ThrottledError as exc:
            return throttled_page(exc.wait)
        if not confirmed:
            form.current.errors.append(_("The current password is wrong."))
        else:
            try:
                users.change_own_password(
                    current_user,
                    form.current.data,
                    form.new.data,
                    keep_session=session.get(sessions.SESSION_KEY),
                )
            except users.UserError as exc:
                form.new.errors.append(str(exc))
            else:
                flash(
                    _("Your password was changed; your other sessions were logged out."), "success"
                )
                return redirect(url_for("accounts.preferences"))
    return render_template(
        "accounts/password.html",
        form=form,
        action=AccountActionForm(),
        open_sessions=sessions.count_sessions(current_user),
    )


@bp.route("/account/logout-everywhere", methods=["POST"])
def logout_everywhere():
    """End every session of this account, on every device, this one included."""
    if not AccountActionForm().validate_on_submit():
        abort(400)
    end_login(everywhere=True)
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    """The interface language of this account."""
    form = LocaleForm(locale=current_user.locale or "")
    if form.validate_on_submit():
        users.set_locale(current_user, form.locale.data or None)
        flash(_("Preferences saved."), "success")
        return redirect(url_for("accounts.preferences"))
    return render_template("accounts/preferences.html", form=form)
