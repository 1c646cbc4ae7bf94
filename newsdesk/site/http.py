"""Conditional GET for public pages and feeds (Last-Modified, ETag, 304); the feed's media type."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


def conditional(response: Response, last_modified: datetime | None) -> Response:
    """Add validators and answer 304 when the client's copy is current.

    The ETag is a hash of the exact bytes sent, so it changes with anything on the page
    (a partner going public, a new translation of the chrome). Last-Modified comes from the
    database timestamps and is a coarser hint; If-None-Match wins when both are sent.
    """
    response.cache_control.public = True
    response.cache_control.no_cache = True  # store, but ask before reuse: answered by a 304
    if last_modified is not None:
        response.last_modified = last_modified.replace(tzinfo=UTC)
    response.add_etag()
    return response.make_conditional(request)


ATOM = "application/atom+xml"
XML = "application/xml"


def feed_mimetype(accept: str | None) -> str:
    """Atom's own type for feed readers; plain XML for a browser, which shows Atom's type as
    raw text but applies the feed's XSLT to XML (its Accept ranks application/xml higher)."""
    offered = parse_accept_header(accept, MIMEAccept)
    return offered.best_match([ATOM, XML], default=ATOM) if accept else ATOM
