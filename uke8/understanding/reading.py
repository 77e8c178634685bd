"""The live form's one decision about a message while a question is open (PRODUCT.md §1, rules
for asking): `read_message` weighs the reading of the whole message (`interpret`) against the
answers its clauses carry (`combined.carried_answers`), and returns the decision about the open
question beside the answers to the other questions. The form (actions/forms.py) and
`uke8 eval-nlu` both call it, so the evaluation measures what the person meets.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from uke8.understanding.calibration import THRESHOLDS, Thresholds
from uke8.understanding.clause_parse import after_so, pieces, top_answer, top_confidence
from uke8.understanding.clause_signals import (
    ABOUT_ANSWERING, ABOUT_RETURN, ABOUT_TIME, BARE_DOUBT, CAN_SAY_INSTEAD, CANNOT_SAY, DECLINES, DEPENDS_ON, HOPE, HOPE_THEN_DOUBT, NOT_READY, OPENING_DOUBT, PUT_BACK, PUTS_OFF, QUESTION_REMARK, REPORTED, SOUNDS_SURE, corrects,
    put_back_topic, wish_before_but)
from uke8.understanding.clause_subjects import one_clause_about
from uke8.understanding.combined import Carried, carried_answers
from uke8.understanding.implied import SHARED
from uke8.understanding.interpret import ANSWER_INTENTS, OUT_OF_SCOPE, Interpretation, confirmed, interpret, leading_yes_no
from uke8.understanding.leave_span import asked_on as asked_on_day, clear_side, ends_named, starts_named
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import little_contact
from uke8.understanding.question_view import question_view
from uke8.understanding.sarcasm import ironic_return, sounds_sarcastic
from uke8.understanding.treatment import denies_treatment, health_denied, health_swings, mentions_treatment, other_errand, other_reason


@dataclass(frozen=True)
class Reading:
    """What one message says while `open_question` is open: `own` is the decision about the open
    question (the same actions as `interpret`), `others` the answers it carries to questions
    not open now (accept or confirm), `combined` whether it carried more than one answer."""

    own: Interpretation
    others: tuple[Carried, ...]
    declined: bool = False  # the person would rather not answer the open question

    @property
    def combined(self) -> bool:
        return len(self.others) + (self.own.kind == "answer" and self.own.action == "accept") > 1


# The treatment score below which a reason that names no treatment is surely "annet" (over the
# single sets: 31 such answers were annet, 1 behandling, whose "inngrep" treatment.py now reads).
_NO_TREATMENT = 0.1


def _score(parse: Mapping[str, Any] | None, intent: str) -> float:
    return next((r["confidence"] for r in (parse or {}).get("intent_ranking") or [] if r["name"] == intent), 0.0)


def _runner_up(question_id: str, parse: Mapping[str, Any] | None, code: str) -> str:
    """The open question's likeliest code after `code`, as its own scorer ranks it."""
    intents = ANSWER_INTENTS[question_id]
    ranking = (question_view(question_id, parse) or {}).get("intent_ranking") or ()
    return next((intents[str(e.get("name"))] for e in ranking if intents.get(str(e.get("name")), code) != code),
                next(c for c in intents.values() if c != code))


# A clause read this surely as one answer speaks plainly (two such that disagree: neither is recorded)
_SURE_CLAUSE = 0.95
_OPPOSITES = ({"veldig_sannsynlig", "lite_sannsynlig"}, {"god", "vanskelig"}, {"under_26_uker", "over_26_uker"})
# Global readings that ask for nothing: an answer in one of the message's clauses goes first.
_SMALL_TALK = frozenset({OUT_OF_SCOPE, "hilsen", "takk", "hade"})
_YES_NO_SENTENCE = re.compile(r"^\W*\w+\s*[.!]\s+\S")  # "Ja. …", "Nei! …"
_ONE_ANSWER_SOURCES = frozenset({"button", "digit", "label", "keyword", "yes_no"})


