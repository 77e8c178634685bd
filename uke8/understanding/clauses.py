"""Split a message into the clauses that may each answer a question ("Jeg kommer nok tilbake,
sjefen er grei, og jeg blir frisk om et par måneder").

Shared by the intent classifier inside Rasa (bot/uke8_bot/clause_rankings.py ranks each clause
in the same parse, so no extra round trip is needed) and the action server (which reads those
rankings by span): both must split alike, so this module uses the standard library only and
runs on the bot's Python 3.10 too. Spans, not texts, travel in the parse: the tracker keeps no
extra copy of the person's words.
"""
from __future__ import annotations

import re

# Commas and full stops (not inside numbers: "2,5 måneder"), other sentence marks, and the
# words that join clauses, in bokmål and nynorsk ("og", "men", "fordi", "for", "sidan").
_BOUNDARY = re.compile(
    # (not after a short form: "verken bra el. dårlig", "ca. 2 mnd", "evt. lenger")
    # (also a spaced slash or plus, an arrow, and a bracket around words: "usikker / sånn passe",
    # "sjefen grei + 2 mnd", "tilbake -> usikker", "usikker (venter på utredning)"; not "50/50" or "m/ sjef")
    r"(?:[;:!?]|\s+[/+]\s+|\s*(?:->|→|=>)\s*|\s+\((?=[^\W\d])|(?<=\w)\)|(?<!\bel)(?!(?<=\bca)\.\s*(?:\d|en\b|et\b|ei\b|to\b|tre\b|fire\b|fem\b|seks\b|halv\w*))(?<!\bevt)(?<!\bbl)(?<!\bmv)(?<!\bfeks)(?<!\bosv)\.(?!\d)(?!\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|jan|feb|apr|jun|jul|aug|sept?|okt|nov|des)\b)|(?<!\d),|,(?!\d)|\s+[-–]\s+|\n)+\s*"
    # a pictograph ends a thought as a full stop does, and stays with it (its feeling is part of
    # the reading): "100% tilbake 👍 | trenger bare et par uker til"
    r"|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f])\s+(?=\w)"
    # ("forresten" after the verb is an aside inside the clause: "forholdet er forresten sånn passe")
    r"|\s+(?=(?:og|men|fordi|siden|sidan|ettersom|samt|mens|dessuten|vsa)\b)|(?<!\ber)(?<!\be)(?<!\bvar)(?<!\bhar)\s+(?=forresten\b)"
    # punctuation said aloud by someone dictating ("… ledelsen komma vet ikke … punktum"); not the
    # verb ("å komma tilbake", as some dialects and Swedish say it)
    r"|(?<!\bå)(?<!\bvil)(?<!\bkan)(?<!\bskal)(?<!\bska)\s+(?:komma(?!\s+(?:tilbake|tillbaka|tebake|attende|igjen|hem|hjem|ut|inn|til)\b)|punktum)\b[\s.,]*"
    # a numbered answer in the middle of a line ("1. usikker 2. vanskelig 3. over et halvt år"; not a date: "2. mai")
    r"|\s+(?=[2-4]\s*[.):]\s+(?!(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\w*)[^\W\d])"
    # or without a mark, in a message that opens with "1 …" ("1 nei 2 dårlig 3 vet ikke")
    r"|\s+(?=[2-4]\s+[^\W\d])"
    # without punctuation, the boss as the subject of what follows starts a new clause: "kommer
    # tilbake helt klart savner kollegaene | enhetsleder har vært kjempegrei hele veien"
    r"|\s+(?=(?:\w*sjef\w*|\w*leder\w*|\w*leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|formann\w*|rektor\w*)\s+"
    r"(?:har|er|e|var|ringer|sier|seier)\b)",
    re.IGNORECASE,
)
# ("samarbeidet med leder er …", "at sjefen er …": the boss is no new subject after these)
_BEFORE_BOSS_NO_SPLIT = frozenset({"med", "til", "om", "på", "for", "av", "og", "at", "min", "mi", "mitt", "din", "hos", "fra",
                                   "mellom", "enn", "som", "den", "det", "ny", "nye", "gamle", "nærmeste", "men", "der", "gang", "gong",
                                   "når", "da", "då", "fordi", "hvis", "viss", "om", "dersom", "at", "ho", "han", "hun"})
