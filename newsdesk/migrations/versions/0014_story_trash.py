"""Story trash: when a story was deleted, and by whom.

Plain ADD COLUMN, not batch mode on SQLite: rebuilding ``stories`` would delete every
article, tag link and byline through ON DELETE CASCADE.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("stories", sa.Column("deleted_at", sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its REFERENCES clause, never a constraint afterwards.
        op.execute(
            "ALTER TABLE stories ADD COLUMN deleted_by_id INTEGER"
            " CONSTRAINT fk_stories_deleted_by_id_users REFERENCES users (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("stories", sa.Column("deleted_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_stories_deleted_by_id_users",
            "stories",
            "users",
            ["deleted_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        # SQLite 3.35+ drops a column in place, its REFERENCES clause included.
        op.execute("ALTER TABLE stories DROP COLUMN deleted_by_id")
        op.execute("ALTER TABLE stories DROP COLUMN deleted_at")
    else:
        op.drop_constraint("fk_stories_deleted_by_id_users", "stories", type_="foreignkey")
        op.drop_column("stories", "deleted_by_id")
        op.drop_column("stories", "deleted_at")
