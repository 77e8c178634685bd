"""The statistics page shows the pilot's self-prediction figure beside the override share, and
presents the override share as what it is (not the pilot's 90–96 %). Every date derives from
today in Oslo, the day the page reads."""
from __future__ import annotations

import re

from tests.pages.conftest import IKKE_AKTUELL, login, make_veileder, seed_case


def _value(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1)


def test_the_self_prediction_figure_and_an_honest_override_share(client, db):
    make_veileder(client, "Z700016", "7016")
    # invited 130 days ago: the sick leave started 185 days ago, so week 26 is over
    seed_case(db, "7016", IKKE_AKTUELL, invited_days_ago=130)
    overridden = seed_case(db, "7016", IKKE_AKTUELL, invited_days_ago=130)
    seed_case(db, "7016", IKKE_AKTUELL, invited_days_ago=10)  # not far enough along yet
    csrf = login(client, "Z700016")
    html = client.get("/statistikk?enhet=7016").text
    assert _value(html, "egen-n") == "2" and _value(html, "egen-senere-kartlegging") == "0 %"
    r = client.post(f"/saker/{overridden.case_id}/vurdering",
                    data={"csrf_token": csrf, "vurdering": "kartlegging", "begrunnelse": "Trenger oppfølging likevel"})
    assert r.status_code in (200, 303), r.text
    html = client.get("/statistikk?enhet=7016").text
    assert _value(html, "egen-n") == "2"
    assert _value(html, "egen-for-uke26") == "0 %"  # both still on sick leave after week 26
    assert _value(html, "egen-senere-kartlegging") == "50 %"  # the override to kartlegging, 1 of 2
    assert "1 til svarte det samme, men er ikke kommet så langt ennå." in html
    assert _value(html, "andel-overstyrt") == "100 %"  # 1 of 1 decisions
    assert "Dette er ikke pilotens 90–96 %" in html and "forslaget holdt i 90–96 %" not in html
    # another enhet with nobody far enough along: no figure rather than 0 %
    make_veileder(client, "Z700017", "7017")
    seed_case(db, "7017", IKKE_AKTUELL, invited_days_ago=10)
    login(client, "Z700017")
    html = client.get("/statistikk?enhet=7017").text
    assert _value(html, "egen-n") == "0" and _value(html, "egen-for-uke26") == "–" and _value(html, "egen-senere-kartlegging") == "–"
