"""A parse as the open question's own scorer sees it (issue 13, question-aware understanding).

The same words mean different things per question ("kort tid", "vet ikke", "ja"). Besides
its ranking over every intent, the classifier scores each question on its own: that
question's intents against "not this question" (the global intents: stopp, personvern, off-
topic, …), written to the parse as `question_rankings` (bot/uke8_bot/intent_classifier.py).
While a question is open, its codes take that scorer's probabilities, and the "not this
question" mass is shared among the other intents in proportion to the global ranking, so the
rules that read a ranking (`interpret.from_ranking`) need not know which view they read.

A question's own scorer never learnt other questions' answers (they are left out of its "not
this question", so that q1 and q3, which share words, do not unlearn each other): shown a
clear q3 answer it still names the nearest q2 code. So the view is used only where the global
ranking gives the open question at least OWN_SHARE of the answer mass; a message that is
plainly about another question ("vet ikke helt, venter på operasjon" while q2 is open) is read
as it is, and its answers go to their own questions (combined.py). Not so for q3_grunn: it
asks what the uncertainty depends on, and any reason but treatment is its "annet" — a reason
about the job or the employer is an answer to it, not to q1 or q2.

Without a per-question ranking (an older model, or no question open) the parse is used as it
is. The view is idempotent: reading a parse twice changes nothing.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NOT_THIS_QUESTION = "__not_this_question__"  # the classifier's name for it (bot/uke8_bot/intent_classifier.py)
OWN_SHARE = 0.1
OPEN_ENDED = frozenset({"q3_grunn"})  # every reason answers it: always read by its own scorer


def question_view(question_id: str | None, parse: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    scored = ((parse or {}).get("question_rankings") or {}).get(question_id or "")
    if not scored:
        return parse
    assert parse is not None
    own = {str(e["name"]): float(e["confidence"]) for e in scored if e.get("name") != NOT_THIS_QUESTION}
    if question_id not in OPEN_ENDED and not _about_this_question(parse, set(own)):
        return parse
    elsewhere = sum(float(e["confidence"]) for e in scored if e.get("name") == NOT_THIS_QUESTION)
    rest = [e for e in parse.get("intent_ranking") or () if e.get("name") not in own]
    rest_mass = sum(float(e.get("confidence") or 0.0) for e in rest) or 1.0
    ranking = [{"name": name, "confidence": confidence} for name, confidence in own.items()]
    ranking += [{"name": e["name"], "confidence": elsewhere * float(e.get("confidence") or 0.0) / rest_mass} for e in rest]
    ranking.sort(key=lambda e: -e["confidence"])
    return {**parse, "intent": ranking[0], "intent_ranking": ranking}


def _about_this_question(parse: Mapping[str, Any], own: set[str]) -> bool:
    """The global ranking gives the open question's intents at least OWN_SHARE of the mass of
    all questions' answer intents (the intents of every per-question scorer)."""
    answer_intents = {str(e.get("name")) for ranking in (parse.get("question_rankings") or {}).values() for e in ranking}
    answer_intents.discard(NOT_THIS_QUESTION)
    own_mass = other_mass = 0.0
    for entry in parse.get("intent_ranking") or ():
        name, confidence = entry.get("name"), float(entry.get("confidence") or 0.0)
        if name in own:
            own_mass += confidence
        elif name in answer_intents:
            other_mass += confidence
    return own_mass >= OWN_SHARE * (own_mass + other_mass)
