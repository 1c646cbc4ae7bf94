"""job leases: the worker holding a translation job, its heartbeat, the job's scope

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 14:55:00

A worker killed mid-job leaves its job "running"; the heartbeat tells the recovery step
(on consumer start-up and every 30 s) that nobody holds it any more, so it is queued again.
``scope`` tells a whole-story translation from a re-translation of changed sentences.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('translation_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.String(length=16), nullable=False, server_default='story'))
        batch_op.create_index('ix_translation_jobs_state', ['state'], unique=False)


def downgrade():
    with op.batch_alter_table('translation_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_jobs_state')
        batch_op.drop_column('scope')
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('worker')
