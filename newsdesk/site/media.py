"""Lead image files: public once their story is, cached for a year (names are content hashes)."""

from __future__ import annotations

import re

from flask import abort, request, send_from_directory
from flask_login import current_user

from newsdesk.images import service as images
from newsdesk.models import utcnow
from newsdesk.site import preview
from newsdesk.site.blueprint import bp

FILENAME = re.compile(r"^[0-9a-f]{64}\.(?:jpg|png|webp)$")
YEAR = 365 * 24 * 3600


@bp.route("/media/<filename>")
def show_image(filename: str):
    """Readers get images of public stories only: an embargoed photo must not leak early.
    Logged-in staff also see the others, uncached, to check them before publication."""
    if not FILENAME.match(filename):
        abort(404)
    public = images.is_public_file(filename, utcnow())
    staff = current_user.is_authenticated and images.is_known_file(filename)
    if (
        not public
        and not staff
        and not preview.image_allowed(filename, request.args.get("preview"))
    ):
        abort(404)
    response = send_from_directory(images.storage_dir(), filename, max_age=YEAR if public else 0)
    if public:
        response.cache_control.public = True
        response.cache_control.immutable = True
    else:
        response.cache_control.private = True
        response.cache_control.no_store = True
        response.cache_control.max_age = None
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
