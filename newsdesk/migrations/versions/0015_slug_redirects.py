"""slug redirects: an article's old slug answers 301 after an editor changed a live one

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "slug_redirects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lang", "slug", name="uq_slug_redirects_lang_slug"),
    )


def downgrade():
    op.drop_table("slug_redirects")