def _to_confirm(code: str) -> Interpretation:
    """An answer the words point to without saying it outright: offered in the one summary."""
    return Interpretation("answer", code, 1.0, "confirm", "pattern", (code,))


def _names_its_kind(own: Interpretation, text: str, clauses: int, others: tuple[Carried, ...]) -> bool:
    """A short reason (q3_grunn) that names its kind outright, where the classifier was only fairly
    sure: a treatment of one's own ("får svar på biopsi snart"), or the employer, a meeting, money
    or family and no treatment ("møte med arbeidsgiver neste uke", "mor mi trenger hjelp"). Not
    beside answers to other questions ("Sjefen er grei, og jeg kommer tilbake" names the boss as
    an answer, not a reason), unless the health is ruled out ("problem med sjef, ikke med kropp")."""
    if clauses > 2 or own.source != "nlu" or (any(c.meaning.action == "accept" for c in others) and not health_denied(text)):
        return False
    if own.code == "behandling":
        return own.action != "accept" and mentions_treatment(text) and not other_errand(text) and not other_reason(text)
    return (own.code in ("annet", OUT_OF_SCOPE) and (own.action != "accept" or own.kind == "global") and other_reason(text)
            and not mentions_treatment(text))


# A reason given outright ("pga situasjonen på jobb", "kommer an på konflikten med AG", "problemet er
# sjefen"): with a doubt of how long beside it, the reason q3_grunn asks for
_REASON_GIVEN = re.compile(r"\b(?:pga|p\.g\.a|pa\s+grunn\s+av|grunnet|fordi|(?:kommer|kjem)\s+ann?\s+pa|avhenger\s+av|avheng\s+av|"
                           r"(?:problemet|grunnen|arsaka|arsaken)\s+er|handler\s+om|handlar\s+om|derfor|difor|"
                           r"(?:ikke|ikkje|itj)\s+(?:min\s+|mi\s+)?(?:helse|helsa|helsen|sykdommen|sjukdommen))\b")


# How the body or mind feels, told beside the doubt ("aner ikke hvor lenge, psyken er helt på bunn", "jeg er bare så
# utslitt hele tiden"): with no treatment named, a reason of the kind "annet" (the labelling convention)
_HOW_ONE_FEELS = re.compile(r"\b(?:psyken|psyke|hodet|huet|sliten|utslitt|utbrent|trist|deprimert|nedfor|energi\w*|orken|orker\s+(?:ikke|ikkje|itj)|"
                            r"sover\s+(?:ikke|ikkje|itj|darlig|dalig)|angst\w*|dagsform\w*|vondt\s+i\s+hele|vondt\s+overalt)\b")


def _reason_beside_doubt(open_question: str, text: str, folded: str, own: Interpretation, others: tuple[Carried, ...],
                         answers: Mapping[str, str | None]) -> tuple[Carried, ...]:
    """A doubt of how long taken from the message (or given before) and a reason given with it
    that names no treatment ("usikker på lengda pga konflikten", "vet ikke, kommer an på om jeg
    får omplassering", or how one feels: "psyken er på bunn"): q3_grunn "annet" (every reason but
    treatment), confirmed in the one summary. Nothing where the reason is already taken or a treatment is named (that reason is
    the classifier's to read)."""
    doubted = (open_question == "q3" and own.kind == "answer" and own.code == SHARED and own.action == "accept"
               or any(c.question_id == "q3" and c.meaning.code == SHARED and c.meaning.action == "accept" for c in others))
    if (open_question == "q3_grunn" or not doubted or answers.get("varighet_usikker_grunn")
            or any(c.question_id == "q3_grunn" for c in others)):
        return others
    if not (_REASON_GIVEN.search(folded) or _HOW_ONE_FEELS.search(folded)) or mentions_treatment(text):
        return others
    return (*others, Carried("q3_grunn", _to_confirm("annet")))


