"""Full-text search of published articles, per language, on SQLite FTS5 or PostgreSQL.

Both databases match Snowball lexemes, the same ones. PostgreSQL stems with its
``russian``/``english`` configurations (``to_tsvector`` in migration 0004's indexes,
``plainto_tsquery`` for the query). SQLite's ``article_search`` table holds the lexemes
``newsdesk.site.stemming`` makes exactly as PostgreSQL would (its triggers call it, migration
0011), and a query's lexemes are matched term for term: университетом finds университеты,
universities finds university, on either database. Stop words (и, the…) are left out of
queries as PostgreSQL leaves them out. Highlighting marks, on the original text, the words
whose lexeme the query has, so it works the same on both databases.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import nh3
from flask import Flask
from markupsafe import Markup, escape
from sqlalchemy import Select, event, func, literal_column, select, table, text
from sqlalchemy.orm import selectinload

from newsdesk.extensions import db
from newsdesk.markup import render_markdown
from newsdesk.models import LiveArticle, Story, utcnow
from newsdesk.site.stemming import (
    CONFIGS,
    TOKEN,
    lexeme,
    lexemes,
    lower,
    register_sqlite_functions,
)
from newsdesk.stories.queries import visible

CYRILLIC = re.compile(r"[а-яё]")
MAX_TERMS = 8
RANK_LIMIT = 1000  # beyond this many matches, rank the newest ones here (see search_articles)
MAX_QUERY = 200
SEARCH_TABLE = table("article_search")


def init_app(app: Flask) -> None:
    """Give each SQLite connection ``newsdesk_lexemes``, which the index's triggers call."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        # create_app opens no connection before the features register: each one gets it.
        event.listen(engine, "connect", register_sqlite_functions)


def normalize(text_: str) -> str:
    """Lower-case as PostgreSQL does (ё stays: the Russian stemmer folds it)."""
    return lower(text_)


def query_terms(query: str, lang: str) -> list[str]:
    """The distinct lexemes of a reader's query in ``lang``, at most MAX_TERMS of them."""
    return list(dict.fromkeys(lexemes(lang, query[:MAX_QUERY])))[:MAX_TERMS]


def fts5_match(stems: list[str]) -> str:
    """An FTS5 query: every lexeme as a quoted term (quoting keeps FTS5 syntax out)."""
    return " ".join('"{}"'.format(s.replace('"', '""')) for s in stems)


@dataclass
class Hit:
    article: LiveArticle
    title: Markup
    snippet: Markup


@dataclass
class Results:
    """One page of hits, shaped like Flask-SQLAlchemy's pagination for the pager macro."""

    query: str
    page: int
    per_page: int
    total: int
    items: list[Hit] = field(default_factory=list)
    more: bool = False  # there are more than ``total`` matches (see search_articles)

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _visible(lang: str, now: datetime):
    return (LiveArticle.lang == lang, *visible(now))


def _pg_document(lang: str):
    # Must stay identical to the expression of the ix_live_articles_search_* indexes.
    config = CONFIGS[lang]
    return literal_column(
        f"to_tsvector('{config}'::regconfig, "
        "live_articles.title || ' ' || live_articles.lead || ' ' || live_articles.body)"
    )


def pg_match(lang: str, query: str):
    """PostgreSQL: the full-text condition on an article and its rank (higher is better)."""
    tsquery = func.plainto_tsquery(literal_column(f"'{CONFIGS[lang]}'::regconfig"), query)
    document = _pg_document(lang)
    return document.op("@@")(tsquery), func.ts_rank(document, tsquery).desc()


def _matching(lang: str, query: str, stems: list[str], now: datetime) -> tuple[Select, object]:
    """Ids of the matching visible articles and the expression to rank them by."""
    base = select(LiveArticle.id).join(LiveArticle.story).where(*_visible(lang, now))
    if db.engine.dialect.name == "postgresql":
        condition, rank = pg_match(lang, query)
        return base.where(condition), rank
    base = base.join(SEARCH_TABLE, literal_column("article_search.rowid") == LiveArticle.id).where(
        text("article_search MATCH :match").bindparams(match=fts5_match(stems))
    )
    # bm25 is lower for better matches; a hit in the title weighs most.
    return base, func.bm25(literal_column("article_search"), 10.0, 4.0, 1.0)


