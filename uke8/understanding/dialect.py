"""Common nynorsk and dialect spellings of the small words that carry an answer, as bokmål.

"Æ kjæm itj tebake" and "eg kjem ikkje attende" say what "jeg kommer ikke tilbake" says, but
share no word with it: a word-count model then reads the one word it knows ("tilbake") and
misses the negation. The classifier's word features (option `dialect`) see each of these
tokens as its bokmål word; its character n-grams still see the text as written.

Only words that mean one thing here: "e" (jeg or er), "no" (nå or English no), "me" (vi or
meg) and "a" are left alone. Keys are lower case as typed; `bokmal_word` also knows the phone
spellings ae/oe/aa of a key with æ/ø/å ("kjaem"). A one-letter key is never folded: "æ" is jeg,
but folded it would be "a", and "å" folds to "a" too.
"""
from __future__ import annotations

BOKMAL: dict[str, str] = {
    # I, me, you
    "eg": "jeg", "æ": "jeg", "ej": "jeg", "mæ": "meg", "mej": "meg", "dæ": "deg",
    # not, never
    "ikkje": "ikke", "ikkj": "ikke", "itj": "ikke", "ittj": "ikke", "ikk": "ikke", "ik": "ikke", "ikje": "ikke",
    "kje": "ikke", "inte": "ikke", "innte": "ikke", "aldrig": "aldri", "itte": "ikke", "ittje": "ikke", "je": "jeg",
    # come, go back
    "kjem": "kommer", "kjæm": "kommer", "kjæmm": "kommer", "kjømm": "kommer", "kome": "komme", "kåmme": "komme",
    "tebake": "tilbake", "tibake": "tilbake", "attende": "tilbake", "tilbakers": "tilbake",
    "byrja": "begynne", "byrje": "begynne", "byrjar": "begynner", "begynnar": "begynner",
    # think, know, believe
    "trur": "tror", "trure": "tror", "veit": "vet", "vett": "vet", "vetta": "vet", "vøtt": "vet", "vøtte": "vet", "skjønar": "skjønner",
    "ska": "skal", "sku": "skulle", "vert": "blir", "verte": "bli",
    "heilt": "helt", "heile": "hele", "berre": "bare", "mykje": "mye",
    "kva": "hva", "ka": "hva", "korleis": "hvordan", "koss": "hvordan", "kor": "hvor", "kordan": "hvordan",
    "åssen": "hvordan", "åsså": "også", "nåe": "noe", "vøri": "vært", "vøre": "være",
    "kven": "hvem", "kem": "hvem", "kvifor": "hvorfor", "korfor": "hvorfor", "kofor": "hvorfor",
    "noko": "noe", "nokon": "noen", "nokre": "noen", "nåkka": "noe", "nåkke": "noe", "meir": "mer",
    "sjøl": "selv", "sjølv": "selv", "frå": "fra", "ifrå": "ifra", "te": "til", "tå": "av",
    "gjer": "gjør", "gjere": "gjøre", "vere": "være", "vore": "vært", "fekk": "fikk",
    "sei": "si", "seier": "sier", "snakkar": "snakker", "høyrer": "hører",
    # the job and the people there
    "arbeidsgjevar": "arbeidsgiver", "arbeidsgjevaren": "arbeidsgiveren", "arbeidsgjevarar": "arbeidsgivere",
    "leiar": "leder", "leiaren": "lederen", "sjæf": "sjef", "sjæfen": "sjefen", "stillinga": "stillingen", "jobbar": "jobber",
    # likely, bad, good
    "sannsynleg": "sannsynlig", "usannsynleg": "usannsynlig", "truleg": "trolig", "eigentleg": "egentlig",
    "dårleg": "dårlig", "vanskeleg": "vanskelig", "skikkeleg": "skikkelig", "greitt": "greit", "uviss": "usikker",
    # spelt as heard (dyslexia, hurry): "sansynlig", "kansje", "vanskli", "arbeidsgjiver"
    "sansynlig": "sannsynlig", "sansynli": "sannsynlig", "sannsynli": "sannsynlig", "usansynlig": "usannsynlig",
    "veldi": "veldig", "kansje": "kanskje", "kansj": "kanskje", "vanskli": "vanskelig", "vansklig": "vanskelig",
    "vanskeli": "vanskelig", "umogleg": "umulig", "umuleg": "umulig", "arbeidsgjiver": "arbeidsgiver", "arbeidsgjiveren": "arbeidsgiveren", "månd": "måned",
    # time
    "veke": "uke", "veker": "uker", "vekene": "ukene", "veka": "uka", "veko": "uker", "vekor": "uker", "vekå": "uker", "månad": "måned", "månader": "måneder",
    "månadar": "måneder", "lengje": "lenge", "sjukmeld": "sykmeldt", "sjukmeldt": "sykmeldt",
    "sjukemeldt": "sykmeldt", "sjukmelding": "sykmelding", "sjukmeldinga": "sykmeldingen",
    "behandlinga": "behandlingen", "ventar": "venter", "venta": "vente",
    # Swedish and Danish that only the classifier reads (the rest: NEIGHBOUR_WORDS below)
    "chef": "sjef", "sjukskrivning": "sykmelding", "sygemelding": "sykmelding", "sykemeldt": "sykmeldt", "uge": "uke",
    "säker": "sikker", "säkert": "sikkert", "troligt": "trolig", "nog": "nok", "svår": "vanskelig", "snäll": "snill",
    "några": "noen", "nogle": "noen", "läkaren": "legen", "lægen": "legen", "samarbetar": "samarbeider", "samarbete": "samarbeid",
    "samarbejde": "samarbeid", "samarbejdet": "samarbeidet", "dårligt": "dårlig", "skidt": "dårlig", "mindst": "minst",
    "mere": "mer", "inget": "ikke",
    # English words that carry an answer in mixed writing ("kinda usikker", "kommer back", "depends på")
    "unsure": "usikker", "back": "tilbake", "depends": "avhenger", "likely": "sannsynlig", "toxic": "vanskelig",
    "awesome": "kjempebra", "supportive": "støttende", "strict": "streng",
}


