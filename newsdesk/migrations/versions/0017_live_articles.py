"""live articles: readers see a published copy; edits of a live article are drafts until
someone publishes them

Revision ID: 0017
Revises: 0016

``live_articles`` holds, per published language version, the text readers see (its id is the
article's). Every article published now gets its copy from its current text. Search follows:
on SQLite the ``article_search`` triggers move from ``articles`` to ``live_articles`` (same
row ids, the Snowball lexemes of migration 0011, so the app's ``newsdesk_lexemes`` function is
registered here too); on PostgreSQL the ``to_tsvector`` indexes move to ``live_articles``
(``newsdesk.site.search`` queries the identical expression).
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.site.stemming import register_sqlite_functions

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

COLUMNS = ("title", "lead", "body")
PG_CONFIGS = {"en": "english", "ru": "russian"}
PG_DOCUMENT = "to_tsvector('{config}'::regconfig, title || ' ' || lead || ' ' || body)"


def _sqlite_search(table: str, update_of: str) -> None:
    """Point the FTS5 index's triggers at ``table`` and refill it from there."""
    register_sqlite_functions(op.get_bind().connection.driver_connection)
    for name in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS article_search_{name}")
    values = ", ".join(f"newsdesk_lexemes(new.lang, new.{c})" for c in COLUMNS)
    insert = f"INSERT INTO article_search (rowid, title, lead, body) VALUES (new.id, {values});"
    delete = "DELETE FROM article_search WHERE rowid = old.id;"
    op.execute(f"CREATE TRIGGER article_search_insert AFTER INSERT ON {table} BEGIN {insert} END")
    op.execute(
        f"CREATE TRIGGER article_search_update AFTER UPDATE OF {update_of} ON {table} "
        f"BEGIN {delete} {insert} END"
    )
    op.execute(f"CREATE TRIGGER article_search_delete AFTER DELETE ON {table} BEGIN {delete} END")
    op.execute("DELETE FROM article_search")
    current = ", ".join(f"newsdesk_lexemes(lang, {c})" for c in COLUMNS)
    op.execute(
        f"INSERT INTO article_search (rowid, title, lead, body) SELECT id, {current} FROM {table}"
    )


def _pg_search(table: str, old: str) -> None:
    for lang, config in PG_CONFIGS.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{old}_search_{lang}")
        op.execute(
            f"CREATE INDEX ix_{table}_search_{lang} ON {table} "
            f"USING gin ({PG_DOCUMENT.format(config=config)}) WHERE lang = '{lang}'"
        )


def upgrade():
    op.create_table(
        "live_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("lead", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["articles.id"], name="fk_live_articles_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_live_articles_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name="fk_live_articles_published_by_id_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_live_articles"),
        sa.UniqueConstraint("lang", "slug", name="uq_live_articles_lang_slug"),
    )
    op.create_index("ix_live_articles_story_id", "live_articles", ["story_id", "lang"])
    op.execute(
        "INSERT INTO live_articles (id, story_id, lang, title, slug, lead, body, version, "
        "updated_at) SELECT id, story_id, lang, title, slug, lead, body, version, updated_at "
        "FROM articles WHERE status = 'published'"
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_search("live_articles", "lang, title, lead, body")
    elif dialect == "postgresql":
        _pg_search("live_articles", "articles")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_search("articles", "lang, title, lead, body")
    elif dialect == "postgresql":
        _pg_search("articles", "live_articles")
    op.drop_index("ix_live_articles_story_id", table_name="live_articles")
    op.drop_table("live_articles")
