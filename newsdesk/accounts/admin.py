"""The administrators' accounts pages: list, create, role and languages, one-time password
links, deactivation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.accounts import passwords, resets, users
from newsdesk.accounts.blueprint import bp
from newsdesk.accounts.forms import AccountActionForm, AccountForm, NewAccountForm
from newsdesk.models import User


def no_store(page, status: int = 200):
    """A page that shows a secret (or takes one): never kept by a browser or proxy cache, and
    its address (the link) never sent to another site. Not ``no-referrer``: Chromium then
    posts the page's forms with ``Origin: null``, which the cross-site check refuses."""
    return page, status, {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def _user_or_404(user_id: int) -> User:
    user = users.get_user(user_id)
    if user is None:
        abort(404)
    return user


def _account_page(user: User, form: AccountForm | None = None, secret: str | None = None):
    """The account's page; ``secret`` is a link made by this request, shown this once."""
    form = form or AccountForm(role=user.role.value, languages=user.languages)
    links = resets.list_links(user)
    page = render_template(
        "accounts/user.html",
        user=user,
        form=form,
        action=AccountActionForm(),
        links=links,
        link_state=resets.link_state,
        new_link=links[0] if secret else None,
        reset_url=secret and url_for("accounts.reset_password", token=secret, _external=True),
        ttl_hours=max(1, -(-int(resets.lifetime().total_seconds()) // 3600)),
    )
    return no_store(page)


@bp.route("/admin/users")
def list_users():
    return render_template(
        "accounts/users.html", users=users.list_users(), action=AccountActionForm()
    )


@bp.route("/admin/users/new", methods=["GET", "POST"])
def create_user():
    """A new account, with a one-time link (the default) or a password the admin typed."""
    form = NewAccountForm()
    if form.validate_on_submit():
        typed = form.password_mode.data == "typed"
        problem = typed and _initial_password_problem(form)
        if problem:
            form.password.errors.append(problem)
        else:
            password = form.password.data if typed else users.unusable_password()
            try:
                user = users.create_user(
                    form.username.data, password, form.role.data, form.languages.data
                )
            except users.UserError as exc:
                form.username.errors.append(str(exc))
            else:
                flash(_("The account %(name)s was created.", name=user.username), "success")
                if typed:
                    return redirect(url_for("accounts.edit_user", user_id=user.id))
                secret, _row = resets.create_link(user, by=current_user)
                return _account_page(user, secret=secret)
    return no_store(render_template("accounts/user_new.html", form=form))


def _initial_password_problem(form: NewAccountForm) -> str | None:
    if not form.password.data:
        return _("Type the initial password, or choose a link.")
    return passwords.password_problem(form.password.data, form.username.data or "")


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """An account's role and languages, its password links, and (de)activation."""
    user = _user_or_404(user_id)
    form = AccountForm(role=user.role.value, languages=user.languages)
    if form.validate_on_submit():
        try:
            users.update_account(user, form.role.data, form.languages.data, by=current_user)
        except users.UserError as exc:
            flash(str(exc), "error")
        else:
            flash(_("The account %(name)s was saved.", name=user.username), "success")
            return redirect(url_for("accounts.edit_user", user_id=user.id))
    return _account_page(user, form)


@bp.route("/admin/users/<int:user_id>/reset-link", methods=["POST"])
def create_reset_link(user_id: int):
    """A one-time link to set the account's password, shown on this response only."""
    user = _user_or_404(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    secret, _row = resets.create_link(user, by=current_user)
    return _account_page(user, secret=secret)


@bp.route("/admin/users/<int:user_id>/deactivate", methods=["POST"])
def deactivate_user(user_id: int):
    """Deactivate an account: its sessions and API tokens stop working at once."""
    return _set_active(user_id, False)


@bp.route("/admin/users/<int:user_id>/activate", methods=["POST"])
def activate_user(user_id: int):
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    user = _user_or_404(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    try:
        users.set_active(user, active, by=current_user)
    except users.UserError as exc:
        flash(str(exc), "error")
    else:
        if active:
            flash(_("%(name)s can log in again.", name=user.username), "success")
        else:
            flash(_("%(name)s is deactivated and logged out.", name=user.username), "success")
    return redirect(url_for("accounts.edit_user", user_id=user.id))
