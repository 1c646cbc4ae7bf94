"""memory origin: a translation-memory unit says where it came from (a person's review, or
the aligned archive of published pairs) and, for the archive, which story

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("translation_memory") as batch:
        batch.add_column(
            sa.Column("origin", sa.String(length=16), nullable=False, server_default="review")
        )
        batch.add_column(sa.Column("story_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_translation_memory_story", "stories", ["story_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_translation_memory_story_id", ["story_id"])


def downgrade():
    with op.batch_alter_table("translation_memory") as batch:
        batch.drop_index("ix_translation_memory_story_id")
        batch.drop_constraint("fk_translation_memory_story", type_="foreignkey")
        batch.drop_column("story_id")
        batch.drop_column("origin")
