"""list indexes for keyset pagination at scale; the site generation for the page cache

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 14:45:00

- ``ix_stories_published_at_id`` (published_at, id) replaces ``ix_stories_published_at``: the
  reader lists walk it newest first and continue after (published_at, story id).
- ``ix_stories_created_at_id`` (created_at, id): the editor's list, newest first.
- ``ix_story_tags_tag_id`` (tag_id, story_id): a tag's stories (the primary key starts with
  story_id, so it cannot answer "which stories carry tag X").
- ``ix_articles_status_lang`` (status, lang, story_id): the public articles of a language
  (reader lists probe it per story) and the editor's count per status/language.
- ``ix_articles_story_status`` (story_id, status, lang): the editor's list walks stories by
  date and asks per story "has an article with this status/language" from the index alone.
- ``site_state``: one row whose ``generation`` token changes on every change of reader-visible
  content; cached reader pages are keyed by it, so every web worker sees a change at once.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index('ix_stories_published_at')
        batch_op.create_index('ix_stories_published_at_id', ['published_at', 'id'], unique=False)
        batch_op.create_index('ix_stories_created_at_id', ['created_at', 'id'], unique=False)
    with op.batch_alter_table('story_tags', schema=None) as batch_op:
        batch_op.create_index('ix_story_tags_tag_id', ['tag_id', 'story_id'], unique=False)
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(
            'ix_articles_status_lang', ['status', 'lang', 'story_id'], unique=False
        )
        batch_op.create_index(
            'ix_articles_story_status', ['story_id', 'status', 'lang'], unique=False
        )
    site_state = op.create_table(
        'site_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_site_state')),
    )
    op.bulk_insert(site_state, [{'id': 1, 'generation': 1}])


def downgrade():
    op.drop_table('site_state')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_story_status')
        batch_op.drop_index('ix_articles_status_lang')
    with op.batch_alter_table('story_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_story_tags_tag_id')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index('ix_stories_created_at_id')
        batch_op.drop_index('ix_stories_published_at_id')
        batch_op.create_index('ix_stories_published_at', ['published_at'], unique=False)
