"""The chat page's ID-porten sign-in: chat sessions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

`chat_sessions`: a person signed in with ID-porten on the chat page, bound to one case and
conversation; the id is the SHA-256 of the cookie's random token, as for web_sessions.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chat_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('conversation_id', sa.String(length=64), nullable=False),
    sa.Column('acr', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_chat_sessions_case_id', 'chat_sessions', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_chat_sessions_case_id', table_name='chat_sessions')
    op.drop_table('chat_sessions')
