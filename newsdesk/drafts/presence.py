"""Who else has an article's editor open: a ping every few seconds, kept in the database so
every web worker sees it. Nothing is locked; an entry simply stops counting when its pings stop.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from newsdesk.extensions import db
from newsdesk.models import Article, Role, User, utcnow
from newsdesk.models.editing import EditingPresence


def _ttl() -> timedelta:
    return timedelta(seconds=current_app.config["PRESENCE_TTL_SECONDS"])


def ping(user: User, article: Article, *, now: datetime | None = None) -> list[User]:
    """Record that ``user`` has ``article`` open; returns the others who have it open too."""
    now = now or utcnow()
    # Forget everybody whose pings stopped (closed tab, lost network, crashed browser).
    db.session.execute(delete(EditingPresence).where(EditingPresence.seen_at < now - _ttl()))
    touched = db.session.execute(
        update(EditingPresence)
        .where(EditingPresence.article_id == article.id, EditingPresence.user_id == user.id)
        .values(seen_at=now)
    ).rowcount
    if not touched:
        db.session.add(EditingPresence(article_id=article.id, user_id=user.id, seen_at=now))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same user's other tab inserted it a moment ago: that will do
    return others(user, article, now=now)


def leave(user: User, article: Article) -> None:
    """The user closed the editor: stop counting them at once."""
    db.session.execute(
        delete(EditingPresence).where(
            EditingPresence.article_id == article.id, EditingPresence.user_id == user.id
        )
    )
    db.session.commit()


def others(user: User, article: Article, *, now: datetime | None = None) -> list[User]:
    """The other users whose editor of ``article`` pinged within the time-to-live."""
    since = (now or utcnow()) - _ttl()
    rows = db.session.scalars(
        select(EditingPresence)
        .where(
            EditingPresence.article_id == article.id,
            EditingPresence.user_id != user.id,
            EditingPresence.seen_at >= since,
        )
        .options(selectinload(EditingPresence.user))
        .order_by(EditingPresence.seen_at)
    )
    return [row.user for row in rows]


def role_name(role: Role) -> str:
    """The role as shown beside a name."""
    return {
        Role.EDITOR: _("editor"),
        Role.TRANSLATOR: _("translator"),
        Role.ADMIN: _("administrator"),
    }[role]


def notice(users: list[User]) -> str:
    """ "Anna (editor) is also editing this article", or an empty string for nobody."""
    if not users:
        return ""
    who = ", ".join(
        _("%(name)s (%(role)s)", name=u.username, role=role_name(u.role)) for u in users
    )
    return ngettext(
        "%(who)s is also editing this article",
        "%(who)s are also editing this article",
        len(users),
        who=who,
    )
