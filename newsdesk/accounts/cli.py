"""``newsdesk users …``: accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from newsdesk.accounts import resets, users
from newsdesk.models import Role


@click.group("users")
def users_group() -> None:
    """Manage editor, translator and admin accounts."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option(
    "--languages", default="en,ru", show_default=True, help="Languages a translator edits."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user_command(username: str, role: str, languages: str, password_stdin: bool) -> None:
    """Create an account; the password is prompted for unless --password-stdin is given."""
    try:
        user = users.create_user(username, _read_password(password_stdin), role, languages)
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {user.role.value} {user.username}.")


@users_group.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def password_command(username: str, password_stdin: bool) -> None:
    """Set a new password for an account."""
    try:
        users.change_password(username, _read_password(password_stdin))
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Password changed for {username}; every session of the account was ended.")


@users_group.command("deactivate")
@click.argument("username")
@with_appcontext
def deactivate_command(username: str) -> None:
    """Deactivate an account: no login, its sessions and API tokens stop working at once."""
    _set_active(username, False)
    click.echo(f"Deactivated {username}.")


def _set_active(username: str, active: bool) -> None:
    try:
        users.set_active(users.find_user(username), active)
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None


@users_group.command("activate")
@click.argument("username")
@with_appcontext
def activate_command(username: str) -> None:
    """Let a deactivated account log in again."""
    _set_active(username, True)
    click.echo(f"Activated {username}.")


@users_group.command("reset-link")
@click.argument("username")
@click.option(
    "--site",
    default="",
    help="The site's public address to put before the link, e.g. https://news.example.edu.",
)
@with_appcontext
def reset_link_command(username: str, site: str) -> None:
    """Make a one-time link with which the person sets their own password (older links of
    the account stop working); printed once, only its hash is stored."""
    try:
        user = users.find_user(username)
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None
    secret, row = resets.create_link(user, by=None)
    click.echo(f"{site.rstrip('/')}/editor/account/reset/{secret}")
    click.echo(
        f"Works once, until {row.expires_at.isoformat(sep=' ', timespec='minutes')} UTC.",
        err=True,
    )
