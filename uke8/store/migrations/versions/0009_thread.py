"""The thread after the questions, people without an employer

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

- cases.har_arbeidsgiver (PRODUCT.md §2, triage-v2), cases.unread_from_person and
  cases.last_person_message_at (the queue's "Ny melding"), veiledere.navn (the name under
  the veileder's messages): plain ADD COLUMNs, so SQLite keeps its triggers.
- meetings: a proposed meeting and its status (foreslatt | avtalt | avlyst).
- kartlegging_outcomes, new_information: append-only, with the same triggers as
  status_history. thread_messages: append-only but for one change, a storage objection
  writing NOT_STORED over a person's words (PRODUCT.md §3b: every message is subject to the
  objection); its triggers refuse every other UPDATE and every DELETE.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

APPEND_ONLY = ("kartlegging_outcomes", "new_information")
# A copy of uke8.store.followup_models.NOT_STORED_TEXT as of this revision (a migration never
# imports the models; tests/store/test_thread_forgetting.py holds the two equal).
NOT_STORED = "(Personen har bedt om at det de skriver ikke lagres. Meldingen er ikke lagret.)"
# Every column but text and redacted must stay, and text may only become NOT_STORED, for a
# person's message.
_UNCHANGED = ("id", "case_id", "sender", "author", "author_name", "channel", "meeting_id", "client_key", "created_at")


def _forget_only() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _UNCHANGED)
        op.execute(
            "CREATE TRIGGER thread_messages_forget_only BEFORE UPDATE ON thread_messages "
            f"WHEN OLD.sender != 'person' OR NEW.text != '{NOT_STORED}' OR {changed} "
            "BEGIN SELECT RAISE(ABORT, 'thread_messages is append-only but for a storage objection'); END"
        )
        op.execute(
            "CREATE TRIGGER thread_messages_no_delete BEFORE DELETE ON thread_messages "
            "BEGIN SELECT RAISE(ABORT, 'thread_messages is append-only'); END"
        )
    elif dialect == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _UNCHANGED)
        op.execute(
            "CREATE OR REPLACE FUNCTION uke8_thread_forget_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF TG_OP = 'DELETE' OR OLD.sender <> 'person' OR NEW.text <> "
            f"'{NOT_STORED}' OR {changed} THEN "
            "RAISE EXCEPTION 'thread_messages is append-only but for a storage objection'; END IF; "
            "RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER thread_messages_forget_only BEFORE UPDATE OR DELETE ON thread_messages "
            "FOR EACH ROW EXECUTE FUNCTION uke8_thread_forget_only()"
        )


def _drop_forget_only() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS thread_messages_forget_only")
        op.execute("DROP TRIGGER IF EXISTS thread_messages_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS thread_messages_forget_only ON thread_messages")
        op.execute("DROP FUNCTION IF EXISTS uke8_thread_forget_only()")


def _append_only(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif dialect == "postgresql":
        # uke8_append_only() exists since 0001
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION uke8_append_only()"
        )


def _drop_append_only(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def upgrade() -> None:
    op.add_column('cases', sa.Column('har_arbeidsgiver', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column('cases', sa.Column('unread_from_person', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('cases', sa.Column('last_person_message_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('veiledere', sa.Column('navn', sa.String(length=80), nullable=True))
    op.create_table('meetings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('proposed_by', sa.String(length=20), nullable=False),
    sa.Column('form', sa.String(length=12), nullable=False),
    sa.Column('slots', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_meetings_case_id', 'meetings', ['case_id'], unique=False)
    op.create_table('thread_messages',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('sender', sa.String(length=10), nullable=False),
    sa.Column('author', sa.String(length=20), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('redacted', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('meeting_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('client_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'client_key', name='uq_thread_case_client_key')
    )
    op.create_index('ix_thread_messages_case_id', 'thread_messages', ['case_id'], unique=False)
    op.create_table('kartlegging_outcomes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('veileder_ident', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('innsats', sa.String(length=24), nullable=True),
    sa.Column('trenger_14a', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_kartlegging_outcomes_case_id', 'kartlegging_outcomes', ['case_id'], unique=False)
    op.create_table('new_information',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('feed_key', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('feed_key')
    )
    op.create_index('ix_new_information_case_id', 'new_information', ['case_id'], unique=False)
    for table in APPEND_ONLY:
        _append_only(table)
    _forget_only()


def downgrade() -> None:
    _drop_forget_only()
    for table in APPEND_ONLY:
        _drop_append_only(table)
    op.drop_index('ix_new_information_case_id', table_name='new_information')
    op.drop_table('new_information')
    op.drop_index('ix_kartlegging_outcomes_case_id', table_name='kartlegging_outcomes')
    op.drop_table('kartlegging_outcomes')
    op.drop_index('ix_thread_messages_case_id', table_name='thread_messages')
    op.drop_table('thread_messages')
    op.drop_index('ix_meetings_case_id', table_name='meetings')
    op.drop_table('meetings')
    op.drop_column('veiledere', 'navn')
    op.drop_column('cases', 'last_person_message_at')
    op.drop_column('cases', 'unread_from_person')
    op.drop_column('cases', 'har_arbeidsgiver')
