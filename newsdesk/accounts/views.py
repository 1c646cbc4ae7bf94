"""Logging in and out of the editor."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from newsdesk.accounts import sessions, throttle, users
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.forms import LoginForm
from newsdesk.extensions import login_manager
from newsdesk.models import User


@login_manager.user_loader
def load_user(user_id: str):
    """The user of this session while its login is open (newsdesk/accounts/sessions.py)."""
    return sessions.session_user(user_id, session.get(sessions.SESSION_KEY))


def local_path(target: str) -> str | None:
    """``target`` when it is a path on this site, else None: never bounce a fresh login to
    another host. Browsers read ``/\\evil.example`` as ``//evil.example`` and drop tabs and
    newlines inside URLs, so backslashes and unprintable characters are refused too."""
    if not target.startswith("/") or any(ch == "\\" or not ch.isprintable() for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def client_address() -> str:
    """The client's address (the proxy's own unless TRUSTED_PROXIES lets ProxyFix read it)."""
    return request.remote_addr or ""


def start_login(user: User) -> None:
    """Log ``user`` in on a fresh session: nothing from before survives, the CSRF token
    included, and the new login gets its own row (ended by logout or a password change)."""
    session.clear()
    g.pop("csrf_token", None)
    session[sessions.SESSION_KEY] = sessions.start_session(user)
    login_user(user)


def end_login(everywhere: bool = False) -> None:
    """Log out of this session, or of every session of the account."""
    if everywhere and current_user.is_authenticated:
        sessions.end_all_sessions(current_user)
    else:
        sessions.end_session(session.get(sessions.SESSION_KEY))
    logout_user()
    session.clear()


class ThrottledError(Exception):
    """Too many wrong passwords from this address: wait ``wait`` seconds."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


def confirm_own_password(password: str) -> bool:
    """Whether the logged-in user typed their own password (before a change that outlives
    the session). Wrong ones count towards the login throttle, so a stolen session cannot
    guess the password; raises ThrottledError while it is throttled."""
    username, ip = current_user.username, client_address()
    wait = throttle.retry_after(username, ip)
    if wait is not None:
        raise ThrottledError(wait)
    if current_user.check_password(password):
        return True
    throttle.record_failure(username, ip)
    return False


def throttled_page(wait: int):
    page = render_template("accounts/throttled.html", minutes=max(1, -(-wait // 60)))
    return page, 429, {"Retry-After": str(wait)}


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        ip = client_address()
        wait = throttle.retry_after(form.username.data, ip)
        if wait is not None:
            return throttled_page(wait)
        user = users.authenticate(form.username.data, form.password.data)
        if user is None:
            throttle.record_failure(form.username.data, ip)
        else:
            throttle.clear_failures(form.username.data, ip)
            start_login(user)  # drafts keeps text carried through this form (user_logged_in)
            next_url = local_path(request.args.get("next", ""))
            # A translator's home is the desk (by endpoint name: accounts imports no feature).
            home = "stories.list_stories" if user.can_publish else "desk.show_desk"
            return redirect(next_url or url_for(home))
        flash(_("Wrong username or password."), "error")
    # The text of an editor whose session expired rides along: drafts' login_page_context.
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_login()
    flash(_("You are logged out."), "info")
    return redirect(url_for("accounts.login"))