# The open question's subject, named in a clause that declines it or right before one
_TOPIC = {"q1": ABOUT_RETURN, "q3": ABOUT_TIME}


def _declined_by_topic(open_question: str, folds: list[str]) -> bool:
    """A later clause declines the open question by name: "Samarbeidet er godt, … Hva gjelder
    retur, ønsker jeg ikke å ta stilling til det nå" (the opening decline is read above)."""
    topic = _TOPIC.get(open_question)
    return topic is not None and any(
        DECLINES.search(f) and (topic.search(f) or index > 0 and len(folds[index - 1].split()) <= 4 and topic.search(folds[index - 1]))
        for index, f in enumerate(folds) if index > 0)


_BACK = re.compile(r"\b(?:tilbake|tebake|attende|retur\w*|tilbakekomst\w*)\b")


def _return_depends(open_question: str, folds: list[str], others: tuple[Carried, ...],
                    answers: Mapping[str, str | None]) -> tuple[Carried, ...]:
    """A clause that says whether one returns depends on something ("kommer an på behandlingen om
    jeg kommer tilbake", "retur avh. av helsa") while another question is open: the return is
    unsure (the labelling convention's "it depends"), confirmed in the one summary. Not about
    the time ("hvor lenge … kommer an på"), nor beside sure words or a return already read."""
    if open_question == "q1" or answers.get("retur") or any(c.question_id == "q1" for c in others):
        return others
    if not any(DEPENDS_ON.search(f) and _BACK.search(f) and not ABOUT_TIME.search(f) and not SOUNDS_SURE.search(f) for f in folds):
        return others
    return (Carried("q1", _to_confirm(SHARED)), *others)


def read_message(
    open_question: str,
    text: str,
    parse: Mapping[str, Any] | None,
    answers: Mapping[str, str | None],
    thresholds: Thresholds = THRESHOLDS,
    har_arbeidsgiver: bool = True,
    asked_on: date | None = None,
) -> Reading:
    """The one decision function of the live form for a message while a question is open (the
    form and `uke8 eval-nlu` both call it). A whole-message reading of the open question comes
    from `interpret`; in a message of several clauses the clause that answers the open question
    is the more specific reading, and an uncertainty that a clause gave to another question is
    no answer to the open one. `asked_on`, the day the question was asked, lets an end date
    alone say how long the leave lasts ("sykmeldt til jul", "ut januar"; leave_span.py)."""
    plain = _read_message(open_question, text, parse, answers, thresholds, har_arbeidsgiver)
    folded = fold(normalise(text))
    if asked_on is None or not ends_named(folded) or starts_named(folded):
        return plain  # (a start named in the message gives the span without the day: "ble sykmeldt i april")
    with asked_on_day(asked_on):
        dated = _read_message(open_question, text, parse, answers, thresholds, har_arbeidsgiver)
        side, season = clear_side(folded)
    # A length worked out from the day of asking is the bot's sum, not the person's words: only
    # confirmed, unless the sum lies far from the 26 weeks (leave_span.clear_side): "til 15. januar"
    # asked in December; a season only when it answers the question asked ("til etter sommarferien")
    plain_lengths = [m for m in ((plain.own,) if open_question == "q3" else ()) + tuple(c.meaning for c in plain.others if c.question_id == "q3")
                     if m.kind == "answer" and m.action == "accept"]
    worded = {m.code for m in plain_lengths}
    by_rules = {m.code for m in plain_lengths if m.source == "pattern"}
    if by_rules and side not in by_rules:
        side = None  # the words give another length ("resten av året, og det blir et godt stykke over et halvår")
    recorded = worded | ({side} if side else set())  # the lengths that may stand without a confirmation
    own = dated.own
    if open_question == "q3" and own.action == "accept" and own.code not in recorded:
        own = confirmed(own)
    recorded_others = worded if season else recorded  # (a season said in passing to another question: confirmed)
    others = tuple(Carried(c.question_id, confirmed(c.meaning)) if c.question_id == "q3" and c.meaning.action == "accept"
                   and c.meaning.code not in recorded_others else c for c in dated.others)
    if own.action == "choose":
        others = tuple(c for c in others if c.meaning.action == "accept")  # (as _read_message: nothing doubtful beside an offer)
    return Reading(own, others, dated.declined)


