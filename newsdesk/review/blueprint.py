"""The review workspace's blueprint (/editor/stories/<id>/review/<lang>...)."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/editor")

LANG = "<any(en, ru):lang>"  # the language segment of review URLs
