"""The signed chat link opens a person's conversation: the outbox stores what rebuilds it (the
case's invitation and the link's expiry), never the link itself, and signs it only when the
message goes out. Rows written before (with `link` in the payload) lose it in migration 0005."""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import timedelta

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from tests.lifecycle.helpers import DAY56, outbox_rows, register, run, view
from uke8.lifecycle import outbox
from uke8.lifecycle.links import make_link, verify_link
from uke8.store.migrate import MIGRATIONS
from uke8.store.models import OutboxMessage

LINK = re.compile(r"\S+/chat\?t=(\S+)")


def test_a_chat_notice_keeps_no_signed_link_and_gets_one_when_it_goes_out(db):
    case_id = register(db)
    run(db, DAY56)
    [notice] = outbox_rows(db, case_id)
    stored = json.dumps(notice.payload)
    conversation_id = view(db, case_id)["invitation"]["conversation_id"]
    assert "/chat?t=" not in stored and "v1." not in stored and conversation_id not in stored
    assert notice.payload["link_valid_until"] == (DAY56 + timedelta(days=21)).isoformat()

    # rendered as the delivery does it: the link is signed now, from the invitation and the expiry
    with db.read() as s:
        text = outbox.render(s.get(OutboxMessage, notice.id))
    token = LINK.search(text).group(1)
    assert verify_link(token, today=DAY56 + timedelta(days=21)) == conversation_id


def _migration_0005():
    path = MIGRATIONS / "versions" / "0005_outbox_without_links.py"
    spec = importlib.util.spec_from_file_location("migration_0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_0005_strips_links_from_stored_payloads(db):
    case_id = register(db)
    run(db, DAY56)
    [notice] = outbox_rows(db, case_id)
    conversation_id = view(db, case_id)["invitation"]["conversation_id"]
    until = notice.payload["link_valid_until"]
    old_link = make_link(conversation_id, DAY56 + timedelta(days=21))
    with db.write() as s:  # the row as versions before 0005 wrote it
        s.execute(update(OutboxMessage).where(OutboxMessage.id == notice.id).values(payload={**notice.payload, "link": old_link}))

    with db.engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        _migration_0005().upgrade()

    with db.read() as s:
        payload = s.scalar(select(OutboxMessage.payload).where(OutboxMessage.id == notice.id))
        assert "link" not in payload and payload["link_valid_until"] == until
        assert old_link in outbox.render(s.get(OutboxMessage, notice.id))  # it still goes out with its link
