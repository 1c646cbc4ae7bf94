"""autosaved drafts and editing presence

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 15:00:00

- ``draft_revisions``: a user's unsaved text of an article (or of a story not created yet),
  autosaved while they type; it never changes the article or its version.
- ``editing_presence``: who has an article's editor open, refreshed by a ping; rows older than
  PRESENCE_TTL_SECONDS are ignored and pruned. Nothing here is a lock.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'draft_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.Column('lang', sa.String(length=2), nullable=False),
        sa.Column('base_version', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=True),
        sa.Column('slug', sa.String(length=200), nullable=True),
        sa.Column('lead', sa.Text(), nullable=True),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('tags', sa.String(length=500), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_draft_revisions_article_id_articles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_draft_revisions_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_revisions')),
        sa.UniqueConstraint('user_id', 'article_id', name='uq_draft_revisions_user'),
    )
    with op.batch_alter_table('draft_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_revisions_article_id'), ['article_id'], unique=False)
    op.create_table(
        'editing_presence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('seen_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_editing_presence_article_id_articles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_editing_presence_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_editing_presence')),
        sa.UniqueConstraint('article_id', 'user_id', name='uq_editing_presence_article_user'),
    )
    with op.batch_alter_table('editing_presence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_editing_presence_seen_at'), ['seen_at'], unique=False)


def downgrade():
    with op.batch_alter_table('editing_presence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_editing_presence_seen_at'))
    op.drop_table('editing_presence')
    with op.batch_alter_table('draft_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_revisions_article_id'))
    op.drop_table('draft_revisions')