_JOINERS = re.compile(r"^(?:og|men|fordi|siden|sidan|ettersom|så|samt|mens|dessuten|vsa)\b\s*", re.IGNORECASE)
# A piece of only such words is a hedge before the answer, not a clause of its own ("tja, tror
# nok jeg er tilbake om en stund": "tja" alone would read as "usikker").
FILLERS = frozenset({"tja", "tjaa", "tjah", "hmm", "hm", "hmmm", "nja", "vel", "altså", "joa", "ok", "okei", "jaha", "nåja", "såå",
                     # ("Usikker, ærlig talt.", "…, liksom", "…, tbh": how it is said, not what)
                     "ærlig", "ærleg", "talt", "liksom", "honestly", "tbh", "egentlig", "eigentleg",
                     "for", "å", "være", "vere"})  # ("…, for å være ærlig.")
_WORDS = re.compile(r"\w+")
# "sjefen og jeg krangler mye", "jeg og lederen min har god dialog": "og" joins the subject, not
# two clauses. A piece of one such word before "og" stays with what follows.
_SUBJECT_WORDS = re.compile(
    r"^(?:(?:min|mi|mitt|den|ho|han|hun)\s+)?(?:jeg|eg|æ|je|vi|me|\w*sjef\w*|\w*leder\w*|\w*leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|"
    r"kolleg\w*|nærmeste|formann\w*|bas|basen|bassen|rektor\w*|skipper\w*|styrer\w*|styrar\w*|"
    r"(?:de|dei|dem|dom|dæm)\s+på\s+(?:jobben|jobb|kontoret|arbeidsplassen|lageret|avdelingen))(?:\s+(?:min|mi|mitt|vår))?$", re.IGNORECASE)
_SUBJECT_PAIR = re.compile(r"^(?:\w+\s+)?\w+\s+og\s+(?:jeg|eg|æ|je|meg|mæ)$", re.IGNORECASE)
# Fixed pairs joined by "og": "rett og slett", "av og til", "fram og tilbake", "står og faller" are one expression.
_PAIRS = re.compile(r"(?:^|\s)(?:rett|av|fram|frem|nå|no|titt|sånn|litt|opp|ut|hit|vel|til|står|stå|sto|star)$", re.IGNORECASE)
_PAIR_ENDS = {"rett": "slett", "av": "til", "fram": "tilbake", "frem": "tilbake", "nå": "da", "no": "då", "titt": "ofte",
              "sånn": "sånn", "litt": "litt", "opp": "ned", "ut": "inn", "hit": "dit", "vel": "bra", "til": "med",
              "står": "(?:faller|fell)", "star": "(?:faller|fell)", "stå": "falle", "sto": "(?:falt|fall)"}
# "både ja og nei", "både bra og dårlig", "ja og nei": "og" joins two halves of one answer.
_BOTH = re.compile(r"(?:^|\s)(?:både|båe|baade|bade)(?:\s+\w+)?$|^(?:ja|jo|nei)$", re.IGNORECASE)
# Norwegian puts the finite verb second: after a fronted subordinate clause ("hvor lenge jeg er
# borte, …", "om eg kjem tilbake dit, …") the main clause opens with its verb ("…, vet jeg ikke",
# "…, er eg ikkje sikker på", "…, kommer an på operasjonen"). The two are one statement.
_FRONTED = re.compile(r"^(?:\w+\s+)?(?:hvor|kor|kva|hva|om|når|hvis|viss|dersom|hvorvidt|korleis|hvordan)\b", re.IGNORECASE)
_FINITE_FIRST = re.compile(
    r"(?:er|e|æ|var|vet|veit|vett|aner|kommer|kjem|kjæm|avhenger|avheng|blir|bli|vil|har|henger|heng|står|tror|trur|"
    r"må|skal|ska|kan|avgjør|avgjer|bestemmer|styrer)\b", re.IGNORECASE)
