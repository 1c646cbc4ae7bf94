"""Full-text search of published articles, per language, on SQLite FTS5 or PostgreSQL.

SQLite has no Russian stemmer, so query words are cut to a stem by removing one common
inflectional ending and matched as prefixes (``университета`` → ``университет*``, which finds
университет, университета, университетом…). The cut only ever shortens a word, so recall can
only grow; words whose stem itself alternates (день/дня) are not matched. PostgreSQL uses its
own Snowball configurations (``russian``/``english``) through ``plainto_tsquery``.
Highlighting is done here, on plain text, with the same stems, so it works on both databases.
On SQLite the list of matches spells each prefix out as the index's own terms, memoized per
site generation (``fts5_spelled_out``); ranking by bm25 still uses the prefix form.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import nh3
from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import Select, func, literal_column, select, table, text
from sqlalchemy.orm import selectinload

from newsdesk.extensions import db
from newsdesk.markup import render_markdown
from newsdesk.models import Article, Status, Story, utcnow

TOKEN = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[а-яё]")
MAX_TERMS = 8
RANK_LIMIT = 1000  # beyond this many matches, rank the newest ones here (see search_articles)
MAX_QUERY = 200
MIN_STEM = 3
# Inflectional endings, tried longest first; one is removed per word.
RU_ENDINGS = sorted(
    set(
        # adjectives and participles
        "ыми ими ого его ому ему ая яя ое ее ые ие ый ий ой ей ую юю ым им ом ем ых их "
        # nouns
        "иями ями ами иях ях ах иям ям ам ией ием ией ов ев ью ия ие ии ию а я о е ы и у ю ь й "
        # verbs
        "ешь ете ите ет ит ут ют ат ят ть ла ло ли л".split()
    ),
    key=len,
    reverse=True,
)
RU_REFLEXIVE = ("ся", "сь")
EN_ENDINGS = sorted(
    "ingly edly ings ies ied ing ers est ed es er ly s y e".split(), key=len, reverse=True
)
PG_CONFIGS = {"en": "english", "ru": "russian"}
SEARCH_TABLE = table("article_search")


def normalize(text_: str) -> str:
    """Case-fold and fold ё to е, as the index does."""
    return text_.casefold().replace("ё", "е")


def stem(word: str) -> str:
    """A prefix shared by the word's inflected forms (one ending removed, never below 3)."""
    word = normalize(word)
    if CYRILLIC.search(word):
        for ending in RU_REFLEXIVE:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                break
        endings = RU_ENDINGS
    elif word.isdigit():
        return word
    else:
        endings = EN_ENDINGS
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            break
    # English stems alternate y/i/e (study, studies, studying): drop that letter too.
    if endings is EN_ENDINGS and word[-1:] in ("y", "i", "e") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def query_terms(query: str) -> list[str]:
    """The distinct stems of a reader's query, at most MAX_TERMS of them.

    Single letters are dropped: as prefixes they would match nearly every article.
    """
    stems: dict[str, None] = {}
    for token in TOKEN.findall(query[:MAX_QUERY]):
        if len(token) > 1 or token.isdigit():
            stems.setdefault(stem(token), None)
    return list(stems)[:MAX_TERMS]


def fts5_match(stems: list[str]) -> str:
    """An FTS5 query: every stem as a quoted prefix (quoting keeps FTS5 syntax out)."""
    return " ".join('"{}"*'.format(s.replace('"', '""')) for s in stems)


def _quoted(term: str) -> str:
    return '"{}"'.format(term.replace('"', '""'))


