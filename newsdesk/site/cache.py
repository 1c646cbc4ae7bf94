"""Page cache of the reader site: whole responses for anonymous GETs, correct across workers.

A cached page is keyed by the request (scheme, host, path, the query parameters reader pages
read: ``QUERY_PARAMS``) and by the *site state*. Other parameters (``?utm_source=``, ``?x=1``)
are removed from the request before the app sees it, so ``/en/feed.xml?x=0..399`` is one page,
rendered and stored once, not 400 copies:

- ``site_state.generation``, a value that changes in the same transaction as any change of
  stories, articles, tags or lead images (an ORM flush listener below), so a publish, an edit
  or a tag change made through any worker or process is seen by every other one at once;
- the latest publication date that has already come: when an embargo ends, this moves, so a
  story that became public by the clock alone appears without any write.

Both come from one small indexed query per request, run before the lookup. Requests that
carry the session or remember-me cookie, and responses that set a cookie, are never cached
or served from the cache, so nothing of a logged-in user is ever stored or shown to another.
Only responses of the ``site`` blueprint that the view marked as ordinary (200, not a file
stream) are stored; editor pages never are. ETag/Last-Modified answers (304) are given for
cached pages exactly as the views give them.

Storage is in-process by default (``PAGE_CACHE_ENTRIES`` pages per worker, least recently
used dropped) or Redis when ``REDIS_URL`` (``NEWSDESK_REDIS_URL``) is set, shared by workers.
``PAGE_CACHE = False`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import unquote_plus

from flask import Flask, Response, request
from sqlalchemy import event, text, update
from sqlalchemy.orm import Session
from werkzeug.http import is_resource_modified, unquote_etag

from newsdesk.extensions import db
from newsdesk.models import LiveArticle, Story, Tag, utcnow
from newsdesk.models.people import Byline, Person
from newsdesk.models.site import LeadImage, LeadImageText, SiteState
from newsdesk.site.http import feed_mimetype

log = logging.getLogger(__name__)

STORE_FLAG = "newsdesk.page_cache.store"
STATE_SQL = text(
    "SELECT generation, (SELECT max(published_at) FROM stories WHERE published_at <= :now)"
    " FROM site_state WHERE id = 1"
)
NOT_CACHED = {
    "site.choose_language",
    "site.show_image",
    "site.preview_story",  # staff only, and the text changes with every save
    "site.show_preview",  # the link expires
    "site.create_preview_link",
}
REDIS_TTL = 24 * 3600  # seconds; old generations are never asked for again
# Every query parameter a reader page reads (site/views.py, hygiene.page_number); keep in step.
QUERY_PARAMS = ("q", "page", "before", "after")
# Settings that change what reader pages say: a restart with new values must not serve pages
# rendered with the old ones from a shared (Redis) cache.
PAGE_SETTINGS = (
    "SITE_URL",
    "SITE_TAG_AUTHORITY",
    "SITE_PUBLISHER_NAME_EN",
    "SITE_PUBLISHER_NAME_RU",
    "SITE_PUBLISHER_LOGO",
    "STORIES_PER_PAGE",
    "BABEL_DEFAULT_TIMEZONE",
)


def canonical_query(query: str) -> str:
    """The first occurrence of each of ``QUERY_PARAMS`` in a fixed order, bytes as sent; the
    views read only those (``request.args.get`` takes the first), so the page is the same."""
    first: dict[str, str] = {}
    for piece in query.split("&"):
        name = unquote_plus(piece.partition("=")[0])
        if name in QUERY_PARAMS:
            first.setdefault(name, piece)
    return "&".join(first[name] for name in QUERY_PARAMS if name in first)


class MemoryStore:
    """Least-recently-used pages of this process."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.pages: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def set(self, key: str, page: bytes) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.entries:
                self.pages.popitem(last=False)


