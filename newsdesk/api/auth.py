"""Bearer-token authentication for every API request but the OpenAPI document."""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _

from newsdesk.accounts import policy
from newsdesk.accounts.tokens import user_for_token
from newsdesk.api.blueprint import bp
from newsdesk.api.errors import ApiError, bad_request
from newsdesk.models import User


@bp.before_request
def authenticate() -> None:
    """Only ``Authorization: Bearer <token>``: a session cookie never authenticates here.

    Then the access policy, then query parameters the endpoint does not declare (its query
    schema), all before the view looks anything up.
    """
    endpoint = request.endpoint or ""
    if policy.POLICY.get(endpoint) == policy.PUBLIC:
        return
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    user = user_for_token(secret.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise ApiError(401, "unauthorized", _("An API token is required."))
    g.api_user = user
    if not policy.allows(user, endpoint):
        raise ApiError(403, "forbidden", _("Only editors can do this."))
    unknown = set(request.args) - bp.query_names.get(endpoint.removeprefix("api."), frozenset())
    if unknown:
        message = _("Unknown query parameters: %(names)s.", names=", ".join(sorted(unknown)))
        raise bad_request(message)


def api_user() -> User:
    return g.api_user


def require_lang(lang: str) -> None:
    """Translators work in their own languages only, as in the editor UI."""
    if not api_user().can_edit(lang):
        raise ApiError(403, "forbidden", _("You do not translate into this language."))
