"""review pages: the queue's read model on cases, veileder notes, web sessions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

`cases` gets the columns the review queue filters and sorts on (proposal, a bit per reason
code, the invitation day, the checkpoint week of a return), with indexes per enhet, so the
queue stays one indexed query at 200 000 cases; existing rows are filled in from the
invitations, assessments, decisions and checkpoints. `case_notes` is append-only.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')

# A copy of uke8.store.projection.REASON_BITS as of this revision (positions never change).
REASON_BITS = (
    "retur_usikker_eller_lite_sannsynlig", "varighet_over_26_uker", "relasjon_vanskelig_eller_verken_eller",
    "ubesvart_grad_30_eller_mer", "varighet_usikker_grad_30_eller_mer", "varighet_usikker_annet_enn_behandling",
    "usikre_inngangsvilkar", "gjentakende_fravaer", "god_relasjon_kort_varighet",
    "usikker_varighet_behandling_lav_grad", "ubesvart_lav_grad", "ekskludert_ingen_hilsen", "tilpasset_hilsen",
    "svangerskapsrelatert", "uforetrygd_100_under_50_stilling", "alder_65_eller_mer", "alvorlig_diagnose",
)


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


def _backfill() -> None:
    import json

    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE cases SET invited_on = (SELECT i.invited_on FROM invitations i WHERE i.case_id = cases.id)"
    ))
    bits = {code: 1 << i for i, code in enumerate(REASON_BITS)}
    latest = conn.execute(sa.text(
        "SELECT a.case_id, a.classification, a.reasons FROM assessments a "
        "WHERE a.id IN (SELECT max(id) FROM assessments GROUP BY case_id)"
    )).all()
    for case_id, classification, reasons in latest:
        if isinstance(reasons, str):
            reasons = json.loads(reasons)
        mask = 0
        for code in reasons or ():
            mask |= bits.get(code, 0)
        conn.execute(sa.text("UPDATE cases SET proposal = :p, reason_mask = :m WHERE id = :id"),
                     {"p": classification, "m": mask, "id": case_id})
    returns = conn.execute(sa.text(
        "SELECT c.case_id, c.week FROM checkpoints c WHERE c.id IN (SELECT max(id) FROM checkpoints GROUP BY case_id) "
        "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.case_id = c.case_id AND d.created_at > c.returned_at)"
    )).all()
    for case_id, week in returns:
        conn.execute(sa.text("UPDATE cases SET checkpoint_week = :w WHERE id = :id"), {"w": week, "id": case_id})


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposal', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('reason_mask', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('invited_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('checkpoint_week', sa.Integer(), nullable=True))
        batch_op.create_index('ix_cases_enhet_updated', ['enhet', 'updated_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_enhet_status_updated', ['enhet', 'status', 'updated_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_enhet_invited', ['enhet', 'invited_on'], unique=False)
    _backfill()

    op.create_table('case_notes',
    sa.Column('id', ID, autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('author', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'client_key', name='uq_case_note_client_key')
    )
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_notes_case_id'), ['case_id'], unique=False)
    _append_only('case_notes')

    op.create_table('web_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('ident', sa.String(length=20), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_ident'), ['ident'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_ident'))
    op.drop_table('web_sessions')
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS case_notes_no_{verb}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS case_notes_append_only ON case_notes")
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_notes_case_id'))
    op.drop_table('case_notes')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_enhet_invited')
        batch_op.drop_index('ix_cases_enhet_status_updated')
        batch_op.drop_index('ix_cases_enhet_updated')
        batch_op.drop_column('checkpoint_week')
        batch_op.drop_column('invited_on')
        batch_op.drop_column('reason_mask')
        batch_op.drop_column('proposal')
