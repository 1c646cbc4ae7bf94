"""What the workspace tells a translator after "Apply the suggested fixes"."""

from __future__ import annotations

from flask_babel import gettext as _

from newsdesk.review.service import SaveResult


def fix_message(result: SaveResult) -> str:
    """Whether the fix kept the sentence's approval, dropped it, or just saved it."""
    number = result.segment.position + 1
    if result.kept_approval:
        return _(
            "Sentence %(n)d: only typography changed (spaces, quotes, dashes); it stays approved.",
            n=number,
        )
    if result.lost_approval:
        return _(
            "Sentence %(n)d: the fixes changed more than typography, so it needs review again.",
            n=number,
        )
    if result.changed:
        return _("Sentence %(n)d: the suggested fixes were applied.", n=number)
    return _("Sentence %(n)d: nothing to fix.", n=number)
