"""The reason for not knowing how long, said inside the clause that says it is not known (uke8/understanding/
combined.py reads it where no clause of its own gave the reason): "hvor lenge vet jeg ikke for jeg venter på
operasjon i kneet", "usikkert hvor lenge, har mye styr hjemme med barna nå"."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from uke8.understanding.clause_parse import top_answer, top_confidence
from uke8.understanding.clause_signals import BECAUSE, HOW_LONG_WORDS
from uke8.understanding.implied import SHARED
from uke8.understanding.interpret import Interpretation
from uke8.understanding.treatment import denies_treatment, mentions_treatment


def reason_inside(parts: list[tuple[str, Mapping[str, Any] | None]], owners: list[str | None], folds: list[str]) -> Interpretation | None:
    """q3_grunn from a clause that says how long is unknown and why, confirmed (never recorded from this alone)."""
    for (clause, _), folded in zip(parts, folds):
        # the treatment after "fordi"/"for", or run on with no word of why: "vet ikke hvor lenge jeg må være
        # borte venter på time hos psykolog" (read from the words alone)
        reason = BECAUSE.split(folded, maxsplit=1)
        if len(reason) == 2 and mentions_treatment(reason[1]) and HOW_LONG_WORDS.search(reason[0]) or (
                HOW_LONG_WORDS.search(folded) and mentions_treatment(clause) and not denies_treatment(clause)):
            return Interpretation("answer", "behandling", 1.0, "confirm", "pattern", ("behandling",))
    for (clause, clause_parse), owner, folded in zip(parts, owners, folds):
        # one clause says how long is not known and, heard above all as a reason, why (the classifier read it whole)
        how_long = HOW_LONG_WORDS.search(folded)
        if owner == "q3" and str(top_answer(clause_parse)).startswith("q3_grunn_") and top_confidence(clause_parse) >= 0.9 and (
                "," in clause or how_long is not None and len(folded[how_long.end():].split()) >= 6):
            code = str(top_answer(clause_parse)).removeprefix("q3_grunn_")
            return Interpretation("answer", code, top_confidence(clause_parse), "confirm", "nlu", (code,))
    for index in range(len(parts)):
        # the employer named beside the doubt of how long, heard above all as a reason ("vet ikke hvor lenge, har
        # konflikt m sjefen", "Det er ein konflikt med leiaren min …, og det er grunnen til at eg ikkje veit kor
        # lenge"): the clause answers q2 and is the reason too (the caller has read how long as not known)
        clause_parse = parts[index][1]
        near = range(max(index - 2, 0), min(index + 3, len(parts)))
        if (owners[index] == "q2" and top_answer(clause_parse) == "q3_grunn_annet" and top_confidence(clause_parse) >= 0.5
                and any(at != index and (HOW_LONG_WORDS.search(folds[at]) or owners[at] in ("q3", SHARED)) for at in near)):
            return Interpretation("answer", "annet", top_confidence(clause_parse), "confirm", "nlu", ("annet",))
    return None
