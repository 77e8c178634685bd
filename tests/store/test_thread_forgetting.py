"""A storage objection reaches the thread (PRODUCT.md §3b): the person's earlier words give way
to a placeholder; every other change to thread_messages is refused by the database itself."""
from __future__ import annotations

import importlib.util

import pytest
from sqlalchemy import delete, select, update

from tests.lifecycle.helpers import DAY56, at, register, run
from uke8.cases import conversation
from uke8.settings import PROJECT_ROOT
from uke8.store.followup_models import NOT_STORED_TEXT
from uke8.store.models import Invitation, ThreadMessage
from uke8.thread import messages

NOW = at(DAY56, 12)


def _migration():
    path = PROJECT_ROOT / "uke8" / "store" / "migrations" / "versions" / "0009_thread.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migrations_copy_of_the_placeholder_is_the_models():
    assert _migration().NOT_STORED == NOT_STORED_TEXT == messages.NOT_STORED


def _thread(db) -> tuple[str, str]:
    case_id = register(db)
    run(db, DAY56)
    with db.read() as s:
        conversation_id = s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))
    with db.write() as s:
        messages.record_from_person(s, conversation_id, "kan vi snakke på fredag etter skolen?", now=NOW)
        case = messages.case_of_conversation(s, conversation_id)[0]
        messages.add(s, case, messages.VEILEDER, "Fredag passer fint.", "chat", author="Z990001", now=NOW)
    return case_id, conversation_id


def test_an_objection_forgets_the_persons_words_in_the_thread_but_not_that_they_wrote(db):
    case_id, conversation_id = _thread(db)
    with db.write() as s:
        conversation.record_storage_objection(s, conversation_id)
    with db.read() as s:
        thread = [(m.sender, m.text) for m in messages.thread(s, case_id)]
    assert thread == [("person", NOT_STORED_TEXT), ("veileder", "Fredag passer fint.")]
    with db.write() as s:  # a second objection changes nothing more
        conversation.record_storage_objection(s, conversation_id)


@pytest.mark.parametrize("change", [
    update(ThreadMessage).where(ThreadMessage.sender == "person").values(text="endret"),
    update(ThreadMessage).where(ThreadMessage.sender == "veileder").values(text=NOT_STORED_TEXT),
    update(ThreadMessage).where(ThreadMessage.sender == "person").values(text=NOT_STORED_TEXT, sender="veileder"),
    update(ThreadMessage).where(ThreadMessage.sender == "person").values(text=NOT_STORED_TEXT, created_at=at(DAY56, 13)),
    delete(ThreadMessage),
], ids=["rewrite", "forget-the-veileder", "change-sender", "change-time", "delete"])
def test_every_other_change_is_refused_by_the_database(db, change):
    case_id, _ = _thread(db)
    with pytest.raises(Exception, match="append-only"), db.write() as s:
        s.execute(change.where(ThreadMessage.case_id == case_id).execution_options(synchronize_session=False))
