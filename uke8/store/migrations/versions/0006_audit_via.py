"""audit_log.via: the entry point of a change

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Each use case now writes the audit row of its own change (uke8/cases/audit.py `write`), so the
entry point that reached it (api, page, scheduler, feed, bot, sms, dev) is a column of its own
instead of a key some entry points put in the detail. Nullable: reads, refusals and the rows
written before this revision have none. Adding a column is no UPDATE, so the append-only
triggers on audit_log are untouched.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN on both databases: a batch (table copy) on SQLite would
    # drop the append-only triggers with the old table.
    op.add_column('audit_log', sa.Column('via', sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column('audit_log', 'via')  # SQLite 3.35+ drops a column in place
