"""A save that arrives after the session or its CSRF token expired keeps its text.

- CSRF token expired, still logged in: the editor comes back with the posted text and a
  fresh token ("press Save again").
- Session gone (cookie dropped, secret rotated, logged out elsewhere): the login form comes
  back with the posted text in hidden fields; logging in keeps it as the user's draft, which
  the editor offers, but only when the account that logs in is the one that typed it (a
  signed author stamp in the editor form, newsdesk/accounts/sessions.py).
- Logged out elsewhere (CSRF still valid): the editor's script kept a copy in the browser;
  the login page says so and returns to the editor, which offers it back.
The autosave and presence endpoints answer the same situations in JSON.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import (
    Flask,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_url
from flask_wtf.csrf import CSRFError, generate_csrf

from newsdesk.accounts import sessions
from newsdesk.accounts.forms import LoginForm
from newsdesk.drafts import service as drafts
from newsdesk.drafts.views import json_error
from newsdesk.errors import _handler as error_page
from newsdesk.extensions import login_manager
from newsdesk.i18n import LOGIN_MESSAGE
from newsdesk.models import LANGS, User
from newsdesk.stories import service as stories

# Form posts whose text must survive an expired session or token.
KEEPS_TEXT = {"stories.edit_article", "stories.create_story"}
JSON_ENDPOINTS = {"drafts.autosave_article", "drafts.discard_draft", "drafts.ping_presence"}
LOGIN_ENDPOINT = "accounts.login"
KEPT = "kept-"  # prefix of the hidden fields that carry the text through the login form


def init_app(app: Flask) -> None:
    """Answer CSRF failures and missing logins without dropping the text being edited."""
    app.register_error_handler(CSRFError, _csrf_failed)
    login_manager.unauthorized_handler(_unauthorized)


def keep_text_on_login(sender, user: User, **extra) -> None:
    """flask_login's ``user_logged_in``: text carried through the login form becomes a draft."""
    if request.method == "POST" and request.endpoint == LOGIN_ENDPOINT:
        keep_after_login(user, kept_fields(request.form))


def login_page_context() -> dict:
    """The login page re-shown after a failed attempt still carries the text and says why."""
    if request.endpoint != LOGIN_ENDPOINT or request.method != "POST":
        return {}
    kept = kept_fields(request.form)
    if not kept:
        return {}
    return {"kept": kept, "action": request.full_path, "notice": session_expired_message()}


def session_expired_message() -> str:
    return _("Your session expired; log in again — your text is kept.")


def _csrf_failed(error: CSRFError):
    endpoint = request.endpoint
    if endpoint in JSON_ENDPOINTS:
        if not current_user.is_authenticated:
            return json_error(
                "session_expired",
                _("Your session expired; log in again — your text is kept in this browser."),
                401,
            )
        # Still logged in, only the token is old: hand out a fresh one to retry with.
        return json_error(
            "csrf", _("The form expired; try again."), 400, csrf_token=generate_csrf()
        )
    if request.method != "POST" or endpoint not in KEEPS_TEXT:
        return error_page(error)
    if current_user.is_authenticated:
        flash(
            _("The form expired before it was saved. Your text is kept below: press Save again."),
            "error",
        )
        # The view validates the form again, fails on the token and shows the posted text
        # with a fresh one; nothing is saved.
        view = current_app.view_functions[endpoint]
        response = make_response(view(**(request.view_args or {})))
        response.status_code = 400
        return response
    return _login_keeping_text(), 401


def _kept_target() -> dict[str, str]:
    args = request.view_args or {}
    if request.endpoint == "stories.create_story":
        return {"story": "new", "lang": request.form.get("lang", "")}
    return {"story": str(args.get("story_id", "")), "lang": args.get("lang", "")}


def _login_keeping_text():
    """The real login form, carrying the posted text to the login view in hidden fields."""

    kept = {name: request.form.get(name, "") for name in ("base_version", "author")}
    kept.update(_kept_target())
    kept.update({name: request.form[name] for name in drafts.FIELDS if name in request.form})
    return render_template(
        "accounts/login.html",
        form=LoginForm(formdata=None),
        kept={KEPT + name: value for name, value in kept.items()},
        action=url_for("accounts.login", next=request.path),
        notice=session_expired_message(),
    )


def kept_fields(form: Mapping[str, str]) -> dict[str, str] | None:
    """The text a login form carries for the editor, or None."""
    kept = {
        key: value for key, value in form.items() if isinstance(key, str) and key.startswith(KEPT)
    }
    return kept or None


def keep_after_login(user: User, kept: Mapping[str, str] | None) -> None:
    """Store the text carried through the login form as the user's draft, where the editor
    offers it back. Only the account that typed it gets it (the form's signed author stamp):
    text from another account, or posted by another site, is dropped, as is text for an
    article the user may not edit."""
    if not kept:
        return
    values = {key[len(KEPT) :]: value for key, value in kept.items()}
    if sessions.stamped_author(values.get("author")) != user.id:
        flash(_("Text kept from a session of another account was discarded."), "error")
        return
    try:
        fields = drafts.draft_fields(values)
    except drafts.DraftError as exc:
        flash(exc.message, "error")
        return
    lang = values.get("lang", "")
    base = values.get("base_version", "")
    base_version = int(base) if base.isdigit() else None
    if values.get("story") == "new":
        if user.can_publish and lang in LANGS:
            drafts.save_draft(user, None, fields, lang=lang)
        return
    story_id = values.get("story", "")
    story = stories.get_story(int(story_id)) if story_id.isdigit() else None
    article = story.article(lang) if story and lang in LANGS else None
    if article is not None and user.can_edit(lang):
        drafts.save_draft(user, article, fields, base_version=base_version)


def _unauthorized():
    """Flask-Login's "log in first": as usual, except for a save whose session ended."""
    if request.method == "POST" and request.endpoint in KEEPS_TEXT:
        if request.form.get("kept_in_browser") == "1":
            flash(
                _("Your session expired; log in again — your text is kept in this browser."),
                "error",
            )
        else:
            flash(_("Your session expired before the text could be saved; log in again."), "error")
        return redirect(login_url(login_manager.login_view, next_url=request.path))
    flash(LOGIN_MESSAGE, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))