# "Og om jeg kommer tilbake, det er jeg usikker på": "det" takes up the fronted whether-clause.
_WHETHER = re.compile(r"^(?:\w+\s+)?(?:om|hvorvidt)\b", re.IGNORECASE)
_IT_THEN_VERB = re.compile(r"(?:det|dette)\s+(?:er|e|vet|veit|vett|blir|aner)\s+(?:jeg|eg|je|æ|i)\b", re.IGNORECASE)
# "om jeg …", "hvis sjefen …": a condition or a question put indirectly, which says nothing on
# its own ("om" before a subject; "om to uker" is a time). Joined by "og" to another, both are
# the fronted part of what follows.
_SUBORDINATE = re.compile(
    r"^(?:om|hvis|viss|dersom|når|hvorvidt)\s+(?:jeg|eg|je|æ|i|det|de|dem|dæm|du|han|hun|ho|vi|me|dere|"
    r"sjefen|lederen|leiaren|arbeidsgiveren|arbeidsgjevaren|legen|behandlingen|behandlinga|operasjonen)\b", re.IGNORECASE)
# A fronted whether-clause that carries its own verdict ("om jeg kommer tilbake er usikkert",
# "om eg kjem attende veit eg ikkje")
_VERDICT_INSIDE = re.compile(r"\s(?:er|e|blir|vert)\s+(?:\w+\s+)?(?:usikkert|uvisst|uklart|uklårt|tvilsomt|et\s+åpent\s+spørsmål)\b"
                             r"|\s(?:vet|veit|vett|aner)\s+(?:jeg|eg|je|æ|i)\s+(?:ikke|ikkje|itj|ikkj)\b", re.IGNORECASE)
# "og sånt", "og slikt", "og så videre", "og lignende": the end of a list, not a new clause.
_AND_SO_ON = re.compile(r"(?:sånt|slikt|sånn|slik|så\s+videre|lignende|liknende|diverse)\b", re.IGNORECASE)
# A short qualifier after a comma belongs to the clause before it: "sjefen var helt ok, ikke noe
# mer å si om det", "eit greitt forhold, ikkje meir enn det", "samarbeidet er greit, verken bra
# eller dårlig". Read alone it is a hedge about nothing.
# One adverb between commas ("…, derimot, …", "…, dessverre, …") starts no clause.
_PARENTHETICAL = re.compile(r"(?:derimot|likevel|altså|dessverre|egentlig|heldigvis|faktisk|imidlertid)\s*,", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?:men\s+)?(?:ikke|ikkje|itj)\s+(?:noe\s+|no\s+|noko\s+)?(?:mer|meir)\b|(?:verken|hverken|korkje|kverken)\b|"
    r"sånn\s+passe\b|bare\s+ok\b|hverken\s+eller\b|nøytral\w*|noytral\w*|middels\b|"
    # "…, ikke bra, ikke dårlig": both halves stay with what they qualify
    r"(?:ikke|ikkje|itj)\s+(?:så\s+)?(?:bra|god|godt|greit)\W+(?:og\s+|men\s+)?(?:ikke|ikkje|itj)\s+|"
    r"(?:ikke|ikkje|itj)\s+(?:så\s+)?(?:dårlig|dårleg|darlig|ille|vanskelig|vanskeleg)\b|"
    r"(?:ikke|ikkje|itj)\s+(?:så\s+)?(?:bra|god|godt|greit)\W*$|"  # ("…, ikke dårlig, ikke bra")
    r"(?:ikke|ikkje|itj)\s+(?:så\s+)?(?:mye|mykje|ofte)\W*(?:$|[,.])|"  # "kontakt er ok, ikke så mye, …"
    r"(?:ikke|ikkje|itj)\s+(?:venn\w*|fiende\w*|uvenn\w*|problem\w*)(?=\s*(?:$|[.!?;]))|(?:ikke|ikkje|itj)\s+(?:venn\w*|fiende\w*|uvenn\w*)\b",
    re.IGNORECASE)  # "ok, ikke venn, ikke problem"
