"""The translators' review workspace (/editor/stories/<id>/review/<lang>...): sentence by
sentence review, staleness, QA checks, revisions and the audit log."""

from flask import Blueprint, Flask

bp = Blueprint("review", __name__, url_prefix="/editor")

# The route modules register themselves on bp.
from newsdesk.review import views  # noqa: E402, F401


def register(app: Flask) -> None:
    """Attach the blueprint and the ``qa`` command group to the app."""
    from newsdesk.review.cli import qa_group

    app.register_blueprint(bp)
    app.cli.add_command(qa_group)
