"""What every story change leaves behind: a new version, its revision, an audit entry."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article, Revision, User, utcnow
from newsdesk.stories import audit as audit_log


def audit(action: str, **kwargs) -> None:
    """Add an audit log entry (written by the caller's commit)."""
    db.session.flush()
    audit_log.record(action, **kwargs)


def record_revision(article: Article, user: User | None, note: str = "") -> None:
    """Count a change of the article's text as a new version and keep it as a revision."""
    article.version += 1
    article.updated_at = utcnow()
    snapshot(article, user, note)


def snapshot(article: Article, user: User | None, note: str = "") -> None:
    """Keep the article's current text as the revision of its current version."""
    article.revisions.append(
        Revision(
            version=article.version,
            user_id=user.id if user else None,
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            note=note,
        )
    )


# A working session: sentence saves by one person, each within this time of the previous one.
SESSION_GAP = timedelta(minutes=30)
_SENTENCES = re.compile(r"sentences? ([0-9]++(?:[–,] ?[0-9]++)*+)")


def record_sentence_save(article: Article, user: User | None, number: int) -> None:
    """Record a save of sentence ``number``: a new version, kept in the open revision of
    this person's working session when there is one, else in a new revision."""
    last = db.session.scalar(
        select(Revision)
        .where(Revision.article_id == article.id)
        .order_by(Revision.version.desc(), Revision.id.desc())
        .limit(1)
    )
    numbers = _session_numbers(last, article, user)
    if numbers is None:
        record_revision(article, user, sentences_note({number}))
        return
    article.version += 1
    article.updated_at = last.created_at = utcnow()
    last.version = article.version
    last.title, last.slug, last.lead, last.body = (
        article.title,
        article.slug,
        article.lead,
        article.body,
    )
    last.note = sentences_note(numbers | {number})


def _session_numbers(last: Revision | None, article: Article, user: User | None) -> set | None:
    """The sentences of the open session revision ``last``; None when a new one is due."""
    if last is None or user is None or last.user_id != user.id or last.version != article.version:
        return None
    match = _SENTENCES.fullmatch(last.note or "")
    if match is None or utcnow() - last.created_at > SESSION_GAP:
        return None
    return parse_numbers(match.group(1))


def parse_numbers(text: str) -> set[int]:
    """``1–3, 7`` → {1, 2, 3, 7}."""
    numbers: set[int] = set()
    for item in text.split(","):
        first, _dash, last = item.strip().partition("–")
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def sentences_note(numbers: set[int]) -> str:
    """The stored note of a session's sentence saves: ``sentence 4`` or ``sentences 1–3, 7``."""
    ordered, runs = sorted(numbers), []
    for n in ordered:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)
    note = f"sentence {text}" if len(ordered) == 1 else f"sentences {text}"
    if len(note) > 200:  # the column's size; a session this scattered keeps a new revision
        return f"sentences {ordered[0]}–{ordered[-1]}"
    return note
