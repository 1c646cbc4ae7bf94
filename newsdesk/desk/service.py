"""The desk's queries: a few aggregate statements per language, whatever the story count.

Each (story, target language) pair gets one state, computed in SQL from its article and
sentence counts, in the order a translator cares about: no translation yet, stale
sentences, published, an unreviewed machine draft, ready to publish, in progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import aliased

from newsdesk.extensions import db
from newsdesk.models import LANGS, Article, Segment, SegmentStatus, Status, Story, User

STATES = ("untranslated", "stale", "machine", "ready", "in_progress", "published")
WAITING = ("machine", "stale", "ready")  # what "Waiting for me" lists
TABLE_LIMIT = 200  # rows of the status table per language
WAITING_LIMIT = 10  # items of each waiting kind per language


@dataclass(frozen=True)
class Row:
    """One story in one target language: its state and sentence counts."""

    story_id: int
    lang: str
    title: str
    title_lang: str
    state: str
    total: int
    approved: int
    stale: int
    machine: int


@dataclass
class Desk:
    """What the desk page shows: per language, the waiting work and the status table."""

    langs: list[str]
    waiting: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    stale_sentences: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def desk_languages(user: User) -> list[str]:
    """A translator's own languages; editors and admins see both."""
    if user.can_publish:
        return list(LANGS)
    return [lang for lang in LANGS if lang in user.languages.split(",")]


def _pairs(lang: str):
    """Every live story translated (or to be translated) into ``lang``, as a subquery."""
    target, source = aliased(Article), aliased(Article)
    count = func.count(Segment.id)
    approved = func.sum(case((Segment.status == SegmentStatus.APPROVED, 1), else_=0))
    stale = func.sum(case((Segment.status == SegmentStatus.STALE, 1), else_=0))
    machine = func.sum(case((Segment.status == SegmentStatus.MACHINE, 1), else_=0))
    state = case(
        (target.id.is_(None), "untranslated"),
        (stale > 0, "stale"),
        (target.status == Status.PUBLISHED, "published"),
        (target.status == Status.MT_DRAFT, "machine"),
        (machine > 0, "machine"),
        (target.status == Status.READY, "ready"),
        (and_(count > 0, approved == count), "ready"),
        else_="in_progress",
    )
    return (
        select(
            Story.id.label("story_id"),
            literal(lang).label("lang"),
            func.coalesce(func.nullif(target.title, ""), source.title, "").label("title"),
            case((func.coalesce(target.title, "") != "", lang), else_=Story.source_lang).label(
                "title_lang"
            ),
            state.label("state"),
            count.label("total"),
            func.coalesce(approved, 0).label("approved"),
            func.coalesce(stale, 0).label("stale"),
            func.coalesce(machine, 0).label("machine"),
            Story.updated_at.label("updated_at"),
        )
        .join(source, and_(source.story_id == Story.id, source.lang == Story.source_lang))
        .outerjoin(target, and_(target.story_id == Story.id, target.lang == lang))
        .outerjoin(Segment, Segment.article_id == target.id)
        .where(Story.deleted_at.is_(None), Story.source_lang != lang)
        .group_by(Story.id, Story.source_lang, Story.updated_at, source.title, target.id)
        .subquery()
    )


def _rows(pairs, *where, limit: int) -> list[Row]:
    statement = select(*(pairs.c[name] for name in Row.__dataclass_fields__)).where(*where)
    statement = statement.order_by(pairs.c.updated_at.desc(), pairs.c.story_id.desc())
    return [Row(**row._asdict()) for row in db.session.execute(statement.limit(limit))]


def _waiting(pairs) -> list[Row]:
    """The newest ``WAITING_LIMIT`` pairs of each waiting state, in one statement."""
    rank = (
        func.row_number()
        .over(
            partition_by=pairs.c.state,
            order_by=(pairs.c.updated_at.desc(), pairs.c.story_id.desc()),
        )
        .label("rank")
    )
    ranked = select(pairs, rank).where(pairs.c.state.in_(WAITING)).subquery()
    statement = (
        select(*(ranked.c[name] for name in Row.__dataclass_fields__))
        .where(ranked.c.rank <= WAITING_LIMIT)
        .order_by(ranked.c.updated_at.desc(), ranked.c.story_id.desc())
    )
    return [Row(**row._asdict()) for row in db.session.execute(statement)]


def build_desk(user: User, *, state: str | None = None, lang: str | None = None) -> Desk:
    """The desk of ``user``: three statements per language (counts, waiting, table)."""
    desk = Desk(desk_languages(user))
    for code in desk.langs:
        pairs = _pairs(code)
        counts = db.session.execute(
            select(pairs.c.state, func.count(), func.sum(pairs.c.stale)).group_by(pairs.c.state)
        ).all()
        desk.counts[code] = {name: number for name, number, _stale in counts}
        desk.stale_sentences[code] = sum(int(s or 0) for _n, _c, s in counts)
        desk.waiting[code] = {kind: [] for kind in WAITING}
        for row in _waiting(pairs):
            desk.waiting[code][row.state].append(row)
        if lang in (None, code):
            where = [pairs.c.state == state] if state in STATES else []
            desk.rows.extend(_rows(pairs, *where, limit=TABLE_LIMIT))
    return desk
