"""Helpers for the review workspace tests (call them inside an app context)."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import Segment, Story
from newsdesk.stories import service as stories


def segments(story_id: int, lang: str = "ru") -> list[Segment]:
    """The translation's sentences in order (call inside an app context)."""
    article = db.session.get(Story, story_id).article(lang)
    return list(
        db.session.scalars(
            db.select(Segment).where(Segment.article_id == article.id).order_by(Segment.position)
        )
    )


def edit_source(story_id: int, change, user=None):
    """Save the English source with ``change(body) -> body`` applied (inside a context)."""
    en = db.session.get(Story, story_id).article("en")
    return stories.update_article(en, title=en.title, lead=en.lead, body=change(en.body), user=user)


def approve_all(story_id: int, user=None, lang: str = "ru") -> None:
    from newsdesk.review import service

    for seg in segments(story_id, lang):
        service.save_segment(seg, seg.target_text or "перевод", user=user, approve=True)


def ru_catalog_has(msgid: str) -> bool:
    """Is ``msgid`` translated in the Russian catalog? (The review strings reach the
    catalogs when the lead merges them; until then Russian-text tests are skipped.)"""
    from babel.messages.pofile import read_po

    from newsdesk.i18n import CATALOG_DIR

    with (CATALOG_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        message = read_po(fh).get(msgid)
    strings = (
        message.string
        if message and isinstance(message.string, tuple)
        else ((message.string,) if message else ("",))
    )
    return all(strings)


def require_ru(msgid: str) -> None:
    if not ru_catalog_has(msgid):
        pytest.skip(f"Russian catalog does not translate {msgid!r} yet (see /tmp/nd/ru_review.py)")
