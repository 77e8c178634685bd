"""sms: inbound messages (deduplicated on the gateway's MessageSid) and unknown senders

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

`sms_inbound` records an SMS before it is processed (unique `message_sid`: a duplicate
delivery is processed once); its text is kept only sealed and only until the turn is done.
`sms_unknown_senders` holds a keyed hash of a number that got the one neutral reply.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('sms_inbound',
    sa.Column('id', ID, autoincrement=True, nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('conversation_id', sa.String(length=64), nullable=False),
    sa.Column('body_sealed', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replies', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_sid')
    )
    with op.batch_alter_table('sms_inbound', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_inbound_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_sms_inbound_conversation_status', ['conversation_id', 'status', 'id'], unique=False)

    op.create_table('sms_unknown_senders',
    sa.Column('number_hash', sa.String(length=64), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('number_hash')
    )


def downgrade() -> None:
    op.drop_table('sms_unknown_senders')
    with op.batch_alter_table('sms_inbound', schema=None) as batch_op:
        batch_op.drop_index('ix_sms_inbound_conversation_status')
        batch_op.drop_index(batch_op.f('ix_sms_inbound_case_id'))
    op.drop_table('sms_inbound')
