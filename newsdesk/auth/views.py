"""Logging in and out of the editor."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from .. import throttle, users
from ..editor import recovery
from ..extensions import login_manager
from .forms import LoginForm

bp = Blueprint("auth", __name__, url_prefix="/editor")


@login_manager.user_loader
def load_user(user_id: str):
    return users.get_user(int(user_id))


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


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    # Text of an editor whose session expired, carried through this form (editor/recovery.py).
    kept = recovery.kept_fields(request.form) if request.method == "POST" else None
    if form.validate_on_submit():
        ip = request.remote_addr or ""
        wait = throttle.retry_after(form.username.data, ip)
        if wait is not None:
            page = render_template("auth/throttled.html", minutes=max(1, -(-wait // 60)))
            return page, 429, {"Retry-After": str(wait)}
        user = users.authenticate(form.username.data, form.password.data)
        if user is None:
            throttle.record_failure(form.username.data, ip)
        else:
            throttle.clear_failures(form.username.data, ip)
            login_user(user)
            recovery.keep_after_login(user, kept)
            next_url = local_path(request.args.get("next", ""))
            return redirect(next_url or url_for("editor.list_stories"))
        flash(_("Wrong username or password."), "error")
    if kept:
        return render_template(
            "auth/login.html",
            form=form,
            kept=kept,
            action=request.full_path,
            notice=recovery.session_expired_message(),
        )
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
