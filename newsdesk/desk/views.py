"""The desk page: "Waiting for me" and the story × language status table."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from newsdesk.desk import service
from newsdesk.models import LANGS

bp = Blueprint("desk", __name__, url_prefix="/editor")


@bp.route("/desk")
@login_required
def show_desk():
    state = request.args.get("state") if request.args.get("state") in service.STATES else None
    lang = request.args.get("lang") if request.args.get("lang") in LANGS else None
    desk = service.build_desk(current_user, state=state, lang=lang)
    return render_template("desk/desk.html", desk=desk, state=state, lang=lang)
