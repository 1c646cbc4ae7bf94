"""The editors' and translators' blueprint (/editor/...)."""

from flask import Blueprint

bp = Blueprint("editor", __name__, url_prefix="/editor")

# The route modules register themselves on bp.
from newsdesk.editor import autosave, glossary_views, images, tokens, translate, views  # noqa: E402, F401
