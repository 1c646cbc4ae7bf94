"""people (the name register), bylines, and topics named in each language

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 20:40:00

- ``people``: a person's name in English and in Russian (a canonical pair, also fed to
  machine translation as glossary terms) and an optional role in each language.
- ``story_authors``: a story's authors in byline order.
- ``tags`` become topics: a name and a slug per language, case kept. Each existing tag keeps
  its name in both languages (to be translated on the topics page) and its URL: both slugs
  are the old name, so no published address changes. The new slug columns get unique
  indexes (not constraints: a batch rebuild of ``tags`` would drop ``story_tags`` rows
  through their ON DELETE CASCADE); the downgrade drops the columns in place for the same
  reason.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'people',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False),
        sa.Column('name_ru', sa.String(length=120), nullable=False),
        sa.Column('role_en', sa.String(length=200), server_default='', nullable=False),
        sa.Column('role_ru', sa.String(length=200), server_default='', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name_en', 'name_ru', name='uq_people_names'),
    )
    op.create_table(
        'story_authors',
        sa.Column('story_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('story_id', 'person_id'),
    )
    op.create_index('ix_story_authors_person_id', 'story_authors', ['person_id'])
    for column in ('ru_key', 'name_en', 'name_ru', 'slug_en', 'slug_ru'):
        op.add_column(
            'tags', sa.Column(column, sa.String(length=64), server_default='', nullable=False)
        )
    op.execute(
        "UPDATE tags SET ru_key = name, name_en = name, name_ru = name, "
        "slug_en = name, slug_ru = name"
    )
    op.create_index('uq_tags_slug_en', 'tags', ['slug_en'], unique=True)
    op.create_index('uq_tags_slug_ru', 'tags', ['slug_ru'], unique=True)


def downgrade():
    op.drop_index('uq_tags_slug_ru', table_name='tags')
    op.drop_index('uq_tags_slug_en', table_name='tags')
    # Not batch mode on SQLite: rebuilding ``tags`` would delete every ``story_tags`` row
    # through ON DELETE CASCADE; SQLite 3.35+ drops a column in place.
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for column in ('slug_ru', 'slug_en', 'name_ru', 'name_en', 'ru_key'):
        if sqlite:
            op.execute(f'ALTER TABLE tags DROP COLUMN {column}')
        else:
            op.drop_column('tags', column)
    op.drop_index('ix_story_authors_person_id', table_name='story_authors')
    op.drop_table('story_authors')
    op.drop_table('people')
