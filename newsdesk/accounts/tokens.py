"""Service for API tokens: create (the secret is shown once), list, revoke, look up."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import User, utcnow
from newsdesk.models.api import ApiToken

PREFIX = "nd_"


class TokenError(Exception):
    """A token cannot be created or revoked as asked; the message is shown as is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its secret (stored only as a hash)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise TokenError(_("Give the token a name of at most 100 characters."), "name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=_digest(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.commit()
    return token, secret


def list_tokens(user: User) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    return list(db.session.scalars(query))


def revoke_token(user: User, token_id: int) -> None:
    """Delete one of the user's tokens; clients using it are refused from now on."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise TokenError(_("There is no such token."))
    db.session.delete(token)
    db.session.commit()


def user_for_token(secret: str) -> User | None:
    """The user a presented token belongs to (None if unknown); notes when it was used."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    digest = _digest(secret)
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if not token.user.active:
        return None  # a deactivated account's tokens stop working with it
    token.last_used_at = utcnow()
    db.session.commit()
    return token.user