_KNOWN_AFTER = re.compile(r"(?:det\s+)?(?:vet|veit|vett|aner|anar|er|e|avhenger|avheng|kommer\s+an|kjem\s+an)\b", re.IGNORECASE)
# "siden" joins clauses as "because", but "siden januar", "sidan i vår", "siden nyttår" is a time.
_SINCE_TIME = re.compile(
    r"(?:siden|sidan)\s+(?:(?:begynnelsen|starten|midten|slutten)\s+(?:av|på)\s+)?(?:januar|februar|mars|april|mai|juni|juli|august|"
    r"september|oktober|november|desember|jan|feb|aug|sept|okt|nov|des|nyttår|jul|påske|sist|forrige|da|"
    r"konflikten|krangelen|episoden|hendelsen|omorganiseringen|møtet|ulykken|ulykka|operasjonen|i\s+(?:går|fjor|vår|høst|haust|"
    r"sommer|vinter|mars|april|mai|juni|juli|august)|\d|en\s+\w+|ei\s+\w+|et\s+\w+)\b", re.IGNORECASE)
_AGO = re.compile(r"(?:siden|sidan)\b(?=\s*(?:[.!?,;\n]|$|og\b|men\b))", re.IGNORECASE)
_AGO_BEFORE = re.compile(r"\b(?:for|fór)\s+(?:\w+\s+){0,2}\w+\s*$", re.IGNORECASE)  # ("for lenge | siden", "for to uker | siden")
# "og" and one or two more words of the same description before the clause ends ("ryddig og godt",
# "grei og snill") — not a time ("grei og 2 mnd"), which answers another question.
_SHORT_PAIR = re.compile(r"og\s+(?!(?:\w+\s+)?(?:uker?|veker?|mnd|måned\w*|månad\w*|år|lenge|tid)\b)[^\W\d]+(?:\s+[^\W\d]+)?\s*(?:[.!?,;\n]|$)",
                         re.IGNORECASE)
_INLINE_NUMBER = re.compile(r"[2-4]\s*[.):]\s")
# (or from 2 or 3 with a bracket, the questions already answered left out: "2) elendig 3) vet ikke")
_FIRST_NUMBER = re.compile(r"\s*(?:[-–*•]\s*)?(?:1\s*[.):]|[23]\s*\))\s")
# (a number before a unit is a length: "1 mnd 2 uker" is no list)
_NOT_A_LABEL = r"(?!(?:uker?|veker?|mnd|måned\w*|månad\w*|år|dager?|dagar|timer?|prosent|gang\w*|av|til|te|eller|og)\b)"
_INLINE_BARE = re.compile(rf"[2-4]\s+{_NOT_A_LABEL}[^\W\d]", re.IGNORECASE)
_FIRST_BARE = re.compile(rf"\s*(?:q|#)?1\s+{_NOT_A_LABEL}[^\W\d]", re.IGNORECASE)
MAX_CLAUSES = 12  # a long story is read as a whole, not in many small pieces
MIN_LETTERS = 3


