"""Several answers in one message, in any order (PRODUCT.md §1, rules for asking): "Jeg kommer
nok tilbake, sjefen er grei, og jeg blir frisk om et par måneder" answers q1, q2 and q3.
`carried_answers` finds every answer a message carries; uke8/understanding/reading.py weighs
them against the reading of the whole message for the open question.

The message is split into clauses (uke8/understanding/clauses.py); the classifier ranked each
clause in the same parse (`clauses` in the parse, by span). Each clause is given to the
question its answer intents point at most, then read by the same rules as a whole message
(`from_ranking`: accept / confirm / choose), after the deterministic ones that fit a clause
(a stated duration, the unambiguous patterns). A message without clauses is read whole: a q2
answer typed while q1 is open is still a q2 answer.

The uncertainty intent (`usikker`) is shared by q1, q3 and q3_grunn: in a message that also
waits for treatment (a q3_grunn `behandling` answer) it belongs to q3 ("vet ikke helt, venter
på operasjon"), as it does when it speaks of time ("vet ikke hvor lenge"); otherwise to the open
question if that takes it. Two clauses with different answers to one question cancel out.
A reason (q3_grunn) is taken only where the uncertainty is about how long (q3 open or usikker,
or a clause of the message says so); it then implies q3 = usikker, and a q3 answer other than
usikker makes it meaningless.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from uke8.triage.catalogue import QUESTIONS, question_order
from uke8.understanding.calibration import THRESHOLDS, Thresholds
from uke8.understanding.duration import KNOWN_LATER, NEEDS, OTHER_WEEKS, SEE_THEN, duration_answer, only_past_durations, weeks_mentioned, whole_leave_answer
from uke8.understanding.interpret import (
    Interpretation, confirmed, from_ranking, interpret, plain_yes_no, yes_or_no)
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.clause_signals import (
    ABOUT_ANSWERING, ABOUT_RETURN, ABOUT_TIME, AGREES, ASKED_ABOUT_RETURN, BARE_DOUBT, BARE_NO, BARE_WAIT, BECAUSE, BOSS_ACTS, CAN_SAY_INSTEAD, CANNOT_SAY, CONCESSIVE, CONDITION_ALONE, CONDITION_OPENING, CONDITIONAL,
    CORRECTION, DECLINES, DEPENDS_ON, DOUBT_ABOUT_WHEN, DOUBT_OBJECT, EVENT_DATE, FINE, FRONTED_DOUBT, GRADED_START, LEAVE_WORDS, LIKELY, MERELY_FINE,
    HEDGE_ALONE, NOT_A_COMPLAINT, NOT_READY, NOT_SAYING, NOT_THE_PROBLEM, NUMBER_AFTER, OTHER_LEAVE, PRECISION_HEDGE, PUT_BACK, PUTS_OFF, QUESTION_REMARK, REASON_OPENING, RETIRING, SURE_DENIED, THAT_IS_SURE, V1_CONDITION, V1_CONSEQUENCE, WAITS_FOR_THAT, WHETHER_MANAGE, WHETHER_RETURN, WORDS, YEARS_AT_WORK, corrects,
    put_back_topic, wish_before_but)
from uke8.understanding.clause_subjects import about, labelled, numbered_list, qualifies, terse_list
from uke8.understanding.clause_owner import explains_the_return, held_back, reason_after_doubt, shared_owner, specific_owner
from uke8.understanding.clause_parse import after_so, pieces, top_answer, top_confidence
from uke8.understanding.implied import RANK, SHARED, contact_kind, employer_in_a_reason, imply, imply_return, mixed_relation, settle
from uke8.understanding.contact import complains, little_contact
from uke8.understanding.length_hedges import may_grow, two_possibilities
from uke8.understanding.employer_words import BOSS
from uke8.understanding.patterns import OTHER_PARTY, match_pattern, middle_in_words
from uke8.understanding.reason_inside import reason_inside
from uke8.understanding.treatment import denies_treatment, mentions_treatment, other_errand

# An answer to a question that was not asked is recorded from the classifier alone only when it
# is this sure; below it is confirmed in the one summary (README, "Several answers, session 10":
# over 24 blind sets, 10 of 35 recorded-wrong answers at the session's start were such answers
# between the accept threshold and this, against 215 right ones that now cost a click).
UNASKED_ACCEPT = 0.95


@dataclass(frozen=True)
class Carried:
    question_id: str
    meaning: Interpretation  # kind "answer", action "accept" or "confirm"

    @property
    def slot(self) -> str:
        return QUESTIONS[self.question_id].slot


# Words of waiting or of not yet knowing, beside a treatment: a reason for not knowing how long
_WAITS = re.compile(r"\b(?:vent\w*|venteliste\w*|uvisst|uklart|spent\s+pa|svar\w*|forst|ma\s+se|far\s+(?:jeg|eg|vi|me)\s+(?:vite|vete|se|sja)|far\s+vite)\b")


def _read(question_id: str, text: str, parse: Mapping[str, Any] | None, thresholds: Thresholds,
          hedges: bool = True) -> Interpretation | None:
    code = duration_answer(text) if question_id == "q3" else None
    code = code or match_pattern(question_id, text, hedges)
    if code is not None:
        return Interpretation("answer", code, 1.0, "accept", "pattern")
    meaning = from_ranking(question_id, parse, thresholds)
    if meaning.kind == "answer" and meaning.action in RANK:
        return meaning
    return None


_WHEN = re.compile(r"\bnar\b")
_PLAIN_VERDICT = 0.95  # a clause read this surely says its answer plainly (as reading.py's _SURE_CLAUSE)


def carried_answers(
    open_question: str | None,
    text: str,
    parse: Mapping[str, Any] | None,
    answers: Mapping[str, str | None],
    thresholds: Thresholds = THRESHOLDS,
    har_arbeidsgiver: bool = True,
) -> list[Carried]:
    """Every answer the message carries that the rules let through (accept or confirm), one per
    question, in asking order; questions already answered are left alone, and so are questions
    this person is never asked (q2 without an employer: "sjefen var grei" is no answer then)."""
    parts = pieces(text, parse)
    owners = [specific_owner(clause, clause_parse, thresholds) for clause, clause_parse in parts]
    claimed = {owner for owner in owners if owner not in (None, SHARED)}
    # waiting for treatment, surgery or an appointment explains not knowing how long (q3); any
    # other reason (work, money) explains not knowing whether one returns just as well
    # ("det hjelper ikke" heard faintly as treatment names none: it explains nothing)
    # (a doubt that only "depends on" the treatment, in a message with no word of time or of
    # going back, is about the question asked: "usikker. kommer an på MR-svaret" while q1 is open)
    folds = [fold(normalise(clause)) for clause, _ in parts]
    so_before = after_so(text, parts)
    wish = wish_before_but(parts, folds)
    # ("avhenger av hvordan det går med operasjonen neste måned": a date, no word of how long;
    # "det kjem an på kor lang tid rehabiliteringa tek": the time is what it hangs on, no length
    # asked about; "Går den bra, kommer jeg tilbake": words of going back make it the return's doubt)
    hangs = open_question == "q1" and not any(ABOUT_TIME.search(EVENT_DATE.sub("", DEPENDS_ON.split(f)[0])) for f in folds)
    # ("venter på at vaskemaskina skal bli ferdig" waits for no treatment)
    treatment = any(top_answer(p) == "q3_grunn_behandling" and (top_confidence(p) >= 0.5 or mentions_treatment(c))
                    and not (hangs and DEPENDS_ON.search(f)) and (mentions_treatment(c) or not WAITS_FOR_THAT.search(f) and not other_errand(c))
                    # ("fordi jeg ikke vet om jeg tåler skiftarbeid etter hjerteoperasjonen": whether one
                    # manages the work is the return's doubt, the operation behind it no wait)
                    and not (open_question == "q1" and WHETHER_MANAGE.search(f) and not ABOUT_TIME.search(f))
                    for (c, p), f in zip(parts, folds))
    # a clause of its own doubts the return ("jeg vet ikke helt om jeg kommer tilbake")
    doubted = any(BARE_DOUBT.search(f) and (o == "q1" or ABOUT_RETURN.search(f)) for f, o in zip(folds, owners))
    best: dict[str, Interpretation] = {}
    conflicts: set[str] = set()
    worded: dict[str, set[str]] = {}  # the codes the patterns gave each question
    corrected_at: int | None = None  # the clause where the person corrects what they said
    asked_back: tuple[int, str | None] = (-2, None)  # (index, question) of a question the person put back
    readings: dict[str, list[tuple[Interpretation, str | None, int]]] = {}  # each question's clause readings (contact kind, where)
    direct: Interpretation | None = None  # a short first clause that plainly answers the open question
    # a complaint about the employer taken half back ("bryr seg ikke noe særlig, men de er ikke slemme heller")
    softened = any(index > 0 and owners[index - 1] == "q2" and (clause_parse or {}).get("joined_by") == "men" and NOT_A_COMPLAINT.search(folded)
                   and folded.rstrip(" .!,").endswith("heller") for index, ((_, clause_parse), folded) in enumerate(zip(parts, folds)))
    order = question_order(har_arbeidsgiver)
    listed = numbered_list([c for c, _ in parts], order)  # "1. …\n2. …", "1 usikker, 2 …": answers in asking order
    terse = terse_list(text, [c for c, _ in parts])  # "usikker / god / over 26 uker": by words, or in turn
    for index, ((clause, clause_parse), owner) in enumerate(zip(parts, owners)):
        folded = fold(normalise(clause))
        if corrects(folded, (clause_parse or {}).get("joined_by")):
            # "Jeg kommer nok ikke tilbake. Eller, jo, kanskje …", "tre uker, nei forresten tre
            # måneder", "Kona mi synes …, men jeg synes …": what follows replaces what came before
            corrected_at = index
            if not WORDS.search(CORRECTION.sub("", folded)) or folded.strip(" ,.!") in BARE_NO:
                continue  # the marker alone ("Eller,", "men nei,") answers nothing
        if PUT_BACK.match(folded):
            # "Men hvor lenge? Jeg vet ikke": the doubt right after answers the question put back
            asked_back = (index, put_back_topic(folded))
            continue
        if asked_back[0] == index - 1 and asked_back[1] == "q1" and len(clause.split()) <= 2 and (
                index + 1 == len(parts) or (parts[index + 1][1] or {}).get("joined_by") is None) and (
                yes_no := plain_yes_no("q1", clause)) is not None:
            # "Tilbake i jobben? Ja.": the plain answer to the question put back, said as a sentence of
            # its own (not "Jada, rett etter at jeg vinner i Lotto …", which the comma runs on into)
            best["q1"] = direct = yes_no
            continue
        if asked_back[0] == index - 1 and asked_back[1] == "q1" and len(clause.split()) <= 3 and LIKELY.search(folds[index - 1]) and (
                code := match_pattern("q1", f"{clause} sannsynlig")) is not None:
            best["q1"] = direct = Interpretation("answer", code, 1.0, "accept", "pattern")
            continue  # "Sannsynlig? Ikke spesielt": the answer leans on the word put back
        if index == wish:
            continue  # "Jeg har lyst til å komme tilbake, men …": the wish is no verdict, what follows "men" is
        if QUESTION_REMARK.search(folded) and any(PUTS_OFF.search(f) or CAN_SAY_INSTEAD.search(f) for f in folds):
            continue  # "Godt spørsmål. Men jeg har et annet spørsmål: …": the remark turns away, it answers nothing
        if PRECISION_HEDGE.match(folded) and index + 1 < len(parts) and (parts[index + 1][1] or {}).get("joined_by") == "men":
            continue  # "Vanskelig å si eksakt, men …": the estimate after "men" answers
        if AGREES.match(folded) or DECLINES.search(folded) or NOT_READY.search(folded) and open_question != "q3_grunn" or ABOUT_ANSWERING.search(folded) or PUTS_OFF.search(folded) or CONCESSIVE.match(folded) and (
                owner == "q1" and index < len(parts) - 1 or owner == SHARED and index > 0):
            # (or would rather not answer: "det vil jeg helst ikke svare på"; or opens with a
            # concession about going back, which the classifier hears louder than the verdict after
            # it: "Selv om jeg helst vil tilbake, tror jeg ikke det går" is left to the whole message
            # or an offer; "selv om samarbeidet er vanskelig" still answers about the employer; a
            # doubt conceded after the verdict, "…, selv om jeg har vært i tvil", takes nothing back)
            continue  # "…, og det tror jeg også": agrees with what came before, answers nothing new
        if WHETHER_RETURN.match(folded) and index + 1 < len(parts) and (parts[index + 1][1] or {}).get("joined_by") is None:
            asked_back = (index, "q1")  # "Og om jeg kommer tilbake – ikke helt sikker": put back as a question is
            continue
        if CONDITION_ALONE.match(folded) or WHETHER_RETURN.match(folded) or NOT_THE_PROBLEM.search(folded) or NOT_SAYING.match(folded) and index < len(parts) - 1 or (
                index > 0 and THAT_IS_SURE.match(folded)) or V1_CONDITION.match(folded) and index + 1 < len(parts) and so_before[index + 1]:
            continue  # (a verb-first condition before ", så": "Kommer jeg tilbake, så …")
        if owner == SHARED and index > 0 and owners[index - 1] == "q3" and (NUMBER_AFTER.match(folded) or folded.strip(" ,.!?") in HEDGE_ALONE):
            # "treng nok nokre veker til, kanskje tre": narrows the length just given; "Et par
            # måneder te, kanskje": hedges it, which takes nothing back
            continue
        # "…, og jeg vil egentlig også, men om jeg orker nattevaktene igjen er et stort spørsmålstegn"
        # (or after a correction of the return: "Ja, jeg skal tilbake – eller, jeg håper det, det avhenger av …")
        prior = owners[index - 1] if index else None
        if prior == "q2" and index >= 2 and owners[index - 2] == "q1" and (clause_parse or {}).get("joined_by") == "men":
            prior = "q1"  # "Jeg vil gjerne tilbake, og arbeidsgiveren er kjempeflink, men jeg vet ikke om helsa holder"
        fronted = (index > 0 and ((clause_parse or {}).get("joined_by") in ("men", ",") or folded.startswith(("uten ", "utan ")))
                   and FRONTED_DOUBT.match(folded) is not None and not ABOUT_TIME.search(CONDITION_OPENING.sub("", folded))
                   and (prior == "q1" or corrected_at is not None and index - corrected_at <= 2 and "q1" in owners[:corrected_at])
                   # (a return just said, then "men helt sikker er jeg ikke")
                   or index > 0 and (clause_parse or {}).get("joined_by") == "men" and SURE_DENIED.match(folded) is not None
                   and ABOUT_RETURN.search(folds[index - 1]) is not None)
        if fronted or (owner == SHARED and index > 0 and (clause_parse or {}).get("joined_by") in ("men", ",") and prior in ("q1", "q3") and not CONDITIONAL.match(folds[index - 1])
                       and BARE_DOUBT.search(folded) and not ABOUT_TIME.search(folded) and not ABOUT_RETURN.search(folded)
                       and not (len(folded.split()) > 5 and DOUBT_OBJECT.search(folded))):  # ("men vet ikke om jeg orker vaskinga i lengden": a doubt of its own)
            # "kommer nok tilbake, men vet egentlig ikke", "jeg håper å komme tilbake, men jeg er
            # usikker": a bare doubt after "men" takes back the answer just given
            doubt = Interpretation("answer", SHARED, 1.0, "accept", "pattern") if fronted else _read(str(prior), clause, clause_parse, thresholds)
            if doubt is not None and doubt.code == SHARED:
                taken_back = "q1" if fronted else str(prior)
                best[taken_back] = doubt
                conflicts.discard(taken_back)
                worded.pop(taken_back, None)
                continue
        if index == 0 and open_question is not None and clause.strip() in ("1", "2", "3"):
            digit = interpret(open_question, clause.strip(), None, thresholds)  # "1, og forholdet til sjefen er greit nok"
            if digit.kind == "answer" and digit.source == "digit":
                best[open_question] = direct = digit
            continue
        if index == 0 and open_question == "q3_grunn" and REASON_OPENING.match(folded):
            owner = "q3_grunn"  # "At jeg ikke vet om jeg har en jobb å gå tilbake til. …": the reason asked for
        specific = owner != SHARED  # a shared owner was chosen by its words already
        reason_clause = reason_after_doubt(index, folds, owners, open_question)
        label = labelled(clause) or listed[index]
        if label is not None:
            owner, clause = label  # "Retur: lite sannsynlig": the label says which question the rest answers
            specific = True
        elif asked_back[0] == index - 1 and asked_back[1] is not None and (
                not specific or owner != asked_back[1] and match_pattern(asked_back[1], clause) is not None):
            # "Tilbake i samme jobb? Det avhenger av om de kan tilby meg redusert stilling": the
            # clause after the question put back answers it, where its words can
            owner, specific = asked_back[1], False
        elif reason_clause:
            owner = "q3_grunn"  # "Usikker, det kommer an på om jeg får ny jobb": what the doubt about how long hangs on
        elif not specific and corrected_at is not None and index - corrected_at <= 1 and (
                # (the answer taken back is one that was read: "Over 26 uker, tror jeg. Eller... nei, jeg er
                # faktisk usikker": "tror jeg" alone answered nothing)
                corrected := next((o for o in reversed(owners[:corrected_at]) if o in ("q1", "q3") and o in best), None)) is not None:
            owner = corrected  # "Jeg sa veldig sannsynlig …, men jeg må korrigere meg selv: jeg er usikker"
        elif not specific:
            if index == 0 and len(clause.split()) <= 3 and open_question in ("q1", "q3", "q3_grunn") and (
                    "q3" in claimed or any(o == SHARED and ABOUT_TIME.search(fold(normalise(c)))
                                           for (c, _), o in zip(parts[1:], owners[1:]))):
                # "Usikker. … Kor lenge eg blir borte, kjem an på operasjonen": how long is
                # answered by a clause of its own, so a short first word of doubt answers the
                # question asked; so too while q3 is open, where a later clause only heard as a
                # length ("usikker fordi jeg venter på operasjon, og etter det blir det opptrening")
                # is outweighed by the plain first answer
                owner = open_question
            elif (terse and index > 0 and owners[index - 1] not in (None, SHARED) and best.get(str(owners[index - 1])) is not None
                  and not ABOUT_TIME.search(folded) and not ABOUT_RETURN.search(folded)
                  and (following := next((q for q in order if q in ("q1", "q3") and q not in best), None)) is not None):
                owner = following  # "usikker, god, usikker": a terse list answers the questions in turn
            else:
                owner = shared_owner(clause, open_question, claimed, treatment, doubted,
                                     owners[index - 1] if index and ABOUT_TIME.search(folds[index - 1]) else None)
        if index > 0 and two_possibilities(folded, folds[index - 1], (clause_parse or {}).get("joined_by"), (owners[index - 1], owners[index]),
                                           lambda: getattr(_read("q3", clause, clause_parse, thresholds, hedges=False), "code", None),
                                           best["q3"].code if "q3" in best else None):
            # "kanskje et par måneder, kanskje mye lenger", "kanskje frisk i februar, kanskje ikkje
            # før til hausten": two possibilities on two sides, so unsure (length_hedges.py)
            best["q3"] = Interpretation("answer", SHARED, 1.0, "accept", "pattern")
            conflicts.discard("q3")
            worded.pop("q3", None)
            continue
        if index > 0 and may_grow(folded, (clause_parse or {}).get("joined_by"), best["q3"].code if "q3" in best else None):
            # "jeg håper et par måneder, men det kan bli mer": the estimate taken back to a doubt, confirmed
            best["q3"] = Interpretation("answer", SHARED, best["q3"].confidence, "confirm", "pattern", (SHARED,))
            continue
        if owner is None:
            if corrected_at == index - 1 and yes_or_no(clause):
                corrected_at = index  # "eller, nei, …": the ja/nei belongs to the correction
            plain = plain_yes_no(open_question, clause) if index == 0 and len(parts) > 1 else None
            if plain is not None and open_question is not None:
                best[open_question] = plain  # "nei. sjefen er umulig. …": a first plain ja/nei answers the question asked
            continue
        # a hedge opens a message ("Det kommer an på …") or answers a question put back; later in
        # one it is about what came before it ("aner ikke hvor lenge, det kommer an på hvordan hodet mitt er")
        meaning = (plain_yes_no(owner, clause) if label else None) or _read(owner, clause, clause_parse, thresholds,
                                                                              hedges=index == 0 or asked_back[0] == index - 1)
        if meaning is None and owner == "q3_grunn" and reason_clause:
            code = "behandling" if mentions_treatment(clause) else "annet"  # the words alone: confirmed
            meaning = Interpretation("answer", code, 1.0, "confirm", "pattern", (code,))
        if meaning is None or meaning.code == "behandling" and denies_treatment(clause):
            continue  # ("…, ikke av medisinsk behandling": a treatment named only to be denied)
        # (also "Hvis …, | kommer jeg tilbake", and while q1 is open "Det kjem an på kor lang tid …": no length of leave)
        if meaning.action == "accept" and (
                held_back(owner, open_question, meaning, clause, folded, clause_parse, owners[index - 1] if index else None)
                or owner == "q1" and index > 0 and (CONDITIONAL.match(folds[index - 1]) or (so_before[index] or V1_CONSEQUENCE.match(folded)) and V1_CONDITION.match(folds[index - 1]))
                or owner == "q3" and open_question == "q1" and DEPENDS_ON.search(folded) and not ABOUT_TIME.search(DEPENDS_ON.split(folded)[0])
                # a doubt with no word of time, given to how long only for a treatment named further on
                # ("Vanskelig å si. … fastlegen vil ha meg til MR først" while q1 is open) or for one it
                # hangs on ("vet ikke. Kommer an på om behandlingen virker"): only confirmed. Right before
                # the wait itself, in one sentence, it is the issue's own example, recorded: "vet ikke
                # helt, venter på operasjon" (README, "Several answers, session 14"); with a full stop
                # between ("Jeg vet ærlig talt ikke. Jeg skal på flere undersøkelser") most blind
                # writers read the doubt as the answer asked for (session 17). ("når" joining two events, "sur
                # når vi møtes", is no word of time)
                or owner == "q3" and not specific and open_question in ("q1", "q2") and not DOUBT_ABOUT_WHEN.search(folded)
                and not (index + 1 < len(parts) and top_answer(parts[index + 1][1]) == "q3_grunn_behandling"
                         and (top_confidence(parts[index + 1][1]) >= 0.5 or mentions_treatment(parts[index + 1][0]))
                         and not DEPENDS_ON.search(folds[index + 1]) and (parts[index + 1][1] or {}).get("joined_by") is not None)
                and not any(ABOUT_TIME.search(_WHEN.sub("", f)) or f.startswith("nar ") or DOUBT_ABOUT_WHEN.search(f) for f in folds)):
            meaning = confirmed(meaning)
        if (owner == "q2" and meaning.action == "accept" and meaning.code == "verken_eller" and little_contact(clause)
                and any(complains(c) for i, (c, _) in enumerate(parts) if i != index)):
            meaning = confirmed(meaning)  # "Det har skurra lenge, og no har vi nesten ikkje kontakt": little contact beside a complaint
        if owner == "q2" and meaning.code == "god" and meaning.source == "nlu" and MERELY_FINE.search(folded):
            meaning = confirmed(meaning)  # "samarbeidet er greit": most call that the middle, so only confirmed
        if (owner == "q2" and meaning.code == "god" and meaning.source == "nlu" and FINE.search(folded) and index + 1 < len(parts)
                and (parts[index + 1][1] or {}).get("joined_by") == "men"):
            # "Sjefen e heilt grei, men …": the blind writers' middle (23 of 24 messages), confirmed
            meaning = Interpretation("answer", "verken_eller", 1.0, "confirm", "pattern", ("verken_eller",))
        if meaning.action == "accept" and any(CANNOT_SAY.match(f) for f in folds[index + 1:index + 3]):
            meaning = confirmed(meaning)  # "Har ikke hatt noe kontakt med dem, | så det kan jeg ikke si noe om"
        if wish is not None and index == wish + 1 and owner == "q1" and owner != open_question and meaning.action == "accept":
            meaning = confirmed(meaning)  # the verdict after a wish, to a question not asked: only confirmed
        current = best.get(owner)
        if current is not None and current.code != meaning.code and direct is current and meaning.action != "accept" and corrected_at is None:
            continue  # "Dårlig. Han har sagt at jeg er sløv …": a plain first answer outweighs a doubtful later reading
        if index == 0 and owner == open_question and meaning.action == "accept" and len(clause.split()) <= 3:
            direct = meaning
        if owner == "q3" and owner != open_question and (
                only_past_durations(clause) or YEARS_AT_WORK.search(folded) or index + 1 < len(folds) and OTHER_WEEKS.match(folds[index + 1]) or (RETIRING.search(folded) or OTHER_LEAVE.search(folded)) and not LEAVE_WORDS.search(folded) or BOSS_ACTS.match(folded) and not LEAVE_WORDS.search(folded)
                or index > 0 and (clause_parse or {}).get("joined_by") == "og" and weeks_mentioned(clause) is not None
                and only_past_durations(f"{parts[index - 1][0]} og {clause}")):
            # "teamlederen har mobbet meg i over et år", "leiaren har kalla meg inn … på to månader",
            # "søkt om permisjon for å prøve noe annet i et år" (another leave),
            # "har hatt mørketid | og storm i to uker": not the leave
            continue
        if owner == "q3" and meaning.code != SHARED and (
                any(KNOWN_LATER.search(f) for f in folds[index:index + 2]) or mentions_treatment(clause)
                and not LEAVE_WORDS.search(folded) and not NEEDS.search(folded) and any(SEE_THEN.match(f) for f in folds[index + 1:index + 2])):
            # "Skal på rehabilitering i tre uker, | og etter det vet vi mer", "Har nokre veker att med
            # fysio, | så får vi sjå": that time is the treatment's
            continue
        if owner == "q3" and meaning.code != SHARED and GRADED_START.search(folded):
            continue  # "begynner gradert om to uker": part time first, the leave goes on
        if owner == "q1" and ASKED_ABOUT_RETURN.search(folded):
            continue  # "… og spør stadig når jeg kommer tilbake": the boss's question, not the person's verdict
        if owner == "q2" and OTHER_PARTY.match(folded) and not BOSS.search(folded):
            continue  # "Bedriftshelsetjenesten er supergod, men lederen …": praise for someone else
        if owner == "q2" and NOT_A_COMPLAINT.search(folded) and meaning.code == "vanskelig":
            continue  # "jeg er ikke sur på sjefen", "har i alle fall ikke vært vanskelig": no verdict of difficulty
        # ("Sjef og jeg er ikke enig om tilrettelegging, vanskelig": one word right after the boss is said of him)
        after_boss = owner == "q2" and index > 0 and len(clause.split()) <= 2 and BOSS.search(folds[index - 1]) is not None
        # ("Om jeg kommer tilbake? Tviler": the question put back names the subject of the short answer)
        answers_put_back = asked_back[0] == index - 1 and owner == asked_back[1]
        if specific and owner != open_question and label is None and not (terse and meaning.action == "accept") and not after_boss and not answers_put_back and (
                len(clause.split()) < 2 or not (about(owner, index, parts, owners) or qualifies(owner, index, parts, owners))):
            continue  # an answer to a question not asked needs words about its subject
        # (only a clause that may answer counts against another: "sykmeldt sia februar" heard as
        # q2 speaks of no employer and contradicts no "godt samarbeid")
        readings.setdefault(owner, []).append((meaning, contact_kind(owner, meaning, clause), index))
        if current is not None and current.code != meaning.code:
            conflicts.add(owner)  # two clauses, two answers ("kan bli kort, kan bli lenge"): neither
        if meaning.source == "pattern" and meaning.action == "accept" and not (owner == "q2" and little_contact(clause)) and (
                match_pattern(owner, clause, hedges=False) == meaning.code or owner == "q3" and duration_answer(clause)):
            # (not a hedge, which leaves the answer open; little contact is neither only without
            # a complaint, which may sit in the other clause; and a reading confirmed because of
            # where it stands settles nothing)
            worded.setdefault(owner, set()).add(meaning.code)
        if current is None or (RANK[meaning.action], meaning.confidence) > (RANK[current.action], current.confidence):
            best[owner] = meaning
    if "q3" not in best or best["q3"].source != "pattern":
        # "Har vært borte siden nyttår | og legen tror jeg er klar i løpet av mars": when the leave
        # began and when it ends, in two clauses, say how long it lasts in all
        for (first, _), (second, _) in zip(parts, parts[1:]):
            if (code := whole_leave_answer(f"{first}, {second}")) is not None:
                best["q3"] = Interpretation("answer", code, 1.0, "accept", "pattern")
                worded["q3"] = {code}
                break
    if "q3_grunn" not in best and "q3" in best and best["q3"].code == SHARED and (reason := reason_inside(parts, owners, folds)) is not None:
        best["q3_grunn"] = reason
    for question_id in conflicts:
        # unless the words settle it: "samarbeidet er heilt greitt, verken bra eller dårleg" qualifies
        # the first clause, it does not contradict it
        codes = worded.get(question_id, set())
        later = [m for m, _, at in readings.get(question_id, []) if corrected_at is not None and at >= corrected_at]
        found = readings.get(question_id, [])
        concluded = [m for m, _, at in found if question_id == "q1" and at > 0 and m.code != SHARED and m.action == "accept" and so_before[at]
                     and ABOUT_RETURN.search(folds[at])]
        # "Jeg vet ikke om jeg i det hele tatt skal tilbake dit, lite sannsynlig vel": a doubt, then the
        # option's own words ("lite sannsynlig") settle it
        # (or a plain verdict on the return that ends the readings: "… jeg vet ikke om jeg tåler å gå
        # tilbake dit. Tror ikke jeg kommer tilbake.")
        settled_by_name = [m for m, _, at in found if question_id == "q1" and m.code != SHARED and (
                               LIKELY.search(folds[at]) or m.action == "accept" and m.confidence >= _PLAIN_VERDICT and ABOUT_RETURN.search(folds[at])
                               and at == max(a for _, _, a in found))
                           and any(d.code == SHARED and d_at < at for d, _, d_at in found)]
        if later:
            best[question_id] = later[-1]  # the correction stands
        elif settled_by_name:
            best[question_id] = confirmed(settled_by_name[-1])
        elif concluded:
            best[question_id] = confirmed(concluded[-1])  # "Det kommer an på …, så jeg regner med å komme tilbake": the conclusion
        elif question_id == "q2" and middle_in_words(text):
            # "helt ok, ingenting å klage på, men heller ikkje noko meir": the whole says the middle
            best[question_id] = Interpretation("answer", "verken_eller", 1.0, "accept", "pattern")
        elif question_id == "q2" and mixed_relation(found, parts):
            # "litt anstrengt etter en uenighet i fjor, men vi jobber greit sammen": both, a little of the bad
            best[question_id] = Interpretation("answer", "verken_eller", 1.0, "confirm", "pattern", ("verken_eller",))
        elif len(codes) == 1:
            best[question_id] = Interpretation("answer", codes.pop(), 1.0, "accept", "pattern")
        elif (settled := settle(readings.get(question_id, []))) is not None:
            best[question_id] = settled
        else:
            best.pop(question_id, None)
    if "q3_grunn" in best and "q3" not in best:
        # "tid usikker pga konflikten på jobb": the reason's own clause says how long is not known
        for clause, _ in parts:
            doubt = BECAUSE.split(fold(normalise(clause)), maxsplit=1)[0]
            if ABOUT_TIME.search(doubt) and BARE_DOUBT.search(doubt) and not ABOUT_RETURN.search(doubt):
                best["q3"] = Interpretation("answer", SHARED, 1.0, best["q3_grunn"].action, "pattern")
                break
    grunn_asked = open_question in ("q3", "q3_grunn") or answers.get("varighet") == "usikker"
    if not grunn_asked and (best.get("q3") is None or best["q3"].code != "usikker"):
        # a reason is an answer to q3_grunn only where the uncertainty is about how long: in
        # "det avhenger av om de kan tilrettelegge, så jeg er usikker" it explains q1
        best.pop("q3_grunn", None)
    if not grunn_asked and "q3_grunn" in best and best["q3_grunn"].action == "accept" and any(
            m is best["q3_grunn"] and explains_the_return(at, folds, owners) for m, _, at in readings.get("q3_grunn", [])):
        best["q3_grunn"] = confirmed(best["q3_grunn"])  # as the reason for not knowing how long, only confirmed
    if (open_question != "q3_grunn" and "q3_grunn" in best and best["q3_grunn"].code == "behandling" and best["q3_grunn"].source == "nlu"
            and any(m.code == "behandling" and (other_errand(parts[at][0]) or at > 0 and BARE_WAIT.match(folds[at]) and other_errand(parts[at - 1][0]))
                    for m, _, at in readings.get("q3_grunn", []))):
        best.pop("q3_grunn")  # "har søkt om å bytte avdeling | og venter på svar": no treatment; asked in its turn
    if softened and "q2" in best and best["q2"].code == "vanskelig":
        best["q2"] = Interpretation("answer", "verken_eller", 1.0, "confirm", "pattern", ("verken_eller",))
    employer_in_a_reason(best, parts, owners, thresholds)
    implied_length = "q3" not in best
    imply(best)
    if implied_length and open_question != "q3_grunn" and "q3" in best and best["q3"].action == "accept" and not any(
            BARE_DOUBT.search(f) or DEPENDS_ON.search(f) or _WAITS.search(f) for f in folds):
        # "Timen hos legen er 9. januar", "har hatt siste behandling 12. mars": a treatment told as a
        # fact, with no doubt, wait or dependence beside it, says "usikker" only as a guess: confirmed
        best["q3"] = confirmed(best["q3"])
        if "q3_grunn" in best and best["q3_grunn"].action == "accept":
            best["q3_grunn"] = confirmed(best["q3_grunn"])
    if (not grunn_asked and "q3_grunn" in best and best["q3_grunn"].action == "accept" and "q3" in best
            and best["q3"].action != "accept"):
        best["q3_grunn"] = confirmed(best["q3_grunn"])  # the reason stands or falls with the doubt: confirmed together
    imply_return(best, parts)
    for question_id, meaning in best.items():
        if question_id != open_question and meaning.action == "accept" and meaning.source == "nlu" and meaning.confidence < UNASKED_ACCEPT:
            best[question_id] = confirmed(meaning)  # an answer to a question not asked, from the classifier alone
    if not grunn_asked and "q3_grunn" in best and best["q3_grunn"].action == "accept" and best.get("q3", best["q3_grunn"]).action != "accept":
        best["q3_grunn"] = confirmed(best["q3_grunn"])  # (the doubt of how long was only confirmed just above)
    merged = dict(answers) | {QUESTIONS[q].slot: m.code for q, m in best.items()}
    out = []
    for question_id in question_order(har_arbeidsgiver):
        question = QUESTIONS[question_id]
        if question_id in best and answers.get(question.slot) not in question.codes and question.should_ask(merged):
            out.append(Carried(question_id, best[question_id]))
    return out
