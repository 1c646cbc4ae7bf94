"""A save from a stale page: merge it with the newer version instead of refusing it.

``propose`` takes the version the editor started from (kept as a revision), their text and
the article as saved since, and merges the three (``stories.merge``). With no overlapping
change the caller saves the proposal at once; otherwise the editor chooses, per conflict,
"keep mine" or "keep theirs" — the proposal travels with the form as JSON, and ``resolve``
turns the choices back into the text to save (text the editor edited by hand wins).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import Article, Revision
from newsdesk.stories.merge import Conflict, Merged, merge_body, merge_field

FIELDS = ("title", "lead", "body")
SEPARATORS = {"title": " ", "lead": "\n\n", "body": "\n\n"}


@dataclass
class Proposal:
    """The merge of each field, and the version it was made against."""

    theirs_version: int
    merged: dict[str, Merged]

    @property
    def conflicts(self) -> list[tuple[int, str, Conflict]]:
        """(number, field, conflict) in the order the page shows them."""
        out, number = [], 0
        for name in FIELDS:
            for conflict in self.merged[name].conflicts:
                out.append((number, name, conflict))
                number += 1
        return out

    def texts(self, choices: dict[int, str] | None = None) -> dict[str, str]:
        """Each field's text with the given choices (mine where none is given)."""
        choices = choices or {}
        out, offset = {}, 0
        for name in FIELDS:
            merged = self.merged[name]
            own = {n - offset: c for n, c in choices.items() if n >= offset}
            out[name] = merged.text(own, separator=SEPARATORS[name])
            offset += len(merged.conflicts)
        return out

    def to_json(self) -> str:
        pieces = {
            name: [
                piece if isinstance(piece, str) else [piece.base, piece.mine, piece.theirs]
                for piece in self.merged[name].pieces
            ]
            for name in FIELDS
        }
        return json.dumps({"version": self.theirs_version, "pieces": pieces}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Proposal | None:
        """The proposal a form carried back; None when it is not one."""
        try:
            data = json.loads(text)
            merged = {
                name: Merged(
                    [
                        piece if isinstance(piece, str) else Conflict(*map(str, piece[:3]))
                        for piece in data["pieces"][name]
                    ]
                )
                for name in FIELDS
            }
            return cls(int(data["version"]), merged)
        except (ValueError, KeyError, TypeError, IndexError):
            return None


def base_revision(article: Article, version: int) -> Revision | None:
    """The text of ``version`` exactly, if a revision kept it."""
    return db.session.scalar(
        select(Revision)
        .where(Revision.article_id == article.id, Revision.version == version)
        .order_by(Revision.id.desc())
        .limit(1)
    )


def propose(article: Article, base_version: int, mine: dict[str, str]) -> Proposal | None:
    """The merge of ``mine`` (made from ``base_version``) with the article as saved now; None
    when the base is unknown or the body too long to merge."""
    base = base_revision(article, base_version)
    if base is None:
        return None
    body = merge_body(base.body, mine["body"], article.body)
    if body is None:
        return None
    merged = {
        "title": merge_field(base.title, mine["title"], article.title),
        "lead": merge_field(base.lead or "", mine["lead"], article.lead or ""),
        "body": body,
    }
    return Proposal(article.version, merged)


def resolve(state: str, choices: dict[int, str], typed: dict[str, str]) -> dict[str, str]:
    """The text to save after the editor chose: per field, the proposal with the choices,
    unless the editor changed that field's proposed text by hand (then what they typed)."""
    proposal = Proposal.from_json(state)
    if proposal is None:
        return typed
    proposed, chosen = proposal.texts(), proposal.texts(choices)
    return {
        name: chosen[name] if _same(typed[name], proposed[name]) else typed[name] for name in FIELDS
    }


def _same(a: str, b: str) -> bool:
    """Equal up to line endings and surrounding blank space (browsers send CRLF)."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()