def _ends_thought(match: re.Match[str], text: str) -> bool:
    """The boundary is a pictograph's, not a boss starting a clause."""
    return match.start() > 0 and bool(re.match(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f]", text[match.start() - 1]))


_ARROW = re.compile(r"->|→|=>")
_HEADER = re.compile(r"(?:kort\s+(?:oppsummert|fortalt|sagt)|oppsummert|oppsummering|(?:her\s+(?:er|kommer)\s+)?(?:svarene|svara)(?:\s+mine)?|"
                     r"mine\s+svar|svar(?:er|ar)?(?:\s+på\s+(?:alt|alle|spørsmålene|spørsmåla))?)", re.IGNORECASE)
# Words that answer, so a piece holding one is no label before a dash
_ANSWER_WORD = re.compile(r"\b(?:usikker\w*|sikker\w*|bra|godt?|grei\w*|dårlig\w*|dårleg\w*|vanskelig\w*|vanskeleg\w*|ja|nei|vet|veit|"
                          r"ikke|ikkje|itj|kanskje|lite|veldig|sannsynlig\w*|ok|usannsynlig\w*)\b", re.IGNORECASE)


def _is_label(piece: str, match: re.Match[str]) -> bool:
    """"Retur: lite sannsynlig", "Tid – 6 uker": the piece before the boundary names the question
    its answer is for. The answer is ranked alone (the label's words would colour it: "tilbake i
    jobben: usikker" is no return), and combined.pieces puts the label back in front of it."""
    gap = match.group()
    label_words = len(_WORDS.findall(piece.split("\n")[-1].split(".")[-1]))
    most = 4 if ":" in gap or _ARROW.search(gap) else 2 if re.search(r"\s[-–]\s", gap) else 0
    if most == 2 and _ANSWER_WORD.search(piece.split("\n")[-1]):
        return False  # "usikker – kommer an på rehab", "tid usikker – avhenger av …": an answer, then more
    return "\n" not in gap and 0 < label_words <= most


def _keeps_together(text: str, piece: str, match: re.Match[str]) -> bool:
    """Whether the boundary `match` after `piece` joins, not splits: each rule below names the
    expression it keeps in one clause."""
    gap = match.group()
    after = text[match.end():]
    if not gap.strip() and "\n" not in gap and _INLINE_NUMBER.match(after):
        return not _FIRST_NUMBER.match(text)  # only a list that starts at 1 is numbered inline
    if not gap.strip() and "\n" not in gap and re.match(r"[2-4]\s+[^\W\d]", after):
        # a bare number splits only a run that opens with "1 …", and never before a unit ("i 2 uker")
        return not (_INLINE_BARE.match(after) and _FIRST_BARE.match(text))
    if not gap.strip() and "\n" not in gap and not _JOINERS.match(after) and not _ends_thought(match, text) and (
            len(piece.split()) < 3 or piece.split()[-1].lower() in _BEFORE_BOSS_NO_SPLIT):
        return True  # the boss after a preposition or two words is part of the clause, not its start
    and_follows = bool(re.match(r"og\b", after[:3], re.IGNORECASE))  # ("… er både og.": "og" may end the message)
    piece = _JOINERS.sub("", piece, count=1)  # ("…, og lederen og æ har …": the subject follows the joiner)
    if "," in gap and _SUBJECT_PAIR.match(piece):
        return True  # "Sjef og jeg, vi snakker ikke mye": the subject, then what is said of it
    # (not "… er både og. Og jeg blir …": the sentence ended; a plain "Ja. Og …" stays one, as the reading expects)
    if and_follows and (_SUBJECT_WORDS.match(piece) or _BOTH.search(piece) and (not re.search(r"[.!?\n]", gap) or piece.lower() in ("ja", "jo", "nei"))):
        return True  # "sjefen og jeg …": one subject, one clause; "både ja og nei …": one answer
    if and_follows and (pair := _PAIRS.search(piece)) and re.match(
            rf"\s*{_PAIR_ENDS[pair.group(0).strip().lower()]}\b", after[3:], re.IGNORECASE):
        return True  # "eg veit rett og slett ikkje": an expression, not two clauses
    if "," in gap and _FRONTED.match(piece) and (
            _FINITE_FIRST.match(after) or (_WHETHER.match(piece) and _IT_THEN_VERB.match(after))):
        return True  # "kor lenge eg er sjukmeld, veit eg ikkje": a fronted clause and its verb
    if and_follows and not gap.strip() and _SHORT_PAIR.match(after):
        return True  # "samarbeidet er ryddig og godt": two words of one description, not two clauses
    if and_follows and _AND_SO_ON.match(after[3:]):
        return True  # "økonomi og sånt som …": "og sånt" ends a list, it starts no clause
    last_line = piece.split("\n")[-1]
    if re.fullmatch(r"[-–*•]?\s*[1-4]", last_line.strip()) and re.match(r"[.)]", gap):
        return True  # "1. Veldig sannsynlig": a numbered answer keeps its number
    if "?" in gap and _FRONTED.match(piece) and _KNOWN_AFTER.match(after):
        return True  # "Om eg kjem tilbake? Det veit eg ikkje": the question put back, and its answer
    if _SINCE_TIME.match(after) and not gap.strip():
        return True  # "sykmeldt siden januar": when, not because
    if not gap.strip() and _AGO.match(after) and _AGO_BEFORE.search(piece):
        return True  # "det kokte over for lenge siden": ago, not because
    if "," in gap and _PARENTHETICAL.match(after):
        return True  # "Hvor lenge jeg er borte, derimot, er umulig å si": an adverb set off by commas
    if "," in gap and _QUALIFIER.match(after):
        return True  # "helt ok, ikke noe mer": the qualifier stays with what it qualifies
    # "om jeg kommer tilbake og når det skjer, avhenger …": one fronted part, not a claim (unless
    # the part has its verdict already: "Om jeg kommer tilbake er usikkert, og jeg trenger …")
    return bool(and_follows and _SUBORDINATE.match(piece) and len(piece.split()) <= 6 and not _VERDICT_INSIDE.search(piece))


# The two sides of the relationship said after it, as an apposition ("Vi har et godt forhold, meg
# og lederen"): part of the clause before, not a clause of its own (read alone it is no verdict).
_BOSS = r"(?:\w*sjef\w*|\w*leder\w*|\w*leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|ledelsen|leiinga)"
_PAIR_ONLY = re.compile(rf"(?:(?:jeg|eg|je|meg|mæ|æ|me|vi)\s+og\s+(?:(?:min|mi)\s+)?{_BOSS}(?:\s+(?:min|mi))?"
                        rf"|(?:(?:min|mi)\s+)?{_BOSS}(?:\s+(?:min|mi))?\s+og\s+(?:jeg|eg|je|meg|mæ|æ))", re.IGNORECASE)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause with at least MIN_LETTERS letters; one span for the whole
    text when it has no boundary (or too many pieces)."""
    text = text or ""
    spans: list[tuple[int, int, bool]] = []  # (start, end, whether a label names it)
    start, labelled = 0, False
    for match in _BOUNDARY.finditer(text):
        piece = text[start:match.start()].strip()
        if _keeps_together(text, piece, match):
            continue
        if start == 0 and ":" in match.group() and _HEADER.fullmatch(piece):
            start = match.end()  # "Kort oppsummert:", "Svarer på alt:": a heading, no answer
            continue
        if not labelled and piece and _is_label(piece, match):
            start, labelled = match.end(), True  # the label is left out of the span, not dropped
            continue
        spans.append((start, match.start(), labelled))
        start, labelled = match.end(), False
    spans.append((start, len(text), labelled))
    cleaned = []
    for begin, end, after_label in spans:
        piece = text[begin:end]
        joiner = _JOINERS.match(piece) if not after_label else None  # ("samarbeid: så som så" is an answer)
        if joiner:
            begin += joiner.end()
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1] in " .,;:!?\n\t":
            end -= 1
        words = _WORDS.findall(text[begin:end].lower())
        if words and all(word in FILLERS for word in words) and not after_label:  # ("Samarbeid: ok" answers)
            continue
        if sum(ch.isalpha() for ch in text[begin:end]) >= MIN_LETTERS or words in (["ja"], ["jo"]) or after_label and words or (
                not cleaned and words in (["1"], ["2"], ["3"])) or (
                len(words) == 2 and words[0] in ("1", "2", "3", "4") and words[1].isalpha()):  # ("1, og forholdet til sjefen er greit": a digit first answers; "1 ja 2 ok": a numbered short answer)
            # (under a label any answer counts: "Samarbeid: ok", "Tid: 6 mnd")
            # (a plain "Ja." before the rest answers the question asked: actions read it first)
            cleaned.append((begin, end))
    merged: list[tuple[int, int]] = []
    for begin, end in cleaned:
        if merged and _PAIR_ONLY.fullmatch(text[begin:end]):
            merged[-1] = (merged[-1][0], end)  # "…, meg og lederen": the apposition stays with its clause
        else:
            merged.append((begin, end))
    cleaned = merged
    if len(cleaned) < 2 or len(cleaned) > MAX_CLAUSES:
        return [(0, len(text))]
    return cleaned


def clauses(text: str) -> list[str]:
    return [text[begin:end] for begin, end in clause_spans(text)]