class RedisStore:
    """Pages in Redis, shared by every worker; entries expire after a day."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def get(self, key: str) -> bytes | None:
        return self.client.get(f"newsdesk:page:{key}")

    def set(self, key: str, page: bytes) -> None:
        self.client.set(f"newsdesk:page:{key}", page, ex=REDIS_TTL)


def _pack(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = json.dumps({"status": status, "headers": headers}).encode()
    return len(head).to_bytes(4, "big") + head + body


def _unpack(page: bytes) -> tuple[str, list[tuple[str, str]], bytes]:
    size = int.from_bytes(page[:4], "big")
    head = json.loads(page[4 : 4 + size])
    return head["status"], [tuple(h) for h in head["headers"]], page[4 + size :]


def _code_version(app: Flask) -> str:
    """Changes when templates, translations, code or ``PAGE_SETTINGS`` change, so a deploy
    never serves pages rendered by the previous version from a shared (Redis) cache."""
    digest = hashlib.sha256()
    roots = [Path(app.root_path), Path(app.template_folder or "")]
    roots.append(Path(app.config.get("BABEL_TRANSLATION_DIRECTORIES", "")))
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.suffix in (".py", ".html", ".mo", ".txt", ".xml"):
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update(repr([app.config.get(name) for name in PAGE_SETTINGS]).encode())
    return digest.hexdigest()[:12]


class PageCache:
    """WSGI middleware in front of the Flask app: answers cached pages without entering it."""

    def __init__(self, app: Flask, wsgi_app, store) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.store = store
        self.version = _code_version(app)
        self.cookies = (
            app.config.get("SESSION_COOKIE_NAME", "session"),
            app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        )
        self.engine = None
        self.database = ""
        self.hits = self.misses = self.stored = 0  # counters of this process

    def _anonymous_get(self, environ) -> bool:
        if environ.get("REQUEST_METHOD") != "GET":
            return False
        path = environ.get("PATH_INFO", "")
        if not (path.startswith(("/en/", "/ru/")) or path in ("/sitemap.xml", "/robots.txt")):
            return False
        cookie = environ.get("HTTP_COOKIE", "")
        return not any(f"{name}=" in cookie for name in self.cookies)

    def _state(self) -> str | None:

        try:
            if self.engine is None:
                with self.app.app_context():
                    self.engine = db.engine
                # Two sites (or test databases) may share one Redis: keep their pages apart.
                self.database = self.engine.url.render_as_string(hide_password=True)
            with self.engine.connect() as connection:
                row = connection.execute(STATE_SQL, {"now": utcnow()}).first()
        except Exception:  # no site_state yet (an unmigrated database): do not cache
            log.warning("page cache: cannot read the site state", exc_info=True)
            return None
        return None if row is None else f"{row[0]}|{row[1]}"

    def _key(self, environ, state: str) -> str:
        parts = [
            self.version,
            self.database,
            state,
            environ.get("wsgi.url_scheme", "http"),
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        ]
        if parts[-2].endswith("/feed.xml"):  # negotiated: Atom for readers, XML for browsers
            parts.append(feed_mimetype(environ.get("HTTP_ACCEPT")))
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    def __call__(self, environ, start_response):
        if not self._anonymous_get(environ):
            return self.wsgi_app(environ, start_response)
        environ["QUERY_STRING"] = canonical_query(environ.get("QUERY_STRING", ""))
        state = self._state()
        if state is None:
            return self.wsgi_app(environ, start_response)
        key = self._key(environ, state)
        try:
            page = self.store.get(key)
        except Exception:
            log.warning("page cache: lookup failed", exc_info=True)
            return self.wsgi_app(environ, start_response)
        if page is not None:
            self.hits += 1
            return self._serve(environ, start_response, *_unpack(page))
        self.misses += 1
        return self._render_and_store(environ, start_response, key)

    def _serve(self, environ, start_response, status, headers, body):
        names = {name.lower(): value for name, value in headers}
        etag = unquote_etag(names.get("etag"))[0]
        if etag and not is_resource_modified(
            environ, etag=etag, last_modified=names.get("last-modified")
        ):
            kept = [(n, v) for n, v in headers if n.lower() != "content-length"]
            start_response("304 NOT MODIFIED", kept)
            return [b""]
        start_response(status, headers)
        return [body]

    def _render_and_store(self, environ, start_response, key: str):
        sent: dict = {}

        def remember(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, list(headers)
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, remember)
        if not environ.get(STORE_FLAG):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = sent.get("headers", [])
        if sent.get("status", "").startswith("200") and not any(
            n.lower() == "set-cookie" for n, _ in headers
        ):
            try:
                self.store.set(key, _pack(sent["status"], headers, body))
                self.stored += 1
            except Exception:
                log.warning("page cache: store failed", exc_info=True)
        return [body]


def mark_storable(response: Response) -> Response:
    """after_request of the site blueprint: let the middleware keep this response."""
    if (
        request.method == "GET"
        and response.status_code == 200
        and request.endpoint not in NOT_CACHED
        and not response.direct_passthrough
        and not response.is_streamed
        and "Set-Cookie" not in response.headers
    ):
        request.environ[STORE_FLAG] = True
    return response


# Invalidation -------------------------------------------------------------------------


def _content_types():
    # Readers see live copies: saving working text (autosaves, drafts) keeps the cache.
    return (LiveArticle, Story, Tag, LeadImage, LeadImageText, Person, Byline)


def _changes_content(session: Session) -> bool:
    types = _content_types()
    if any(isinstance(obj, types) for obj in session.new):
        return True
    if any(isinstance(obj, types) for obj in session.deleted):
        return True
    return any(
        isinstance(obj, types) and session.is_modified(obj, include_collections=True)
        for obj in session.dirty
    )


def _bump_after_flush(session: Session, _context) -> None:
    if not _changes_content(session):
        return

    session.connection().execute(
        update(SiteState.__table__)
        .where(SiteState.__table__.c.id == 1)
        .values(generation=secrets.randbelow(2**62) + 1)
    )


_listening = False


def init_app(app: Flask) -> None:
    """Install the middleware (unless ``PAGE_CACHE`` is false) and the change listener."""
    global _listening
    if not _listening:
        event.listen(Session, "after_flush", _bump_after_flush)
        _listening = True
    if not app.config.get("PAGE_CACHE", True):
        return
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        store = RedisStore(redis_url)
    else:
        store = MemoryStore(int(app.config.get("PAGE_CACHE_ENTRIES", 1000)))
    app.extensions["page_cache"] = cache = PageCache(app, app.wsgi_app, store)
    app.wsgi_app = cache
