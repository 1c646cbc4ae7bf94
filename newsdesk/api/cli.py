"""``newsdesk tokens create|list|revoke``: API tokens from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from newsdesk.accounts import tokens
from newsdesk.extensions import db
from newsdesk.models import User


def _user(name: str) -> User:
    user = db.session.scalar(db.select(User).where(User.username == name))
    if user is None:
        raise click.ClickException(f"no user {name!r}")
    return user


@click.group("tokens")
def tokens_group() -> None:
    """API tokens (shown once, stored hashed)."""


@tokens_group.command("create")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for, e.g. the client's name.")
@with_appcontext
def create_command(username: str, name: str) -> None:
    """Create a token for USERNAME and print it (once)."""
    try:
        _token, secret = tokens.create_token(_user(username), name)
    except tokens.TokenError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(secret)


@tokens_group.command("list")
@click.argument("username")
@with_appcontext
def list_command(username: str) -> None:
    """List USERNAME's tokens: id, prefix, name, last use."""
    for token in tokens.list_tokens(_user(username)):
        used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "-"
        click.echo(f"{token.id}\t{token.prefix}…\t{token.name}\t{used}")


@tokens_group.command("revoke")
@click.argument("username")
@click.argument("token_id", type=int)
@with_appcontext
def revoke_command(username: str, token_id: int) -> None:
    """Revoke one of USERNAME's tokens."""
    try:
        tokens.revoke_token(_user(username), token_id)
    except tokens.TokenError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"revoked token {token_id}")
