"""HTTP security headers, the cross-site request check and the trusted-proxy setting."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms import SubmitField

from newsdesk import hygiene

logger = logging.getLogger(__name__)

# Everything comes from this origin: no inline scripts or styles, no frames, no plugins.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def init_app(app: Flask) -> None:
    """Add the security headers after each request; check and normalize typed input."""
    hygiene.init_app(app)

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        return response


def init_request_origin(app: Flask) -> None:
    """Trust TRUSTED_PROXIES proxies' X-Forwarded-* headers (0: none, the default), and refuse
    cross-site state-changing requests before any other check. Call before every other
    ``before_request`` (CSRF included) is registered."""
    trusted = int(app.config.get("TRUSTED_PROXIES") or 0)
    if trusted > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted, x_port=trusted
        )
    app.before_request(refuse_cross_site)


def _origin_key(scheme: str, netloc: str) -> tuple[str, str, int | None]:
    parts = urlsplit(f"{scheme}://{netloc}")
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = -1
    return scheme.lower(), (parts.hostname or "").lower(), port


def is_cross_site() -> bool:
    """Whether the browser says this request comes from another site: ``Sec-Fetch-Site:
    cross-site``, or an ``Origin`` that is not this site's own (``null`` included). With
    neither header (old browsers, the CLI, scripts) it is not."""
    if request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    parts = urlsplit(origin.strip())
    if not parts.scheme or not parts.netloc:
        return True  # "null" (sandboxed frames, some redirects) or garbage
    return _origin_key(parts.scheme, parts.netloc) != _origin_key(request.scheme, request.host)


def refuse_cross_site():
    """A state-changing request another site made the browser send is refused with 403
    before anything reads it: no login, no session cookie, no kept text, no CSRF answer.

    The JSON API is exempt: it authenticates only ``Authorization: Bearer`` tokens, never
    the session cookie, and a page of another site cannot add that header without the secret.
    """
    if request.method not in STATE_CHANGING or request.blueprint == "api":
        return None
    if not is_cross_site():
        return None
    logger.warning(
        "refused a cross-site %s %s (Origin %r, Sec-Fetch-Site %r)",
        request.method,
        request.path,
        request.headers.get("Origin"),
        request.headers.get("Sec-Fetch-Site"),
    )
    return render_template("accounts/cross_site.html"), 403


class ActionForm(FlaskForm):
    """An empty form: a button that only needs its CSRF token."""

    submit = SubmitField(_l("Confirm"))
