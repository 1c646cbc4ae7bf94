"""Installing and removing translation models from the admin's models page.

Uploads stream into a temp file under the instance folder (never into memory), with their
own size limit ``MODEL_UPLOAD_MAX_BYTES`` instead of ``MAX_CONTENT_LENGTH``: the web process
sets both per request in :func:`prepare_upload_request`, before any ``before_request`` reads
the form. Installing runs in the request: unpacking a checked file takes seconds, and the
admin gets the outcome (or the reason) on the next page without a job to follow.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from newsdesk.translation_jobs import service
from newsdesk.translation_jobs.directions import directions

UPLOAD_ENDPOINT = "translation_jobs.upload_model"
SUPPORTED = (("en", "ru"), ("ru", "en"))
# How long a probe of the package index is trusted, in seconds: the page stays fast.
INDEX_PROBE_TTL = 60.0
_probes: dict[str, tuple[float, bool]] = {}


class ModelAdminError(Exception):
    """An install or removal was refused; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def upload_folder() -> Path:
    """Where uploaded packages wait while they are checked and installed."""
    folder = Path(current_app.instance_path) / "model-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_limit() -> int:
    """The largest accepted .argosmodel upload, in bytes."""
    return int(current_app.config["MODEL_UPLOAD_MAX_BYTES"])


def prepare_upload_request(sender, **extra) -> None:
    """``request_started``: an admin's model upload gets its own size limit and temp folder."""
    if request.url_rule is None or request.url_rule.endpoint != UPLOAD_ENDPOINT:
        return
    if not (current_user.is_authenticated and current_user.is_admin):
        return  # everyone else keeps the ordinary MAX_CONTENT_LENGTH
    request.max_content_length = upload_limit()
    folder = upload_folder()
    needed = request.content_length or 0
    if needed and os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize < 2 * needed:
        request.environ["newsdesk.model_upload_no_space"] = True

    def stream_factory(total_content_length, content_type, filename, content_length=None):
        if request.environ.get("newsdesk.model_upload_no_space"):
            return open(os.devnull, "wb+")  # read and dropped: the view says the disk is full
        return tempfile.NamedTemporaryFile(dir=folder, suffix=".argosmodel")

    # Werkzeug's documented hook for where file parts go; set on this request only.
    request._get_file_stream = stream_factory  # type: ignore[method-assign]


def size_label(size: int) -> str:
    """A byte count for people: KB, MB or GB."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:.0f} MB"
    return f"{size / 1024:.0f} KB"


def too_big_message() -> str:
    """Why an upload over the limit was refused."""
    return _(
        "The file is larger than the upload limit of %(limit)s (setting MODEL_UPLOAD_MAX_BYTES).",
        limit=size_label(upload_limit()),
    )


def _disk_full() -> ModelAdminError:
    return ModelAdminError(
        _("The server's disk is full: free some space, then upload the model again.")
    )


def install_upload(upload: FileStorage | None):
    """Check an uploaded .argosmodel like ``newsdesk mt install`` does, then install it."""
    if request.environ.get("newsdesk.model_upload_no_space"):
        raise _disk_full()
    if upload is None or not upload.filename:
        raise ModelAdminError(_("Choose a .argosmodel file first."))
    stream = upload.stream
    name = getattr(stream, "name", None)
    if not isinstance(name, str) or not name.startswith(str(upload_folder())):
        raise ModelAdminError(_("Choose a .argosmodel file first."))
    try:
        stream.flush()
        return install_file(Path(name), upload.filename)
    finally:
        upload.close()


def install_file(path: Path, shown_name: str):
    """Install a package file after the checks the CLI makes, plus en/ru only."""
    service.configure_engines()
    from newsdesk.machine_translation import argos  # heavy: imported when an admin installs

    if not zipfile.is_zipfile(path):
        raise ModelAdminError(
            _(
                "%(name)s is not a zip archive, so it is not a .argosmodel package (a failed or "
                "partial download?).",
                name=shown_name,
            )
        )
    try:
        metadata = argos.check_file(path)
        pair = (metadata["from_code"], metadata["to_code"])
        if pair not in SUPPORTED:
            raise ModelAdminError(
                _(
                    "%(name)s translates %(source)s→%(target)s; newsdesk uses only en→ru and "
                    "ru→en models.",
                    name=shown_name,
                    source=pair[0],
                    target=pair[1],
                )
            )
        return argos.install_file(path)
    except argos.ModelFileError as exc:
        detail = str(exc).replace(str(path), shown_name)
        raise ModelAdminError(
            _(
                "%(name)s is not a usable argos translation package: %(detail)s",
                name=shown_name,
                detail=detail,
            )
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _disk_full() from None
        raise


def remove(source: str, target: str) -> None:
    """Remove the direction's model; the engine cache forgets it."""
    missing = ModelAdminError(
        _("No %(source)s→%(target)s model is installed.", source=source, target=target)
    )
    if not directions()[(source, target)].installed:
        raise missing  # argostranslate is not even imported
    service.configure_engines()
    from newsdesk.machine_translation import argos  # heavy: imported when an admin removes

    try:
        removed = argos.remove(source, target)
    except argos.ModelFileError as exc:
        raise ModelAdminError(str(exc)) from None
    if not removed:
        raise missing


def install_from_index(source: str, target: str):
    """Download and install the direction from the argos package index."""
    if not index_reachable():
        raise ModelAdminError(offline_reason())
    service.configure_engines()
    from newsdesk.machine_translation import argos  # heavy: imported when an admin installs

    try:
        return argos.install_from_index(source, target)
    except (argos.IndexUnavailable, argos.ModelFileError) as exc:
        raise ModelAdminError(
            _("Installing from the argos package index failed: %(detail)s", detail=str(exc))
        ) from None


def offline_reason() -> str:
    """Why the index button is disabled."""
    return _("This server cannot reach the argos package index; upload a .argosmodel file instead")


def fetch_index(url: str, timeout: float) -> bool:
    """Whether the index answers at ``url`` within ``timeout`` seconds (tests replace this)."""
    probe = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(probe, timeout=timeout) as answer:  # noqa: S310 (config URL)
            return answer.status < 400
    except (OSError, ValueError):
        return False


def index_reachable() -> bool:
    """Whether the argos package index answers (remembered for a minute); never when
    ``ARGOS_INDEX_URL`` is empty."""
    url = current_app.config.get("ARGOS_INDEX_URL") or ""
    if not url.startswith(("https://", "http://")):
        return False
    now = time.monotonic()
    cached = _probes.get(url)
    if cached is not None and now - cached[0] < INDEX_PROBE_TTL:
        return cached[1]
    reachable = fetch_index(url, float(current_app.config["ARGOS_INDEX_TIMEOUT"]))
    _probes[url] = (now, reachable)
    return reachable


def page_context() -> dict:
    """What the models page shows: directions, and for admins the index state."""
    admin = current_user.is_authenticated and current_user.is_admin
    online = index_reachable() if admin else False
    return {
        "directions": directions(),
        "index_online": online,
        "offline_reason": offline_reason(),
        "upload_limit": size_label(upload_limit()),
    }
