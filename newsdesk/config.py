"""Default settings. Override them in ``instance/config.py`` or with ``NEWSDESK_*`` variables."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Config

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_instance_path() -> Path:
    """The instance folder: ``NEWSDESK_INSTANCE_PATH`` or ``instance/`` beside the package."""
    return Path(os.environ.get("NEWSDESK_INSTANCE_PATH") or PROJECT_ROOT / "instance")


def load_config(config: Config, instance_path: Path) -> Config:
    """Fill ``config``: defaults, then instance/config.py, then NEWSDESK_* variables."""
    config.from_object(DefaultConfig)
    config.from_pyfile(str(instance_path / "config.py"), silent=True)
    config.from_prefixed_env("NEWSDESK")
    return config


class DefaultConfig:
    """Every setting newsdesk reads, with its embedded-mode default."""

    # Days a deleted story stays in the trash before `newsdesk stories purge-trash` (and the
    # daily worker task) deletes it for good, with its articles, revisions and lead image.
    TRASH_RETENTION_DAYS = 30

    # Signs sessions and CSRF tokens. When unset, a random key is generated once and
    # kept in instance/secret_key, so restarts do not log everybody out.
    SECRET_KEY: str | None = None
    # Database URL; the relative SQLite path resolves inside the instance folder.
    # Scale-out: postgresql+psycopg://user:pass@host/newsdesk
    SQLALCHEMY_DATABASE_URI = "sqlite:///newsdesk.sqlite"
    # Redis URL for the job queue; empty means the embedded SQLite queue in instance/.
    REDIS_URL = ""
    # Run queued jobs inside the web process (tests and quick demos only).
    HUEY_IMMEDIATE = False
    # UI languages, and the one used when nothing else decides.
    LANGUAGES = ("en", "ru")
    BABEL_DEFAULT_LOCALE = "en"
    # The site's time zone (an IANA name such as "Europe/Moscow"): dates are shown to readers
    # and editors in it, the publish form's date is typed in it and names it, and a scheduled
    # story reads "Scheduled for 10 Dec 2026, 10:00 (Moscow Standard Time)". The one setting
    # for it (Flask-Babel reads it); times are stored in UTC whatever it is.
    BABEL_DEFAULT_TIMEZONE = "UTC"
    # Stories per page on the reader site and in the editor's list.
    STORIES_PER_PAGE = 10
    # The reader site's public address (https://news.example.edu, no trailing slash). Feeds
    # use it where an address must not depend on the request's Host header; empty: the
    # request's own address.
    SITE_URL = ""
    # Authority of the permanent Atom entry ids, tag: URIs (RFC 4151): a domain name or an
    # e-mail address the office owns. Empty: the host of SITE_URL, else "newsdesk.invalid".
    SITE_TAG_AUTHORITY = ""
    # The publisher named as the author of the feeds and in the articles' structured data
    # (schema.org NewsArticle), one name per site language; an optional logo (an absolute
    # URL or a path under newsdesk/static/, e.g. "logo.png").
    SITE_PUBLISHER_NAME_EN = "University Press Office"
    SITE_PUBLISHER_NAME_RU = "Пресс-служба университета"
    SITE_PUBLISHER_LOGO = ""
    # Cache whole reader pages for anonymous visitors (newsdesk/site/cache.py): in each web
    # worker (PAGE_CACHE_ENTRIES pages), or in Redis shared by all when REDIS_URL is set. Any
    # change of content is visible at once in every worker; editor pages are never cached.
    PAGE_CACHE = True
    PAGE_CACHE_ENTRIES = 1000
    # Largest request body accepted (forms, imports, image uploads), in bytes; larger gets 413.
    # 10 MiB: a lead image of LEAD_IMAGE_MAX_BYTES (8 MiB) plus the form around it must fit.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    # Largest .argosmodel an administrator may upload on the models page (that page only;
    # models are ~100 MB). The upload streams to a temp file in the instance folder.
    MODEL_UPLOAD_MAX_BYTES = 1024**3
    # The argos package index the models page probes (HEAD, ARGOS_INDEX_TIMEOUT seconds) to
    # offer "install from the index"; empty: never probe (offline servers, tests).
    ARGOS_INDEX_URL = (
        "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
    )
    ARGOS_INDEX_TIMEOUT = 2.0
    # Largest lead image accepted, in bytes (press photos).
    LEAD_IMAGE_MAX_BYTES = 8 * 1024 * 1024
    # Longest article body accepted, in characters.
    MAX_BODY_CHARS = 200_000
    # Where argostranslate keeps installed models; relative paths are inside instance/.
    ARGOS_PACKAGES_DIR = "argos-packages"
    # CTranslate2 decoding settings, tuned for a 2-core machine without a GPU: two batches at
    # a time, one thread each (see machine_translation.argos_engine.EngineOptions: measured).
    MT_BEAM_SIZE = 2
    MT_INTER_THREADS = 2
    MT_INTRA_THREADS = 1
    MT_COMPUTE_TYPE = "int8"
    MT_MAX_BATCH_SIZE = 32
    # Sentences a translation job sends to the engine at a time; progress, the cache and the
    # job's lease are committed after each such batch.
    MT_JOB_CHUNK_SIZE = 32
    # Progress inside a batch: the engine gets it in steps of MT_JOB_PROGRESS_STEP sentences;
    # the job's row is written every MT_JOB_PROGRESS_EVERY sentences or SECONDS, not more.
    MT_JOB_PROGRESS_STEP = 16
    MT_JOB_PROGRESS_EVERY = 16
    MT_JOB_PROGRESS_SECONDS = 1.0
    # How much lower than the web server a job worker's CPU priority is (Unix nice steps,
    # 0-19). On a machine that also serves pages, a translation then takes only the CPU that
    # requests leave over, so readers' and editors' pages stay fast (bench M4). 0 keeps it equal.
    MT_WORKER_NICE = 10
    # Linux only: a job worker also moves to the SCHED_IDLE scheduling class, so it runs
    # only on CPU time no other thread wants and a page request that wakes up takes the core
    # at once (bench M4). A translation then waits while the server is saturated; False keeps
    # the normal class (with MT_WORKER_NICE alone).
    MT_WORKER_IDLE_CLASS = True
    # `newsdesk serve` on Ctrl-C: how long the embedded job consumer may finish the task it
    # runs; after that the process exits and an unfinished job continues from its last saved
    # batch when the lease runs out (translation_jobs.leases).
    JOB_CONSUMER_SHUTDOWN_SECONDS = 15.0
    # Seconds a running job's lease lasts without a heartbeat before another worker takes it.
    MT_JOB_LEASE = 120
    # Times a job may be started (crashed workers and retries included) before it fails.
    MT_JOB_MAX_ATTEMPTS = 3
    # The article editor sends unsaved text to the server as a draft this often (seconds,
    # only when it changed); the browser keeps its own copy in between.
    AUTOSAVE_INTERVAL_SECONDS = 5
    # The editor tells the server it is still open this often (seconds); an editor not heard
    # from for PRESENCE_TTL_SECONDS no longer shows as "also editing".
    PRESENCE_INTERVAL_SECONDS = 15
    PRESENCE_TTL_SECONDS = 45
    # Send cookies over HTTPS only; switch on behind TLS.
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # CSRF tokens must outlive a long editing session (seconds).
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # Werkzeug hash method for passwords: scrypt at OWASP's cost (N=2^17, r=8, p=1, ~128 MiB).
    PASSWORD_HASH_METHOD = "scrypt:131072:8:1"
    # How long a one-time password link made by an administrator works (seconds).
    PASSWORD_RESET_TTL = 24 * 3600
    # How long a signed preview link of an unpublished article works (seconds): the person
    # quoted reads the article in the site's layout without an account.
    PREVIEW_LINK_TTL = 7 * 24 * 3600
    # Login throttling, per account and client address: LOGIN_MAX_FAILURES wrong passwords
    # are free; after that each further try waits LOGIN_BACKOFF_SECONDS after the last
    # failure, doubled with every failure, at most LOGIN_BACKOFF_MAX. Failures are remembered
    # for LOGIN_FAILURE_WINDOW seconds (a successful login forgets that account's at that
    # address). Failures at one address never slow down another, so strangers elsewhere
    # cannot lock a real user out.
    LOGIN_MAX_FAILURES = 5
    LOGIN_BACKOFF_SECONDS = 15
    LOGIN_BACKOFF_MAX = 15 * 60
    LOGIN_FAILURE_WINDOW = 24 * 3600
    # One address trying many accounts: this many failures (any accounts) within
    # LOGIN_ADDRESS_WINDOW seconds answer 429 for every login from that address until enough
    # of them are older than that.
    LOGIN_MAX_FAILURES_PER_ADDRESS = 100
    LOGIN_ADDRESS_WINDOW = 3600
    # How many proxies in front of newsdesk to trust for X-Forwarded-For/-Proto/-Host/-Port
    # (Werkzeug's ProxyFix). 0: none, the client address is the connection's. Behind one nginx
    # set 1, else every client shares nginx's address (and its login throttle). Never set it
    # higher than the number of proxies you run: clients could then forge their address.
    TRUSTED_PROXIES = 0
    # A login lasts at most this long (seconds) on the server, however long the browser keeps
    # its cookie; logging out ends it at once (newsdesk/accounts/sessions.py).
    PERMANENT_SESSION_LIFETIME = 14 * 24 * 3600
