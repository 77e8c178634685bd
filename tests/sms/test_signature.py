"""The gateway's request signature, against the example values Twilio publishes for its own
validators (twilio-python's tests: token "12345", the URL and parameters below)."""
from __future__ import annotations

from uke8.sms.signature import compute_signature, is_valid

TOKEN = "12345"
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
# Twilio's published example parameters (its documentation's fictional numbers), used only
# as the algorithm's test vector.
PARAMS = {"CallSid": "CA1234567890ABCDE", "Digits": "1234", "From": "+14158675309", "To": "+18005551212", "Caller": "+14158675309"}
EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_the_published_example_signature():
    assert compute_signature(TOKEN, URL, PARAMS) == EXPECTED
    assert is_valid(TOKEN, URL, PARAMS, EXPECTED)


def test_repeated_parameters_are_signed_with_their_values_sorted():
    params = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
    assert compute_signature(TOKEN, URL, params) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


def test_a_port_added_or_removed_by_a_proxy_is_accepted_as_twilio_does():
    assert is_valid(TOKEN, URL.replace(".com", ".com:1234"), PARAMS, EXPECTED)
    assert is_valid(TOKEN, URL.replace(".com", ".com:1234").replace("https", "http"), PARAMS, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")
    assert is_valid(TOKEN, URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w=")  # signed with :443
    assert is_valid(TOKEN, URL.replace("https", "http"), PARAMS, "0ZXoZLH/DfblKGATFgpif+LLRf4=")  # signed with :80


def test_anything_changed_is_refused():
    assert not is_valid("12346", URL, PARAMS, EXPECTED)  # another key
    assert not is_valid(TOKEN, URL + "&x=1", PARAMS, EXPECTED)  # another URL
    assert not is_valid(TOKEN, URL.replace("myapp", "other"), PARAMS, EXPECTED)
    assert not is_valid(TOKEN, URL, {**PARAMS, "Digits": "1235"}, EXPECTED)  # a changed parameter
    assert not is_valid(TOKEN, URL, {**PARAMS, "Body": "hei"}, EXPECTED)  # an added one
    assert not is_valid(TOKEN, URL, PARAMS, None)
    assert not is_valid(TOKEN, URL, PARAMS, "")
    assert not is_valid(TOKEN, URL, PARAMS, "not base64 at all ✓")
    assert not is_valid("", URL, PARAMS, compute_signature("", URL, PARAMS))  # no key, no trust