def fts5_spelled_out(stems: list[str], terms_of) -> str | None:
    """The same match as ``fts5_match`` with each prefix written out as the indexed terms
    that start with it (``("университет" OR "университета" OR …) AND …``), or None when a
    stem starts no indexed term (nothing can match). ``terms_of(stem)`` gives those terms,
    or None to keep that stem a prefix (see ``_indexed_terms``).

    Why: FTS5 answers a prefix by first merging the whole posting lists of every term with
    that prefix (30–45 ms for университет* in ~50,000 articles, bench M5), while an OR of
    terms is read lazily, newest first, and stops at the LIMIT (under 1 ms). Same articles
    either way; only the candidate list uses it, bm25 still ranks the prefix form."""
    groups = []
    for stem in stems:
        terms = terms_of(stem)
        if terms is None:
            groups.append(fts5_match([stem]))
        elif not terms:
            return None
        else:
            groups.append("(" + " OR ".join(map(_quoted, terms)) + ")")
    return " AND ".join(groups)


@dataclass
class Hit:
    article: Article
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
    return (
        Article.lang == lang,
        Article.status == Status.PUBLISHED,
        Story.published_at.is_not(None),
        Story.published_at <= now,
    )


def _pg_document(lang: str):
    # Must stay identical to the expression of the ix_articles_search_* indexes.
    config = PG_CONFIGS[lang]
    return literal_column(
        f"to_tsvector('{config}'::regconfig, "
        "articles.title || ' ' || articles.lead || ' ' || articles.body)"
    )


def pg_match(lang: str, query: str):
    """PostgreSQL: the full-text condition on an article and its rank (higher is better)."""
    tsquery = func.plainto_tsquery(literal_column(f"'{PG_CONFIGS[lang]}'::regconfig"), query)
    document = _pg_document(lang)
    return document.op("@@")(tsquery), func.ts_rank(document, tsquery).desc()


def _matching(
    lang: str, query: str, stems: list[str], now: datetime, fts_query: str | None = None
) -> tuple[Select, object]:
    """Ids of the matching visible articles and the expression to rank them by
    (``fts_query``: another FTS5 form of the same match, SQLite only)."""
    base = select(Article.id).join(Article.story).where(*_visible(lang, now))
    if db.engine.dialect.name == "postgresql":
        condition, rank = pg_match(lang, query)
        return base.where(condition), rank
    base = base.join(SEARCH_TABLE, literal_column("article_search.rowid") == Article.id).where(
        text("article_search MATCH :match").bindparams(match=fts_query or fts5_match(stems))
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
    stems = query_terms(query)
    results = Results(query=query, page=max(page, 1), per_page=per_page, total=0)
    if not stems:
        return results
    now = now or utcnow()
    matching, rank = _matching(lang, query, stems, now)
    if db.engine.dialect.name == "postgresql":
        listing, newest = matching, Article.id.desc()
    else:
        spelled_out = fts5_spelled_out(stems, _indexed_terms)
        if spelled_out is None:
            return results
        listing, _ = _matching(lang, query, stems, now, spelled_out)
        newest = literal_column("article_search.rowid").desc()
    # With their titles and leads: _rank_here needs them when there are too many to rank
    # in the database, and a second statement with 1,000 ids cost more than these columns.
    listing = listing.add_columns(Article.title, Article.lead)
    candidates = db.session.execute(listing.order_by(newest).limit(RANK_LIMIT + 1)).all()
    offset = (results.page - 1) * per_page
    if len(candidates) <= RANK_LIMIT:
        results.total = len(candidates)
        ids = db.session.scalars(
            matching.order_by(rank, Story.published_at.desc(), Article.id.desc())
            .limit(per_page)
            .offset(offset)
        ).all()
    else:
        results.total, results.more = RANK_LIMIT, True
        ids = _rank_here(candidates[:RANK_LIMIT], stems)[offset : offset + per_page]
    found = select(Article).where(Article.id.in_(ids)).options(selectinload(Article.story))
    articles = {a.id: a for a in db.session.scalars(found)}
    for article_id in ids:
        article = articles[article_id]
        results.items.append(
            Hit(
                article=article,
                title=highlight(article.title, stems),
                snippet=snippet(plain_text(article), stems),
            )
        )
    return results


# What the unicode61 tokenizer (remove_diacritics 2) indexes unchanged: a stem made only of
# these is its own index prefix. Others (é, ß, …) keep FTS5's own prefix query.
PLAIN_STEM = re.compile(r"[0-9a-zа-я]+")
MAX_SPELLED_OUT = 40  # terms per stem; a short stem starting more stays a prefix
TERMS_MEMO = "newsdesk.search_terms"  # app.extensions key: {(generation, stem): terms}
TERMS_MEMO_SIZE = 1000  # entries; emptied when full


def _indexed_terms(stem: str) -> tuple[str, ...] | None:
    """The terms of the FTS5 index that start with ``stem``, or None to keep it a prefix.

    Read from an ``fts5vocab`` table (temporary, per connection; ~20 ms for a stem in every
    article, as it counts their postings), memoized per ``site_state.generation``: the index
    changes only through the triggers on ``articles``, and every article change bumps the
    generation in the same transaction (``site/cache.py``)."""
    if not PLAIN_STEM.fullmatch(stem):
        return None
    generation = db.session.scalar(text("SELECT generation FROM site_state WHERE id = 1"))
    memo = current_app.extensions.setdefault(TERMS_MEMO, {})
    key = (generation, stem)
    terms = memo.get(key)
    if terms is None:
        db.session.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_search_terms"
                " USING fts5vocab(main, article_search, row)"
            )
        )
        upper = stem[:-1] + chr(ord(stem[-1]) + 1)
        found = db.session.scalars(
            text(
                "SELECT term FROM temp.article_search_terms"
                " WHERE term >= :stem AND term < :upper LIMIT :limit"
            ),
            {"stem": stem, "upper": upper, "limit": MAX_SPELLED_OUT + 1},
        ).all()
        terms = tuple(found) if len(found) <= MAX_SPELLED_OUT else False  # False: too many
        if len(memo) >= TERMS_MEMO_SIZE:
            memo.clear()
        memo[key] = terms
    return None if terms is False else terms


