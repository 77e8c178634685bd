"""The broker mode's store (uke8/dev/minside_tasks.TaskStore): idempotent by event_id and
idempotency key, `paminn` updates the same task, `inaktiver` closes it, a close that overtakes
its `opprett` is not reopened, and one person never sees another's tasks. Synthetic idents."""
from __future__ import annotations

import stat

import pytest

from tests.factories import synthetic_fnr
from uke8.dev.minside_tasks import BESKJED, OPPGAVE, TaskStore
from uke8.notifications import events
from uke8.notifications.events import TaskEvent

pytestmark = pytest.mark.pure

LINK = "http://127.0.0.1:8000/chat?t=v1.test.mac"


def event(kind: str, n: int, ident: str, task: str = "t-1", **kw) -> TaskEvent:
    fields = dict(event=kind, event_id=str(n), idempotency_key=f"case:1:{kind}:{n}", task_id=task, ident=ident)
    if kind != events.INAKTIVER:
        fields |= dict(text=f"tekst {kind}", link=LINK, valid_until="2030-01-14")
    return TaskEvent(**(fields | kw))


def test_opprett_then_paminn_then_inaktiver_and_redeliveries_change_nothing():
    store, fnr = TaskStore(), synthetic_fnr()
    assert store.apply(event(events.OPPRETT, 1, fnr))
    assert not store.apply(event(events.OPPRETT, 1, fnr))  # the same message again
    assert not store.apply(event(events.OPPRETT, 9, fnr, idempotency_key="case:1:opprett:1"))  # the same key, another id
    [task] = store.tasks_for(fnr)
    assert (task.kind, task.open, task.text, task.link, task.valid_until) == (OPPGAVE, True, "tekst opprett", LINK, "2030-01-14")
    assert store.apply(event(events.PAMINN, 2, fnr, valid_until="2030-01-21"))
    [task] = store.tasks_for(fnr)
    assert task.open and task.reminded and task.text == "tekst paminn" and task.valid_until == "2030-01-21"
    assert store.apply(event(events.INAKTIVER, 3, fnr, reason="besvart"))
    assert not store.apply(event(events.INAKTIVER, 3, fnr, reason="besvart"))
    [task] = store.tasks_for(fnr)
    assert not task.open and task.closed_reason == "besvart"
    assert fnr not in repr(task) and LINK not in repr(task)


def test_a_close_that_overtakes_its_opprett_stays_closed_and_a_late_opprett_keeps_the_reminder_text():
    store, fnr = TaskStore(), synthetic_fnr()
    store.apply(event(events.INAKTIVER, 3, fnr, task="t-2", reason="frist"))
    store.apply(event(events.OPPRETT, 1, fnr, task="t-2"))
    [task] = store.tasks_for(fnr)
    assert task.closed_reason == "frist" and task.text == "tekst opprett"
    store.apply(event(events.PAMINN, 5, fnr, task="t-3"))
    store.apply(event(events.OPPRETT, 4, fnr, task="t-3"))  # older, arriving late
    assert next(t for t in store.tasks_for(fnr) if t.task_id == "t-3").text == "tekst paminn"


def test_a_beskjed_is_kept_apart_and_people_see_only_their_own():
    store, mine, theirs = TaskStore(), synthetic_fnr(), synthetic_fnr()
    store.apply(event(events.OPPRETT, 1, mine))
    store.apply(event(events.BESKJED, 2, theirs, task="t-9"))
    assert [t.kind for t in store.tasks_for(mine)] == [OPPGAVE]
    assert [t.kind for t in store.tasks_for(theirs)] == [BESKJED]
    assert store.tasks_for(synthetic_fnr()) == []


def test_an_event_without_ident_is_refused():
    with pytest.raises(ValueError):
        TaskStore().apply(event(events.OPPRETT, 1, ""))


def test_the_file_is_private_keeps_no_ident_and_survives_a_restart(tmp_path):
    path, fnr = tmp_path / "minside.db", synthetic_fnr()
    store = TaskStore(path)
    store.apply(event(events.OPPRETT, 1, fnr))
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert fnr.encode() not in path.read_bytes()  # a keyed hash only
    again = TaskStore(path)
    assert [t.open for t in again.tasks_for(fnr)] == [True]
    assert not again.apply(event(events.OPPRETT, 1, fnr))  # still recognised after the restart
    again.close()
