"""Intent rankings of each clause of a message, computed inside the same parse (issue 13: one
message may answer several questions). The action server reads them by span
(uke8/understanding/combined.py), so a message with three clauses costs one small extra
transform here instead of three more HTTP calls to Rasa.

Only spans and confidences go into the parse, never the clause texts: the tracker keeps no
extra copy of the person's words.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import hstack

from uke8.understanding.clauses import clause_spans

CLAUSES = "clauses"
_KEEP = 0.001  # leave out the long tail of the ranking: it changes no decision and fills the tracker


def add_clause_rankings(messages: List[Message], model: Dict[str, Any]) -> None:
    """Set `clauses: [{start, end, intent_ranking}]` on each message of two or more clauses."""
    spans_of = [(m, clause_spans(m.get(TEXT) or "")) for m in messages]
    wanted = [(m, spans) for m, spans in spans_of if len(spans) > 1]
    if not wanted:
        return
    texts = [(m.get(TEXT) or "")[begin:end] for m, spans in wanted for begin, end in spans]
    features = hstack([model["words"].transform(texts), model["chars"].transform(texts)]).tocsr()
    classifier = model["classifier"]
    rows = iter(classifier.predict_proba(features))
    for message, spans in wanted:
        out = []
        for begin, end in spans:
            probabilities = next(rows)
            ranking = sorted(
                ({"name": str(name), "confidence": round(float(p), 4)} for name, p in zip(classifier.classes_, probabilities) if p >= _KEEP),
                key=lambda entry: -entry["confidence"],
            )
            out.append({"start": begin, "end": end, "intent_ranking": ranking})
        message.set(CLAUSES, out, add_to_output=True)
