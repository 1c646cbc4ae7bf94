"""The workspace header's live state: the translation's status and what keeps it from
being marked ready. The page renders it, and every in-place save returns it as JSON so
that review.js can update the badge, the blockers and the "Mark ready" button without a
reload."""

from __future__ import annotations

from typing import Any

from flask import get_template_attribute
from markupsafe import Markup

from newsdesk.models import User
from newsdesk.review.workspace import Workspace


def header_state(ws: Workspace, user: User | None) -> dict[str, Any]:
    """Status, blocker counts and messages, and whether ``user`` may press "Mark ready".

    A translator may only when nothing blocks; an editor may always (with a reason for
    the override, which the service checks).
    """
    blockers = ws.blockers
    status = ws.target.status.value
    label = get_template_attribute("_macros.html", "status_label")(status)
    return {
        "status": status,
        "status_label": Markup(label).unescape().strip(),  # text, for textContent
        "blockers": {
            "machine": blockers.machine,
            "stale": blockers.stale,
            "missing": blockers.missing,
            "errors": len(blockers.errors),
        },
        "messages": blockers.messages(),
        "blocked": bool(blockers),
        "can_mark_ready": not blockers or bool(user is not None and user.can_publish),
    }
