"""outbox: no signed chat links in stored payloads

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

A chat notice's payload held the signed link itself, which opens the person's conversation.
The outbox now keeps only `link_valid_until` and signs the link when the message goes out
(uke8/lifecycle/outbox.py render()). This strips `link` from the payloads already stored,
pending or sent alike; `link_valid_until` was always written beside it, so a pending message
still goes out with a working link. Nothing to restore on downgrade: an older version signs
no link for such a row, and the text keeps its placeholder.
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('payload', sa.JSON))
    rows = bind.execute(sa.select(outbox.c.id, outbox.c.payload)).all()
    for row_id, payload in rows:
        if isinstance(payload, str):  # a driver that hands JSON back as text
            payload = json.loads(payload)
        if isinstance(payload, dict) and 'link' in payload:
            kept = {k: v for k, v in payload.items() if k != 'link'}
            bind.execute(sa.update(outbox).where(outbox.c.id == row_id).values(payload=kept))


def downgrade() -> None:
    pass
