"""Reaching the person: the contact register's reservation, SMS receipts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10

- cases.reservert_digital: the contact register (KRR) says no digital contact. Such a person
  gets no digital message at all; the queue says to reach them another way.
- outbox.provider_ref: the id the channel gave the message (the SMS gateway's MessageSid),
  indexed, so a delivery receipt finds its message.
- outbox.receipt, outbox.receipt_at: the newest receipt the channel reported
  (`delivered`, `undelivered`, `failed`); null until one arrives.
Plain ADD COLUMNs on both databases (no table copy on SQLite, which would drop triggers).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('cases', sa.Column('reservert_digital', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('outbox', sa.Column('provider_ref', sa.String(length=64), nullable=True))
    op.add_column('outbox', sa.Column('receipt', sa.String(length=16), nullable=True))
    op.add_column('outbox', sa.Column('receipt_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_outbox_provider_ref', 'outbox', ['provider_ref'])


def downgrade() -> None:
    op.drop_index('ix_outbox_provider_ref', table_name='outbox')
    op.drop_column('outbox', 'receipt_at')
    op.drop_column('outbox', 'receipt')
    op.drop_column('outbox', 'provider_ref')
    op.drop_column('cases', 'reservert_digital')
