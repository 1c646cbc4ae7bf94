"""Old addresses of articles: a slug changed after publication still answers, with a 301."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from newsdesk.extensions import db
from newsdesk.models.core import Article, utcnow


class SlugRedirect(db.Model):
    """A slug an article was published under before an editor changed it."""

    __tablename__ = "slug_redirects"
    __table_args__ = (UniqueConstraint("lang", "slug", name="uq_slug_redirects_lang_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(2))
    slug: Mapped[str] = mapped_column(String(200))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    article: Mapped[Article] = relationship()
