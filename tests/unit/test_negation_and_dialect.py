"""The classifier's word-feature options as pure functions: negation scope and dialect words
(uke8/understanding/negation.py, dialect.py)."""
from __future__ import annotations

import pytest

from uke8.understanding.dialect import bokmal_word
from uke8.understanding.negation import NEGATION_SPAN, negation_marked


def test_words_after_a_negation_are_marked_to_the_end_of_the_clause():
    assert negation_marked("jeg tror ikke jeg går tilbake, sjefen er snill") == [
        "jeg", "tror", "ikke", "neg_jeg", "neg_går", "neg_tilbake", "sjefen", "er", "snill"]
    # "men" ends the clause as a comma does
    assert negation_marked("ikke lenge men sjefen er sur") == ["ikke", "neg_lenge", "sjefen", "er", "sur"]


def test_dialect_negations_count_and_the_span_is_bounded():
    marked = negation_marked("æ kjæm itj tebake te den gamle arbeidsplassen min")
    assert marked[2] == "itj" and marked[3:3 + NEGATION_SPAN] == ["neg_tebake", "neg_te", "neg_den", "neg_gamle"]
    assert marked[3 + NEGATION_SPAN:] == ["arbeidsplassen", "min"]


def test_a_text_without_negation_is_its_plain_tokens():
    assert negation_marked("jeg kommer tilbake om to uker") == ["jeg", "kommer", "tilbake", "om", "to", "uker"]


@pytest.mark.parametrize("word, bokmal", [
    ("itj", "ikke"), ("ikkje", "ikke"), ("kjæm", "kommer"), ("kjaem", "kommer"), ("tebake", "tilbake"),
    ("attende", "tilbake"), ("eg", "jeg"), ("æ", "jeg"), ("arbeidsgjevar", "arbeidsgiver"), ("veke", "uke"),
    # left alone: words with two meanings here, and any word not in the list
    ("e", "e"), ("no", "no"), ("me", "me"), ("å", "å"), ("sjefen", "sjefen"),
])
def test_dialect_words_read_as_bokmal(word, bokmal):
    assert bokmal_word(word) == bokmal


def test_none_at_all_and_english_negations_mark_what_follows():
    assert negation_marked("null forståelse") == ["null", "neg_forståelse"]
    assert negation_marked("boss is not good") == ["boss", "is", "not", "neg_good"]
