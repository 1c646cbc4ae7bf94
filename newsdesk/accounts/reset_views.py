"""The page a one-time password link opens: set a new password, then log in with it."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.accounts import passwords, resets, throttle, users
from newsdesk.accounts.admin import no_store
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.forms import SetPasswordForm
from newsdesk.accounts.views import client_address, end_login


@bp.route("/account/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a password through a link; a link that does not work gets one answer for every
    cause, and wrong links are throttled per address like wrong passwords."""
    ip = client_address()
    wait = throttle.retry_after(resets.THROTTLE_KEY, ip)
    if wait is not None:
        page = render_template("accounts/reset.html", minutes=max(1, -(-wait // 60)))
        body, status, headers = no_store(page, 429)
        return body, status, {**headers, "Retry-After": str(wait)}
    link = resets.find_link(token)
    if link is None:
        throttle.record_failure(resets.THROTTLE_KEY, ip)
        return no_store(render_template("accounts/reset.html"), 404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = resets.use_link(token, form.new.data)
        except resets.ResetLinkError:
            return no_store(render_template("accounts/reset.html"), 404)
        except users.UserError as exc:
            form.new.errors.append(str(exc))
        else:
            throttle.clear_failures(user.username, ip)
            if current_user.is_authenticated:
                end_login()  # whoever was logged in here: the next login is the link owner's
            session.clear()
            flash(_("Your password is set. Log in with it."), "success")
            return redirect(url_for("accounts.login"))
    page = render_template(
        "accounts/reset.html", link=link, form=form, min_password=passwords.MIN_PASSWORD
    )
    return no_store(page)
