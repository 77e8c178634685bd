"""The case page after the questions (issue 16): the kartlegging's outcome form, "Ny informasjon"
and "Spør personen på nytt" — CSRF, a form sent twice, refusals beside the field, enhet scoping
with the same 404, and the queue's "Ny informasjon"."""
from __future__ import annotations

import re

from tests.pages.conftest import ADMIN, IKKE_AKTUELL, KARTLEGGING, csrf_of, login, make_veileder, seed_case


def audit(client, case_id: str) -> list[dict]:
    r = client.get(f"/api/v1/cases/{case_id}/audit", headers=ADMIN)
    assert r.status_code == 200
    return r.json()["entries"]


def signed_in(client, ident: str, enhet: str) -> str:
    make_veileder(client, ident, enhet)
    return login(client, ident)


def test_recording_the_kartlegging_outcome_on_the_case_page(client, db):
    csrf = signed_in(client, "Z700161", "7161")
    seeded = seed_case(db, "7161", KARTLEGGING)
    page = client.get(f"/saker/{seeded.case_id}")
    assert "Resultat av kartleggingen" in page.text and "Ingen resultat er registrert." in page.text
    assert 'action="/saker/' + seeded.case_id + '/kartlegging"' in page.text
    url = f"/saker/{seeded.case_id}/kartlegging"
    # nothing chosen, then an innsats without §14a: refused beside the field, nothing stored
    r = client.post(url, data={"csrf_token": csrf})
    assert r.status_code == 422 and "Velg hva kartleggingen viste." in r.text
    r = client.post(url, data={"csrf_token": csrf, "resultat": "standard", "kartlegging_notat": "Behold meg"})
    assert r.status_code == 422 and "§ 14 a" in r.text and "Behold meg" in r.text  # the form keeps what was written
    assert client.post(url, data={"csrf_token": "forged", "resultat": "standard", "trenger_14a": "nei"}).status_code == 403
    data = {"csrf_token": csrf, "resultat": "varig_tilpasset", "trenger_14a": "ja", "kartlegging_notat": "Ring 98765432 neste uke"}
    r = client.post(url, data=data, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=kartlegging")
    again = client.post(url, data=data, follow_redirects=False)  # sent twice: nothing changes
    assert again.headers["location"].endswith("melding=uendret")
    page = client.get(f"/saker/{seeded.case_id}")
    assert "Varig tilpasset innsats" in page.text and "Trengs" in page.text
    assert "Ring [nummer fjernet] neste uke" in page.text and "98765432" not in page.text
    entries = [e for e in audit(client, seeded.case_id) if e["action"] == "kartlegging.outcome"]
    assert len(entries) == 1 and entries[0]["actor"] == "Z700161"


def test_ikke_aktuell_na_after_all_from_the_page(client, db):
    csrf = signed_in(client, "Z700162", "7162")
    seeded = seed_case(db, "7162", KARTLEGGING)
    r = client.post(f"/saker/{seeded.case_id}/kartlegging", data={"csrf_token": csrf, "resultat": "ikke_aktuell_na"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/saker/{seeded.case_id}").text
    assert "Ikke aktuell nå likevel" in page and "Kontrollpunkt uke" in page
    # the standing is ikke aktuell nå now: the outcome form is gone
    assert 'name="resultat"' not in page


def test_the_outcome_form_is_only_offered_for_a_kartlegging(client, db):
    csrf = signed_in(client, "Z700163", "7163")
    seeded = seed_case(db, "7163", IKKE_AKTUELL)
    assert 'name="resultat"' not in client.get(f"/saker/{seeded.case_id}").text
    r = client.post(f"/saker/{seeded.case_id}/kartlegging", data={"csrf_token": csrf, "resultat": "standard", "trenger_14a": "nei"})
    assert r.status_code == 422 and "ikke vurdert til kartlegging" in r.text


def test_new_information_and_asking_again_from_the_page(client, db):
    csrf = signed_in(client, "Z700164", "7164")
    seeded = seed_case(db, "7164", IKKE_AKTUELL)
    page = client.get(f"/saker/{seeded.case_id}").text
    assert "Ingen ny informasjon er registrert." in page and "Spør personen på nytt" not in page
    key = re.search(r'name="informasjon_nokkel" value="([^"]+)"', page).group(1)
    url = f"/saker/{seeded.case_id}/ny-informasjon"
    r = client.post(url, data={"csrf_token": csrf, "informasjon_nokkel": key})
    assert r.status_code == 422 and "Velg hva slags informasjon" in r.text
    data = {"csrf_token": csrf, "informasjon": "legeerklaering", "informasjon_notat": "Kom i posten", "informasjon_nokkel": key}
    r = client.post(url, data=data, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=ny_informasjon")
    assert client.post(url, data=data, follow_redirects=False).headers["location"].endswith("melding=uendret")
    page = client.get(f"/saker/{seeded.case_id}").text
    assert "Legeerklæring" in page and "Kom i posten" in page and "Ny informasjon" in page
    assert page.count("Kom i posten") == 1
    # the queue lists it, under its own view and status
    for query in ("vis=ny_informasjon", "status=ny_informasjon"):
        queue = client.get(f"/oversikt?{query}").text
        assert f"/saker/{seeded.case_id}" in queue and "Ny informasjon" in queue, query
    assert f"/saker/{seeded.case_id}" not in client.get("/oversikt?vis=kontakt").text
    # ask again: the person gets the questions on their channel, once
    assert "Spør personen på nytt" in page
    ask = f"/saker/{seeded.case_id}/spor-pa-nytt"
    r = client.post(ask, data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=spurt")
    assert client.post(ask, data={"csrf_token": csrf}, follow_redirects=False).headers["location"].endswith("melding=uendret")
    page = client.get(f"/saker/{seeded.case_id}?melding=spurt").text
    assert "Personen får spørsmålene på nytt." in page and "Veilederen spurte personen på nytt" in page
    case = client.get(f"/api/v1/cases/{seeded.case_id}", headers=ADMIN).json()
    assert case["status"] == "invitert" and case["invitation"]["round"] == 2
    assert [m["kind"] for m in case["outbox"]].count("invitation") == 2


def test_asking_again_without_new_information_is_refused_beside_the_button(client, db):
    csrf = signed_in(client, "Z700165", "7165")
    seeded = seed_case(db, "7165", IKKE_AKTUELL)
    r = client.post(f"/saker/{seeded.case_id}/spor-pa-nytt", data={"csrf_token": csrf})
    assert r.status_code == 422 and "når det er registrert ny informasjon" in r.text


def test_a_foreign_case_is_404_on_the_follow_up_forms_and_audited(client, db):
    csrf = signed_in(client, "Z700166", "7166")
    foreign = seed_case(db, "7167", KARTLEGGING)
    for action, data in (("kartlegging", {"resultat": "standard", "trenger_14a": "nei"}),
                         ("ny-informasjon", {"informasjon": "annet", "informasjon_nokkel": "k1"}), ("spor-pa-nytt", {})):
        r = client.post(f"/saker/{foreign.case_id}/{action}", data={"csrf_token": csrf, **data})
        assert r.status_code == 404 and "Fant ikke saken" in r.text
    entries = audit(client, foreign.case_id)
    assert sum(e["outcome"] == "denied" for e in entries) == 3
    assert not any(e["action"] in ("kartlegging.outcome", "case.new_information") for e in entries)