# Swedish and Danish, as neighbours living here write ("jag kommer tillbaka", "Nej, knappast",
# "ved ikke hvor længe"): read as bokmål by the classifier's word features and, through
# `normalise`, by the rules too. One list for both.
NEIGHBOUR_WORDS: dict[str, str] = {
    "inte": "ikke", "nej": "nei", "jag": "jeg", "hur": "hvor", "länge": "lenge", "længe": "lenge", "kanske": "kanskje",
    "måske": "kanskje", "knappast": "neppe", "usandsynligt": "usannsynlig", "usandsynlig": "usannsynlig",
    "osannolikt": "usannsynlig", "sandsynligt": "sannsynlig", "sandsynlig": "sannsynlig", "sannolikt": "sannsynlig",
    "tillbaka": "tilbake", "tilbage": "tilbake", "chefen": "sjefen", "arbejdsgiver": "arbeidsgiver",
    "arbejdsgiveren": "arbeidsgiveren", "arbetsgivare": "arbeidsgiver", "arbetsgivaren": "arbeidsgiveren",
    "sygemeldt": "sykmeldt", "sjukskriven": "sykmeldt", "veckor": "uker", "vecka": "uke", "uger": "uker",
    "dålig": "dårlig", "dåligt": "dårlig", "svårt": "vanskelig", "beror": "avhenger", "afhænger": "avhenger",
    "behöver": "trenger", "månader": "måneder", "när": "når", "väntar": "venter", "jättebra": "kjempebra", "mycket": "mye",
    "varken": "verken", "överens": "overens", "relation": "relasjon", "meget": "veldig",
    # the boss in English, as in mixed writing ("Bossen og jeg …", "min manager er både og")
    "boss": "sjef", "bossen": "sjefen", "manager": "leder", "manageren": "lederen",
    # "sekker" for "sikker" in Trøndelag and the north ("Æ e itj sekker")
    "sekker": "sikker", "sekkert": "sikkert",
    "bråkar": "krangler", "bråkade": "kranglet", "osams": "uenige",
    "är": "er", "troligt": "trolig", "osäker": "usikker", "oklart": "uklart", "sådär": "middels", "usel": "elendig",
    "schyst": "grei", "sød": "snill", "forstående": "forståelsesfull", "lätt": "lett", "göra": "gjøre",
    "stöttande": "støttende", "varit": "vært", "jättesnäll": "kjempesnill", "eftersom": "ettersom", "hemma": "hjemme",
    "bara": "bare", "svær": "vanskelig",
    # English in mixed writing ("not sure om jeg kommer tilbake", "definitely tilbake", "impossible å jobbe med")
    "sure": "sikker", "not": "ikke", "definitely": "definitivt", "impossible": "umulig", "chance": "sjanse", "low": "lav",
}
BOKMAL.update(NEIGHBOUR_WORDS)

_STAND_INS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_LOOKUP: dict[str, str] = {**{k.translate(_STAND_INS): v for k, v in BOKMAL.items() if len(k) > 1}, **BOKMAL}


def bokmal_word(token: str) -> str:
    """The bokmål word for a lower-case token, or the token itself."""
    return _LOOKUP.get(token, token)
