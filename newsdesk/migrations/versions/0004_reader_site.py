"""reader site: lead images, full-text search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 14:00:00

Search is per dialect:
- SQLite: an FTS5 table ``article_search`` (rowid = articles.id) filled by triggers on
  ``articles``. The triggers store the text with "ё" folded to "е" (unicode61 folds case but
  not ё). A later migration that rebuilds ``articles`` with batch mode drops these triggers:
  recreate them there (``tests/test_site_search.py`` checks they exist at head).
- PostgreSQL: GIN expression indexes over ``to_tsvector('english'|'russian', ...)``, one
  partial index per language; ``newsdesk.search`` queries with the identical expression.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

FOLD = "replace(replace({col}, 'ё', 'е'), 'Ё', 'Е')"
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, lead, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search (rowid, title, lead, body) VALUES (new.id, {t}, {l}, {b}); "
    "END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, lead, body ON articles BEGIN "
    "DELETE FROM article_search WHERE rowid = old.id; "
    "INSERT INTO article_search (rowid, title, lead, body) VALUES (new.id, {t}, {l}, {b}); "
    "END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM article_search WHERE rowid = old.id; "
    "END",
    "INSERT INTO article_search (rowid, title, lead, body) "
    "SELECT id, {t0}, {l0}, {b0} FROM articles",
]
PG_CONFIGS = {"en": "english", "ru": "russian"}
PG_DOCUMENT = "to_tsvector('{config}'::regconfig, title || ' ' || lead || ' ' || body)"


def _sqlite_statements():
    new = {k: FOLD.format(col=f"new.{c}") for k, c in (("t", "title"), ("l", "lead"), ("b", "body"))}
    bare = {f"{k}0": FOLD.format(col=c) for k, c in (("t", "title"), ("l", "lead"), ("b", "body"))}
    return [s.format(**new, **bare) for s in SQLITE_FTS]


def upgrade():
    op.create_table('lead_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=80), nullable=False),
    sa.Column('media_type', sa.String(length=32), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('byte_size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_lead_images_story_id_stories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_lead_images_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_images')),
    sa.UniqueConstraint('story_id', name=op.f('uq_lead_images_story_id'))
    )
    op.create_table('lead_image_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('alt', sa.String(length=300), nullable=False),
    sa.Column('caption', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['image_id'], ['lead_images.id'], name=op.f('fk_lead_image_texts_image_id_lead_images'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_image_texts')),
    sa.UniqueConstraint('image_id', 'lang', name='uq_lead_image_texts_image_lang')
    )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _sqlite_statements():
            op.execute(statement)
    elif dialect == "postgresql":
        for lang, config in PG_CONFIGS.items():
            op.execute(
                f"CREATE INDEX ix_articles_search_{lang} ON articles "
                f"USING gin ({PG_DOCUMENT.format(config=config)}) WHERE lang = '{lang}'"
            )


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS article_search_{name}")
        op.execute("DROP TABLE IF EXISTS article_search")
    elif dialect == "postgresql":
        for lang in PG_CONFIGS:
            op.execute(f"DROP INDEX IF EXISTS ix_articles_search_{lang}")
    op.drop_table('lead_image_texts')
    op.drop_table('lead_images')
