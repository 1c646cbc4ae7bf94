"""search on SQLite indexes Snowball lexemes, as PostgreSQL does

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 20:15:00

SQLite only (PostgreSQL keeps migration 0004's ``to_tsvector`` indexes). ``article_search``
is rebuilt to hold, per article, the lexemes PostgreSQL's ``english``/``russian``
configuration makes of its title, lead and body (``newsdesk.site.stemming``), instead of the
words: the query is stemmed the same way and matched term for term, no more prefixes. The
triggers on ``articles`` call ``newsdesk_lexemes(lang, text)``, a function every connection
that writes ``articles`` must register (``stemming.register_sqlite_functions``; the app's
engine does). Existing articles are re-indexed here. A later migration that rebuilds
``articles`` with batch mode drops these triggers: recreate them there
(``tests/test_site_search.py`` checks they exist at head). A new stemmer release that changes
stems needs a migration that runs ``reindex`` again.
"""
from alembic import op

from newsdesk.site.stemming import register_sqlite_functions

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

COLUMNS = ("title", "lead", "body")
# The index keeps each lexeme as it is: no diacritics removed (PostgreSQL tells café from cafe).
CREATE = (
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, lead, body, tokenize = 'unicode61 remove_diacritics 0')"
)
TRIGGERS = {
    "insert": "AFTER INSERT ON articles BEGIN {insert} END",
    "update": "AFTER UPDATE OF lang, title, lead, body ON articles BEGIN {delete} {insert} END",
    "delete": "AFTER DELETE ON articles BEGIN {delete} END",
}
# 0004's index, for the downgrade: the words themselves, ё folded to е.
OLD_CREATE = (
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, lead, body, tokenize = 'unicode61 remove_diacritics 2')"
)
OLD_TRIGGERS = {
    "insert": "AFTER INSERT ON articles BEGIN {insert} END",
    "update": "AFTER UPDATE OF title, lead, body ON articles BEGIN {delete} {insert} END",
    "delete": "AFTER DELETE ON articles BEGIN {delete} END",
}


def _lexemes(row: str, column: str) -> str:
    return f"newsdesk_lexemes({row}lang, {row}{column})"


def _folded(row: str, column: str) -> str:
    return f"replace(replace({row}{column}, 'ё', 'е'), 'Ё', 'Е')"


def _rebuild(create: str, triggers: dict, value) -> None:
    """Replace the index table and its triggers, and fill it from ``articles``."""
    for name in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS article_search_{name}")
    op.execute("DROP TABLE IF EXISTS article_search")
    op.execute(create)
    insert = (
        "INSERT INTO article_search (rowid, title, lead, body) VALUES (new.id, "
        + ", ".join(value("new.", c) for c in COLUMNS)
        + ");"
    )
    delete = "DELETE FROM article_search WHERE rowid = old.id;"
    for name, body in triggers.items():
        op.execute(
            f"CREATE TRIGGER article_search_{name} "
            + body.format(insert=insert, delete=delete)
        )
    op.execute(
        "INSERT INTO article_search (rowid, title, lead, body) SELECT id, "
        + ", ".join(value("", c) for c in COLUMNS)
        + " FROM articles"
    )


def _register_function() -> None:
    """This migration's own connection may not be the app's (plain ``alembic``)."""
    register_sqlite_functions(op.get_bind().connection.driver_connection)


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _register_function()
    _rebuild(CREATE, TRIGGERS, _lexemes)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(OLD_CREATE, OLD_TRIGGERS, _folded)
