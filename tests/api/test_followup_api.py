"""The JSON API after the questions (issue 16): POST /cases/{id}/kartlegging, /new-information
and /ask-again — enhet scoping (404 as for a missing case), 422 for bodies, 409 for what the
case's state refuses, idempotency, and what GET /cases/{id} shows afterwards."""
from __future__ import annotations

import pytest

from tests.api.test_api import ADMIN, audit, client, clock, create, veileder  # noqa: F401  (fixtures)


def proposed_kartlegging(client) -> str:
    """A case invited on 2026-11-01 that never answered: at the deadline, kartlegging (grade 100)."""
    case = create(client)
    client.post(f"/api/v1/cases/{case['id']}/invitation?today=2026-11-01", headers=ADMIN)
    client.post("/api/v1/scheduler/run?today=2026-11-20", headers=ADMIN)
    return case["id"]


def post(client, case_id: str, what: str, headers, body=None):
    return client.post(f"/api/v1/cases/{case_id}/{what}", json=body, headers=headers)


def test_another_enhets_case_is_404_on_every_follow_up_route_and_audited(client):
    case_id = proposed_kartlegging(client)
    other = veileder(client, "Z990161", "0301")
    for what, body in (("kartlegging", {"innsats": "standard", "trenger_14a": False}),
                       ("new-information", {"kind": "legeerklaering"}), ("ask-again", None)):
        r = post(client, case_id, what, other, body)
        assert r.status_code == 404 and r.json() == {"detail": "No case with that id."}
        assert post(client, "00000000-0000-0000-0000-000000000000", what, other, body).status_code == 404
    assert sum(e["outcome"] == "denied" for e in audit(client, case_id)) == 3
    assert client.get(f"/api/v1/cases/{case_id}", headers=ADMIN).json()["status"] == "vurdert"


@pytest.mark.parametrize("body, says", [
    ({}, "give innsats"),
    ({"innsats": "middels", "trenger_14a": True}, "innsats"),
    ({"innsats": "standard"}, "trenger_14a"),
    ({"innsats": "standard", "trenger_14a": "ja"}, "trenger_14a"),
    ({"ikke_aktuell_na": True, "innsats": "standard"}, "takes no innsats"),
    ({"innsats": "standard", "trenger_14a": False, "note": "x" * 2001}, "note"),
    ({"innsats": "standard", "trenger_14a": False, "extra": 1}, "extra"),
])
def test_a_bad_kartlegging_body_is_422_with_a_readable_message(client, body, says):
    case_id = proposed_kartlegging(client)
    r = post(client, case_id, "kartlegging", veileder(client, "Z990162", "0219"), body)
    assert r.status_code == 422 and says in r.json()["message"]


def test_a_bad_new_information_body_is_422(client):
    case_id = proposed_kartlegging(client)
    own = veileder(client, "Z990163", "0219")
    for body in ({}, {"kind": "røntgen"}, {"kind": "annet", "key": ""}, {"kind": "annet", "key": "a b"},
                 {"kind": "annet", "note": "a\x00b"}):
        assert post(client, case_id, "new-information", own, body).status_code == 422, body


def test_the_kartlegging_outcome_is_recorded_once_and_shown_on_the_case(client):
    case_id = proposed_kartlegging(client)
    own = veileder(client, "Z990164", "0219")
    body = {"innsats": "spesielt_tilpasset", "trenger_14a": True, "note": "Avtalt plan, ring 98765432"}
    r = post(client, case_id, "kartlegging", own, body)
    assert r.status_code == 200, r.text
    shown = r.json()
    assert shown["status"] == "ferdigbehandlet" and shown["assessment"]["veileder_decision"]["classification"] == "kartlegging"
    assert shown["kartlegging"]["innsats"] == "spesielt_tilpasset" and shown["kartlegging"]["trenger_14a"] is True
    assert shown["kartlegging"]["note"] == "Avtalt plan, ring [nummer fjernet]" and shown["kartlegging"]["veileder"] == "Z990164"
    again = post(client, case_id, "kartlegging", own, body)
    assert again.status_code == 200 and again.json()["kartlegging"]["created_at"] == shown["kartlegging"]["created_at"]
    actions = [e["action"] for e in audit(client, case_id)]
    assert actions.count("kartlegging.outcome") == 1
    assert client.get(f"/api/v1/cases/{case_id}", headers=own).json()["kartlegging"] == shown["kartlegging"]
    # "ikke aktuell nå" after all: the case follows the checkpoints
    r = post(client, case_id, "kartlegging", own, {"ikke_aktuell_na": True})
    assert r.status_code == 200
    assert r.json()["kartlegging"]["outcome"] == "ikke_aktuell_na"
    assert r.json()["assessment"]["veileder_decision"]["classification"] == "ikke_aktuell_na"
    assert r.json()["next_due"]["what"].startswith("sjekkpunkt_uke")
    # and no innsats any more: 409
    r = post(client, case_id, "kartlegging", own, {"innsats": "standard", "trenger_14a": False})
    assert r.status_code == 409 and "kartlegging" in r.json()["detail"]


def test_a_case_without_a_kartlegging_in_review_is_409(client):
    case = create(client)
    own = veileder(client, "Z990165", "0219")
    r = post(client, case["id"], "kartlegging", own, {"innsats": "standard", "trenger_14a": False})
    assert r.status_code == 409
    assert any(e["outcome"] == "refused" for e in audit(client, case["id"]))


def test_new_information_returns_the_case_to_the_queue_and_the_person_is_asked_again(client):
    case_id = proposed_kartlegging(client)
    own = veileder(client, "Z990166", "0219")
    assert post(client, case_id, "ask-again", own).status_code == 409  # no new information yet
    body = {"kind": "oppfolgingsplan", "note": "Planen kom i dag", "key": "op-1"}
    r = post(client, case_id, "new-information", own, body)
    assert r.status_code == 200 and r.json()["status"] == "ny_informasjon"
    assert r.json()["new_information"][0] | {"created_at": None} == {
        "kind": "oppfolgingsplan", "note": "Planen kom i dag", "source": "veileder", "actor": "Z990166", "created_at": None}
    # the same key again: nothing new
    assert len(post(client, case_id, "new-information", own, body).json()["new_information"]) == 1
    queue = client.get("/api/v1/queue", params={"status": "ny_informasjon"}, headers=own).json()
    assert [item["id"] for item in queue["items"]] == [case_id] and queue["counts"]["ny_informasjon"] == 1
    r = post(client, case_id, "ask-again", own)
    assert r.status_code == 200
    shown = r.json()
    assert shown["status"] == "invitert" and shown["invitation"]["round"] == 2
    assert [m["kind"] for m in shown["outbox"]].count("invitation") == 2
    assert "ny informasjon" in shown["outbox"][-1]["text"] and "[lenke]" in shown["outbox"][-1]["text"]
    again = post(client, case_id, "ask-again", own)  # the round is open: nothing more is sent
    assert again.status_code == 200 and len(again.json()["outbox"]) == len(shown["outbox"])
    actions = [e["action"] for e in audit(client, case_id)]
    assert actions.count("case.new_information") == 1 and actions.count("conversation.ask_again") == 1