def _rank_here(candidates: list, stems: list[str]) -> list[int]:
    """Candidate (id, title, lead) rows, most recently written first, as ids best first:
    words in the title weigh 10, in the lead 4 (every candidate matches somewhere); ties
    keep the newest first."""
    # Words that start with a stem: what _matches() tests word by word, as one regex.
    starts = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, stems)) + ")")
    scores = {
        i: 10 * len(starts.findall(normalize(title))) + 4 * len(starts.findall(normalize(lead)))
        for i, title, lead in candidates
    }
    return sorted(scores, key=lambda i: -scores[i])  # stable: newest first


def plain_text(article: Article) -> str:
    """The article's lead and body as plain text (Markdown rendered, tags dropped)."""
    return " ".join(f"{article.lead} {_plain_body(article.body)}".split())


@lru_cache(maxsize=256)
def _plain_body(body: str) -> str:
    return html.unescape(nh3.clean(str(render_markdown(body)), tags=set()))


def _matches(word: str, stems: list[str]) -> bool:
    word = normalize(word)
    return any(word.startswith(s) for s in stems)


def highlight(text_: str, stems: list[str]) -> Markup:
    """The text, escaped, with every word that matches a stem wrapped in <mark>."""
    out, last = [], 0
    for match in TOKEN.finditer(text_):
        if _matches(match.group(), stems):
            out.append(escape(text_[last : match.start()]))
            out.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    out.append(escape(text_[last:]))
    return Markup("").join(out)


def snippet(text_: str, stems: list[str], words: int = 40) -> Markup:
    """About ``words`` words around the first match, highlighted, with ellipses where cut."""
    tokens = text_.split()
    first = next(
        (i for i, t in enumerate(tokens) if any(_matches(w, stems) for w in TOKEN.findall(t))), 0
    )
    start = max(0, min(first - words // 4, len(tokens) - words))
    part = " ".join(tokens[start : start + words])
    before = "… " if start > 0 else ""
    after = " …" if start + words < len(tokens) else ""
    return Markup(before) + highlight(part, stems) + Markup(after)