def _read_message(open_question: str, text: str, parse: Mapping[str, Any] | None, answers: Mapping[str, str | None],
                  thresholds: Thresholds, har_arbeidsgiver: bool) -> Reading:
    whole = interpret(open_question, text, parse, thresholds)
    parts = pieces(text, parse)
    # "Sannsynlig? …": the message opens with the question put back, which the whole heard as an answer
    # (or asks it back later: "Om et par måneder er jeg frisk. Tilbake i samme jobb? Det avhenger av …")
    put_back = bool(parts) and (bool(PUT_BACK.match(fold(normalise(parts[0][0])))) or any(
        put_back_topic(fold(normalise(clause))) == open_question for clause, _ in parts[1:]))
    if whole.source in _ONE_ANSWER_SOURCES or whole.kind == "global" and (
            whole.code not in _SMALL_TALK or len(parts) == 1):
        return Reading(whole, ())
    carried = carried_answers(open_question, text, parse, answers, thresholds, har_arbeidsgiver)
    clause_own = next((c.meaning for c in carried if c.question_id == open_question), None)
    others = tuple(c for c in carried if c.question_id != open_question)
    if whole.kind == "global":
        # Small talk around an answer ("Bra, vi snakkes en gang i uka", "takk, det går fint med
        # sjefen") reads as small talk or off-topic as a whole: the clause that answers the open
        # question still answers it.
        return Reading(clause_own, others) if clause_own is not None else Reading(whole, ())
    own = whole
    folds = [fold(normalise(clause)) for clause, _ in parts]
    opening = next((f for (clause, _), f in zip(parts, folds) if len(clause.split()) > 2), "")  # past "Uff, beklager,"
    if parts and (clause_own is None or clause_own.action != "accept") and (
            DECLINES.search(opening) or open_question != "q3_grunn" and NOT_READY.search(opening)
            or _declined_by_topic(open_question, folds)):
        # "Det spørsmålet vil jeg helst ikke svare på nå. Men …": the open question is not answered
        return Reading(Interpretation("unknown", None, 0.0, "reask", "none"), others, declined=True)
    if len(parts) == 1:
        # one clause, one answer: another question's ("arbeidsgiveren min har vært grei" while
        # q1 is open) only when nothing points at the open question
        if own.action == "reask" and clause_own is not None:
            own = clause_own  # implied: a reason for not knowing how long answers q3 too
        elif own.action != "reask" and not (own.action == "choose" and own.confidence < thresholds.confirm):
            # (an offer of two at low confidence is a guess; "æ kjæm tebake itj no problem sjefen e
            # kjempegrei" still answers q2 plainly, and the offer about q1 stands beside it) Words
            # leave no doubt, though: "helt sikker på at jeg kommer tilbake sykmeldt fra mars til
            # ut mai" says how long as plainly as it says it returns.
            others = tuple(c for c in others if c.meaning.source == "pattern" and c.meaning.action == "accept")
    elif clause_own is not None and whole.source == "nlu" and put_back:
        own = clause_own  # "Sannsynlig? Ikke spesielt.": the clause that answers decides
    elif whole.source == "pattern" and clause_own is not None and clause_own.code != whole.code and any(
            corrects(fold(normalise(clause)), (clause_parse or {}).get("joined_by")) for clause, clause_parse in parts[1:]):
        own = clause_own  # "Først tenkte jeg middels, men nei, det er faktisk bra": the correction stands
    elif whole.source == "pattern" and whole.code == SHARED and clause_own is not None and clause_own.code != SHARED and any(
            so and open_question == "q1" and top_answer(clause_parse) in ANSWER_INTENTS["q1"] and ABOUT_RETURN.search(folded)
            for (_, clause_parse), folded, so in zip(parts, folds, after_so(text, parts))):
        own = confirmed(clause_own)  # "Det kommer an på …, så jeg regner med å komme tilbake": the conclusion after the hedge
    elif (open_question == "q1" and whole.action == "accept" and whole.source == "nlu" and whole.code == "veldig_sannsynlig"
          and wish_before_but(parts, folds) is not None):
        # "Jeg vil jo tilbake, men … så jeg tror ikke det blir noe av": the whole heard the wish;
        # the verdict after "men" decides: recorded where it is the plain doubt that takes a hope
        # back ("Jeg håper å komme tilbake, men jeg er usikker") or words the rules read, confirmed
        # where the classifier heard another verdict plainly, else both offered
        if clause_own is not None and clause_own.code != whole.code and clause_own.action == "accept":
            own = clause_own if clause_own.source == "pattern" or clause_own.code == SHARED else confirmed(clause_own)
        else:
            other = clause_own.code if clause_own is not None and clause_own.code != whole.code else _runner_up(open_question, parse, whole.code)
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (whole.code, other))
    elif whole.source != "pattern":
        # The whole message reads the open question best ("jeg vil gjerne tilbake, men jeg vet
        # ikke om kroppen holder" is usikker, though its first clause is not): a clause decides
        # only where the whole says nothing, and an uncertainty a clause gave to another
        # question is no answer to this one.
        if clause_own is not None and (whole.action == "reask" or clause_own.code == whole.code and whole.action != "accept"
                                       or whole.action == "choose" and clause_own.action == "accept" and clause_own.code in whole.offered):
            # where the whole says nothing, or agrees and the clause is surer, or hesitates
            # between two and a clause says one of them plainly ("Usikker. Det har vært mye
            # krangel med lederen min, …")
            own = clause_own
        elif whole.code == "usikker" and any(c.meaning.code == "usikker" for c in others):
            # (a doubt only confirmed for another question leaves a sure doubt about the open one standing)
            sure_elsewhere = any(c.meaning.code == "usikker" and c.meaning.action == "accept" for c in others)
            own = clause_own or (whole if whole.action == "accept" and not sure_elsewhere else Interpretation("unknown", None, 0.0, "reask", "none"))
            if (clause_own is not None and clause_own.code != whole.code and whole.action == "accept" and clause_own.source == "nlu"
                    and not SOUNDS_SURE.search(fold(normalise(text)))):  # ("Tilbake kommer jeg helt sikkert. Hvor lenge … vet jeg ikke")
                # ("Jeg er litt usikker … Det er mulig jeg kommer tilbake, men …": the whole's sure
                # doubt against a clause heard otherwise: both offered, nothing recorded)
                own = Interpretation("answer", clause_own.code, clause_own.confidence, "choose", "nlu", (clause_own.code, whole.code))
        elif (clause_own is not None and clause_own.action == "accept" and clause_own.code != whole.code
              and whole.source == "nlu" and (len(others) >= len(parts) - 1 or one_clause_about(open_question, parts))
              and (clause_own.confidence >= whole.confidence or open_question != "q3_grunn")):  # (q3_grunn: the treatment rule below)
            # every other clause answered another question ("greit samarbeid, men jeg blir nok
            # borte mer enn et halvår"), or speaks of something else ("Lederen min er helt topp.
            # Det er jobben som er problemet"): their words colour the whole message's reading,
            # and the open question's own clause, read surer than the whole, decides. Read less
            # sure, it still says the whole may be wrong: both are offered, nothing recorded.
            if clause_own.confidence >= whole.confidence:
                own = clause_own
            else:
                own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (clause_own.code, whole.code))
        elif (whole.action == "accept" and clause_own is not None and clause_own.action == "accept" and clause_own.code != whole.code
              and (clause_own.code == SHARED or clause_own.source == "pattern")):
            # "jeg er usikker, men formannen … sier det er plass til meg", "ganske sikker på at jeg
            # ikke kommer tilbake. …": the whole heard as one sure answer, a clause of it says
            # plainly another (a doubt, or words the rules read): both are offered, nothing recorded
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (clause_own.code, whole.code))
        elif (whole.action == "accept" and whole.code != SHARED and clause_own is None and open_question in ("q1", "q3")
              and len(parts[0][0].split()) <= 4 and BARE_DOUBT.search(fold(normalise(parts[0][0])))):
            # "Jeg er usikker. Avdelingen skal legges ned …": the message opens with a plain doubt
            # that its other clauses contradict; the whole's sure reading is offered beside it
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (SHARED, whole.code))
        elif (whole.action == "accept" and whole.code != SHARED and clause_own is None and open_question == "q1" and len(parts) > 1
              and any(REPORTED.search(f) for f in folds) and any(BARE_DOUBT.search(f) and not REPORTED.search(f) for f in folds)):
            # "Min mann sier jeg aldri kommer tilbake, og kanskje han har rett, jeg vet ikke": his view, her doubt
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (whole.code, SHARED))
        elif whole.action == "accept" and whole.source == "nlu" and (lead := leading_yes_no(open_question, text)) not in (None, whole.code):
            # the message opens with a plain ja/nei to the open question that the reading of
            # the whole contradicts ("ja kommer tilbake om et par uker, men sjefen er vanskelig"
            # read as usikker): nothing is recorded on either, both are offered
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (whole.code, str(lead)))
        elif (open_question == "q3_grunn" and whole.code == "annet" and whole.action == "accept" and whole.source == "nlu"
              and any(top_answer(p) == "q3_grunn_behandling" and not denies_treatment(c)
                      for c, p in parts)):
            # one clause waits for treatment ("Jeg skal til MR neste uke …"), the whole reads as
            # something else: which one the uncertainty hangs on is the person's to say
            own = Interpretation("answer", "behandling", whole.confidence, "choose", "nlu", ("behandling", "annet"))
    if open_question == "q3_grunn" and own.kind == "answer" and own.source == "nlu" and (
            own.action == "confirm" and (own.code == "annet") == mentions_treatment(text)
            or own.action == "accept" and (other_errand(text) if own.code == "behandling" else mentions_treatment(text))):
        # fairly sure, but the words say the other ("det er ikke jobben, det er at jeg venter på
        # strålebehandling" read as annet), or sure where the words wait on another errand ("søkt ny
        # jobb og venter på svar") or only on a treatment ("veit ikkje ka skanninga vise"): both offered
        own = Interpretation("answer", own.code, own.confidence, "choose", "nlu",
                             (own.code, "behandling" if own.code == "annet" else "annet"))
    if (open_question == "q3_grunn" and own.kind == "answer" and own.code == "annet" and own.action == "confirm" and own.source == "nlu"
            and len(parts) <= 2 and not mentions_treatment(text) and _score(parse, "q3_grunn_behandling") < _NO_TREATMENT):
        # "annet" is every reason but treatment: where no treatment is named and the classifier
        # hears none, the reason is recorded (not in a long story, where one may hide: README,
        # "Several answers, session 13")
        own = Interpretation("answer", "annet", own.confidence, "accept", "nlu")
    if len(parts) > 1 and own is whole and whole.action == "accept" and whole.source == "nlu":
        # a clause reads the open question otherwise, if only doubtfully ("Så nei, tror ikke jeg
        # kommer tilbake. … og det tror jeg også" heard whole as likely): both are offered; after
        # the question put back with nothing else about it, the whole is only confirmed
        if clause_own is not None and clause_own.code != whole.code:
            own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu", (clause_own.code, whole.code))
        elif clause_own is None and put_back or clause_own is None and others and any(
                top_answer(parse) in ANSWER_INTENTS[c.question_id] for c in others) and top_answer(parse) not in ANSWER_INTENTS[open_question]:
            # (or where no clause reads the open question and the whole was heard above all as
            # another question's answer that a clause gives: "Det vil eg helst ikkje snakke om. Men
            # eg kjem tilbake, treng berre ein månad til": what the open question's scorer made
            # of it is a guess)
            own = confirmed(whole)
    if (own is whole and whole.action == "accept" and whole.source == "nlu" and len(parts) > 1 and (
            clause_own is None and any(ABOUT_ANSWERING.search(f) for f in folds)
            or whole.code == SHARED and (clause_own is None or clause_own.action != "accept") and (
                any(PUTS_OFF.search(f) for f in folds) or any(QUESTION_REMARK.search(f) for f in folds) and any(CAN_SAY_INSTEAD.search(f) for f in folds))
            # (a doubt of its own beside the remarks on the question still answers: "Jeg må tenke
            # litt på det. Vet ikke om kroppen tåler det")
            and not any(top_answer(p) == SHARED and top_confidence(p) >= 0.5 for (_, p), f in zip(parts, folds)
                        if not (PUTS_OFF.search(f) or QUESTION_REMARK.search(f))))):
        # "Beklager, jeg vet ikke helt hvordan jeg skal svare. …", "Huff, det spørsmålet er vanskelig.
        # Jeg får heller si det jeg vet sikkert: …": heard as a doubt, only asked back
        own = confirmed(whole)
    if (open_question == "q2" and own is whole and whole.action == "accept" and whole.source == "pattern" and little_contact(text)
            and any(CANNOT_SAY.match(f) or ABOUT_ANSWERING.search(f) for f in folds)):
        # "Har ikke hatt noe kontakt med dem, så det kan jeg ikke si noe om" / "… så vet ikke hva jeg
        # skal svare der": no verdict of their own
        own = confirmed(whole)
    if own is whole and whole.action == "accept" and whole.source == "nlu" and clause_own is None and len(parts) > 1 and (
            sure_codes := {ANSWER_INTENTS[open_question][top_answer(p)] for _, p in parts
                           if top_answer(p) in ANSWER_INTENTS[open_question] and top_confidence(p) >= _SURE_CLAUSE}) in _OPPOSITES:
        # "At jeg ikke skal tilbake er helt uaktuelt. Jeg skal tilbake.": two clauses each say one
        # of two opposite answers plainly, and the whole message leans to one of them: both offered
        own = Interpretation("answer", whole.code, whole.confidence, "choose", "nlu",
                             (whole.code, next(c for c in sorted(sure_codes) if c != whole.code)))
    if (open_question == "q3" and own.action in ("accept", "confirm") and own.kind == "answer" and own.code != SHARED and len(parts) > 1
            and OPENING_DOUBT.match(folds[0])):
        # "Usikker. Mannen min tror et par uker, men …": the plain first answer and the length after it, both offered
        own = Interpretation("answer", SHARED, own.confidence, "choose", own.source, (SHARED, own.code))
    if (open_question == "q3" and own.kind == "answer" and own.code != SHARED and own.action != "accept" and clause_own is not None
            and clause_own.code == SHARED and clause_own.action == "accept" and clause_own.source == "pattern" and health_swings(text)):
        own = clause_own  # "Det er det store spørsmålet. Noen uker ser det lyst ut, andre uker ikke": the swing is the doubt
    if sounds_sarcastic(text):
        # "Fantastisk, de har ikke ringt meg en eneste gang": the praise is offered beside its opposite, never recorded
        # (and a return looked forward to: "gleder meg SÅ mye til å komme tilbake til den sjefen 🙄 nei takk")
        ironic = ironic_return(text)
        for question_id, praised, opposite in (("q2", "god", "vanskelig"), ("q1", "veldig_sannsynlig", "lite_sannsynlig")):
            if (open_question == question_id and own.kind == "answer" and own.code == praised and own.action in ("accept", "confirm")
                    and (question_id == "q2" or ironic)):
                own = Interpretation("answer", praised, own.confidence, "choose", own.source, (opposite, praised))
        others = tuple(Carried(c.question_id, confirmed(c.meaning)) if c.meaning.code == "god" or c.meaning.code == "veldig_sannsynlig"
                       and ironic else c for c in others)
    if open_question == "q3_grunn" and _names_its_kind(own, text, len(parts), others):
        own = Interpretation("answer", own.code if own.code == "behandling" else "annet", max(own.confidence, 0.5), "accept", "nlu")
    if open_question == "q3_grunn" and own.kind != "global" and own.action in ("reask", "choose") and health_swings(text):
        own = _to_confirm("annet")  # "Ryggen er bra en uke, så blir den verre igjen": the health swings, no treatment named
    elif (open_question == "q3_grunn" and own.kind != "global" and own.action in ("reask", "choose") and len(text.split()) <= 6
          and mentions_treatment(text) and not denies_treatment(text) and not other_errand(text) and not other_reason(text)):
        own = _to_confirm("behandling")  # "tja, kjemoen", "rehab-oppholdet er ikke avklart": a treatment, named alone
    folded_text = fold(normalise(text))
    if own.kind == "unknown" and (code := leading_yes_no(open_question, text)) is not None and _YES_NO_SENTENCE.match(text):
        # "Ja. Og sjefen er god å samarbeide med.": the plain ja/nei said first, as its own sentence,
        # while the rest speaks of another question (confirmed: the whole heard the rest)
        own = Interpretation("answer", code, 1.0, "confirm", "yes_no", (code,))
    if HOPE.search(folded_text) and not SOUNDS_SURE.search(folded_text):
        # "jeg håper jeg kommer tilbake. Venter på time hos spesialist …": a hope, not an expectation
        if open_question == "q1" and own.kind == "answer" and own.code == "veldig_sannsynlig" and own.action in ("accept", "confirm") and own.source == "nlu":
            own = Interpretation("answer", own.code, own.confidence, "choose", "nlu", (own.code, SHARED))
        others = tuple(Carried(c.question_id, confirmed(c.meaning)) if c.question_id == "q1" and c.meaning.code == "veldig_sannsynlig"
                       and c.meaning.source == "nlu" else c for c in others)
    if HOPE_THEN_DOUBT.search(folded_text):
        # "Jeg håper det, men tviler": the hope and the doubt together say unsure, confirmed (the
        # clauses alone hear "tviler" as unlikely, the whole the hope)
        if open_question == "q1" and own.kind == "answer" and own.code != SHARED and own.source == "nlu":
            own = confirmed(replace(own, code=SHARED))
        if open_question == "q1" and own.kind != "global" and own.source in ("nlu", "none") and not others and len(folded_text.split()) <= 8:
            # said alone, the whole answer ("håper d, men tviler", "ønsker det, men har mine tvil"):
            # unsure, recorded (the labelling convention, and every blind writer's reading so far)
            own = Interpretation("answer", SHARED, 1.0, "accept", "pattern")
        others = tuple(Carried(c.question_id, confirmed(replace(c.meaning, code=SHARED)))
                       if c.question_id == "q1" and c.meaning.code != SHARED and c.meaning.source == "nlu" else c for c in others)
        if open_question != "q1" and not answers.get("retur") and all(c.question_id != "q1" for c in others):
            others = (Carried("q1", _to_confirm(SHARED)), *others)
    others = _reason_beside_doubt(open_question, text, folded_text, own, _return_depends(open_question, folds, others, answers), answers)
    if own.action == "choose":
        # beside an offer of two, doubtful answers to other questions would crowd it: asked later
        others = tuple(c for c in others if c.meaning.action == "accept")
    return Reading(own, others)
