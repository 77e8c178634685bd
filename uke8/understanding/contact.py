"""Contact with the employer as the words tell it (q2): little or none said as a plain fact, and
complaints of the employer or the work together. Folded text (æ/ø/å as ascii)."""
from __future__ import annotations

import re

from uke8.understanding.normalise import fold, normalise

# Little or no contact with the employer, said as a plain fact ("har ikke hatt kontakt med
# arbeidsgiver", "det er lite kontakt", "har snakket lite med leder", "sjefen og jeg har ikke
# snakket sammen på lenge"): neither good nor bad. Not with a complaint beside it ("svarer
# aldri", "bryr seg ikke", "ignorerer meg"), which the classifier reads as difficult.
_LITTLE_CONTACT = re.compile(
    r"\b(?:(?:lite|ingen|inga|null|ikke|ikkje|itj|ikkj|knapt|nesten\s+ikke)\s+(?:(?:noe|no|noko|mye|my|mykje|sa|so|hatt|vaert|vart|vore|blitt|sarlig|serlig|sarleg|spesielt|"
    r"veldig|med|noen|nokon|spesiell|sarskild|sarskilt|serskild|serskilt|fast|jevnlig|jamleg|regelmessig|mer|meir)\s+){0,3}(?:kontakt|prat)"
    # (not the manner of speaking: "snakker ikke pent til meg" is a complaint)
    r"|(?:snakk\w*|prat\w*|hort|hoyrt)\s+(?:\w+\s+){0,2}?(?:lite|lite\s+med|ikke|ikkje)\b(?!\s+(?:samme\s+sprak|same\s+sprak|pent|fint|hyggelig|ordentlig|bra|godt|skikkelig|"
    r"vennlig\w*|respekt\w*|normalt|til\s+meg|til\s+ma)\b)"
    r"|(?:ringer|ringar|ringt|ringa)\s+(?:\w+\s+)?(?:ikke\s+(?:sa\s+)?(?:mye|ofte)|ikkje\s+(?:sa\s+)?(?:mykje|ofte)|sjelden|sjeldan|lite)\b"
    r"|(?:ikke|ikkje|itj|knapt|nesten\s+ikke)\s+(?:snakket|snakka|prata|pratet|hort|hoyrt)\s+(?:(?:sa\s+)?(?:mye|mykje|my|sarlig|stort)\s+)?"
    r"(?:med|sammen|saman|noe|no|noko|fra|ifra|sia|siden|sidan)\b"
    r"|(?:ikke|ikkje|itj|knapt)\s+(?:snakket|snakka|prata|pratet)\s+(?:sa\s+)?(?:mye|mykje|my)\W*$)")
_COMPLAINT = re.compile(
    r"\b(?:(?:ikke|ikkje|itj)\s+(?:noe\s+|no\s+|noko\s+|sa\s+|so\s+)?(?:bra|god|godt)|bryr|bry|ignorer\w*|svarer\s+(?:ikke|aldri)|svarar\s+(?:ikkje|aldri)|aldri|krangl?\w*|konflikt\w*|darlig|dalig|darleg|"
    r"vanskelig|vanskeleg|sur|sint|ille|mobb\w*|kjeft\w*|problem\w*|skuffet|skuffa|lei\s+meg|unngar|unngår|vil\s+(?:ikke|ikkje|itj)|bare\s+mas\w*|skurr\w*|pa\s+kant|"
    r"skrek|skreik|ropte|hylte|brolte|"
    r"respektl\w*|(?:ikke|ikkje|ingen|null|manglende|mangel\s+pa)\s+(?:\w+\s+)?respekt|mistillit\w*|mistru\w*|"
    # no follow-up at all ("Ingen oppfølging i det hele tatt"): left alone, not merely little contact
    r"(?:ingen|inga|null|manglende|ikke\s+no|ikkje\s+noko)\s+oppfolging\w*|"
    # strong words, in dialect too ("heilt ræva", "elendig", "håplaust"); how it feels ("det er tungt")
    r"tungt|trist|sart|vondt|vont|kaldt|iskald\w*|anstreng\w*|odelagt\w*|oydelagt\w*|grater|gret|grin|griner|grinar|rava|ravva|ravvat|raevva|elendig\w*|dritt\w*|haplos\w*|haplaus\w*|forferdelig\w*|forferdeleg\w*|jaevl\w*|javl\w*|katastrof\w*|kjip\w*|tragisk\w*|drama\w*)\b"
    # ("vanskelig å svare på", "vanskeleg å seie": about the question, not the employer)
    r"(?!\s+a\s+(?:svare|svara|si|seie|sei|vite|veta|forklare|forklara|beskrive|skildre)\b)"
    # not on speaking terms, which is more than little contact: "vi snakkar ikkje saman lenger"
    r"|\b(?:snakker|snakkar|snakke|prater|pratar|prate)\s+(?:\w+\s+)?(?:ikke|ikkje|itj)\s+(?:sammen|saman|med\s+(?:hverandre|kvarandre))\b"
    r"|\b(?:sammen|saman)\s+(?:lenger|lengre|meir|mer)\b"
    # "det var ikke hyggelig", "ikkje noko kjekt": unpleasant, not merely little
    r"|\b(?:ikke|ikkje|itj)\s+(?:noe\s+|noko\s+|sa\s+)?(?:hyggelig\w*|kjekt|trivelig\w*)\b|\b(?:ubehagelig\w*|uhyggelig\w*|ekkel\w*)\b"
    # the employer moving to end the job ("de snakket om å avslutte min stilling. Etter det ingen kontakt")
    r"|\b(?:avslutte|avslutta|avvikle|avvikla)\s+(?:min\s+|mi\s+|mitt\s+|den\s+|det\s+)?(?:stilling\w*|arbeidsforhold\w*|kontrakt\w*)\b"
    r"|\b(?:si|sei|sa|sagt|sagde)\s+(?:meg|ma)\s+opp\b|\badvarsel\w*|\bskriftlig\s+advar\w*"
    # no contact, and wanting it so: "… og det er slik eg vil ha det"
    r"|\b(?:slik|sann|sa)\s+(?:jeg|eg|je)\s+vil\s+ha\s+det\b")


def complains(text: str, *, folded: bool = False) -> bool:
    """The words complain of the employer or the work together ("det har skurra lenge")."""
    return bool(_COMPLAINT.search(text if folded else fold(normalise(text))))


def little_contact(text: str) -> bool:
    """The words say there is little or no contact with the employer (complaints or not)."""
    return bool(_LITTLE_CONTACT.search(fold(normalise(text))))