def search_articles(
    lang: str, query: str, *, page: int = 1, per_page: int = 10, now: datetime | None = None
) -> Results:
    """Published articles in ``lang`` matching every word of ``query``, best first.

    Up to ``RANK_LIMIT`` matches are ranked by the database (bm25 / ts_rank). A query that
    matches more (a word in nearly every article) is answered from the ``RANK_LIMIT`` most
    recently written matches (highest ids), ranked here by where the words occur (title, then
    lead), newest first among equals, and the count says "more than": bm25 over tens of
    thousands of matches took most of a second on 100,000 articles (bench M5).
    """
    query = " ".join(query.split())[:MAX_QUERY]
    stems = query_terms(query, lang)
    results = Results(query=query, page=max(page, 1), per_page=per_page, total=0)
    if not stems:
        return results
    now = now or utcnow()
    matching, rank = _matching(lang, query, stems, now)
    # With their titles and leads: _rank_here needs them when there are too many to rank
    # in the database, and a second statement with 1,000 ids cost more than these columns.
    # SQLite's index holds their lexemes already; on PostgreSQL they are stemmed here.
    if db.engine.dialect.name == "postgresql":
        listing = matching.add_columns(LiveArticle.title, LiveArticle.lead).order_by(
            LiveArticle.id.desc()
        )
        words = lambda text_: lexemes(lang, text_)  # noqa: E731
    else:
        listing = matching.add_columns(
            literal_column("article_search.title"), literal_column("article_search.lead")
        ).order_by(literal_column("article_search.rowid").desc())
        words = str.split
    candidates = db.session.execute(listing.limit(RANK_LIMIT + 1)).all()
    offset = (results.page - 1) * per_page
    if len(candidates) <= RANK_LIMIT:
        results.total = len(candidates)
        ids = db.session.scalars(
            matching.order_by(rank, Story.published_at.desc(), LiveArticle.id.desc())
            .limit(per_page)
            .offset(offset)
        ).all()
    else:
        results.total, results.more = RANK_LIMIT, True
        ids = _rank_here(candidates[:RANK_LIMIT], set(stems), words)[offset : offset + per_page]
    found = (
        select(LiveArticle).where(LiveArticle.id.in_(ids)).options(selectinload(LiveArticle.story))
    )
    articles = {a.id: a for a in db.session.scalars(found)}
    for article_id in ids:
        article = articles[article_id]
        results.items.append(
            Hit(
                article=article,
                title=highlight(article.title, stems, lang),
                snippet=snippet(plain_text(article), stems, lang),
            )
        )
    return results


def _rank_here(candidates: list, stems: set[str], words) -> list[int]:
    """Candidate (id, title, lead) rows, most recently written first, as ids best first:
    words in the title weigh 10, in the lead 4 (every candidate matches somewhere); ties
    keep the newest first. ``words`` gives the lexemes of a title or lead."""

    def hits(text_: str) -> int:
        return sum(1 for word in words(text_) if word in stems)

    scores = {i: 10 * hits(title) + 4 * hits(lead) for i, title, lead in candidates}
    return sorted(scores, key=lambda i: -scores[i])  # stable: newest first


def plain_text(article: LiveArticle) -> str:
    """The article's lead and body as plain text (Markdown rendered, tags dropped)."""
    return " ".join(f"{article.lead} {_plain_body(article.body)}".split())


@lru_cache(maxsize=256)
def _plain_body(body: str) -> str:
    return html.unescape(nh3.clean(str(render_markdown(body)), tags=set()))


def highlight(text_: str, stems: list[str], lang: str) -> Markup:
    """The text, escaped, with every word whose lexeme is one of ``stems`` wrapped in <mark>."""
    config = CONFIGS[lang]
    out, last = [], 0
    for match in TOKEN.finditer(text_):
        if lexeme(config, match.group()) in stems:
            out.append(escape(text_[last : match.start()]))
            out.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    out.append(escape(text_[last:]))
    return Markup("").join(out)


def snippet(text_: str, stems: list[str], lang: str, words: int = 40) -> Markup:
    """About ``words`` words around the first match, highlighted, with ellipses where cut."""
    config = CONFIGS[lang]
    tokens = text_.split()
    first = next(
        (
            i
            for i, t in enumerate(tokens)
            if any(lexeme(config, w) in stems for w in TOKEN.findall(t))
        ),
        0,
    )
    start = max(0, min(first - words // 4, len(tokens) - words))
    part = " ".join(tokens[start : start + words])
    before = "… " if start > 0 else ""
    after = " …" if start + words < len(tokens) else ""
    return Markup(before) + highlight(part, stems, lang) + Markup(after)
