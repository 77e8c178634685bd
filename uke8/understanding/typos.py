"""One-slip typos in the words the reading rules look for ("tilbke", "månder", "vanskeilg",
"elendgi", "sykemledt"): read as the word meant, so a tired person's answer is not lost on a
swapped letter. Used by `normalise` (the rules). The classifier corrects its word features
against its own training vocabulary the same way (option `spelling`,
bot/uke8_bot/intent_classifier.py); the rules have no vocabulary, so they get this short list.

Only long key words (six letters or more) are corrected, and only from a word of five letters
or more that is one deletion, insertion, substitution or swap of neighbours away (Damerau
distance 1, found the SymSpell way through the words with one letter deleted). Real words that
sit that close to a key word are never corrected ("kommet", "forholde", "operasjoner"): the
list below is short and only holds key words whose near neighbours change nothing the rules
read. A full spelling dictionary (hunspell-no through spylls) was not used: it would need a
data file loaded at import in a module that is kept free of I/O, and it corrects every word,
which for dialect and nynorsk spellings ("sjukmeld", "kjem", "veit") is wrong more often than
right.
"""
from __future__ import annotations

import re
from functools import lru_cache

from uke8.understanding.folding import fold

# The words the rules read, as written in full (bokmål and nynorsk).
KEY_WORDS = (
    "tilbake", "sannsynlig", "sannsynleg", "usannsynlig", "usannsynleg", "vanskelig", "vanskeleg", "sykmeldt", "sykemeldt", "sykmelding",
    "sykmeldingen", "sjukmeldt", "måneder", "månader", "måneden", "samarbeid", "samarbeidet", "arbeidsgiver", "arbeidsgiveren",
    "arbeidsgjevar", "arbeidsgjevaren", "forholdet", "relasjonen", "elendig", "håpløst", "operasjon", "operasjonen", "behandling",
    "behandlingen", "psykolog", "psykologen", "psykiater", "fysioterapeut", "kanskje", "usikker", "usikkert", "lederen", "leiaren",
    "sjefen", "dialog", "dialogen", "krangel", "krangling", "konflikt", "konflikten", "nevrolog", "undersøkelse", "undersøkelser",
    "hjernerystelse", "rehabilitering", "avhenger", "avheng", "kjempegrei", "supergrei", "fantastisk", "forferdelig", "skikkelig",
)
# Real words one slip from a key word: left as they are.
_REAL_NEIGHBOURS = frozenset(fold(word) for word in (
    "forholde", "forholder", "forholdt", "operasjoner", "behandlinger", "konflikter", "psykologer", "psykiatere", "sjefene", "sjefer",
    "ledere", "lederne", "lederen", "dialoger", "samarbeide", "samarbeider", "samarbeida", "avhengig", "avhenge", "usikre", "måneders",
    "månedene", "kranglet", "krangler", "kranglar", "krangla", "sykmeldte", "sykmelder", "sykmelde", "nevrologer", "undersøke",
    "psykologi", "operasjons", "tilbakes", "leiarane", "fantastiske", "skikkelige", "elendige", "vanskelige", "usikkerhet",
    "sikker", "sikkert", "sikre", "avhang", "arbeidsgivere", "lederens", "sjefens", "månaden",
))
_MIN_LENGTH = 5
_WORD = re.compile(r"[^\W\d_]{5,}")


def _deletes(word: str) -> list[str]:
    # In the order of the letter left out, never a set: the first correction found must not
    # depend on the process's hash seed (a set's order does, and "usannsynleg" was once read as
    # "sannsynleg" in one process and left alone in another)
    return list(dict.fromkeys(word[:i] + word[i + 1:] for i in range(len(word))))


_KEYS = {fold(word): word for word in KEY_WORDS}
_BY_DELETE: dict[str, str] = {}
for _folded, _word in _KEYS.items():
    for _short in _deletes(_folded):
        _BY_DELETE.setdefault(_short, _word)


@lru_cache(maxsize=16384)
def corrected(token: str) -> str:
    """The key word `token` is one slip from, or `token` itself."""
    folded = fold(token)
    if len(folded) < _MIN_LENGTH or folded in _KEYS or folded in _REAL_NEIGHBOURS or folded[-1] == "s" and folded[:-1] in _KEYS:
        return token  # (a key word's genitive is no slip: "leiarens skyld")
    if folded in _BY_DELETE and len(_BY_DELETE[folded]) >= 6:
        return _BY_DELETE[folded]  # a letter left out: "tilbke", "sykmeldng"
    for short in _deletes(folded):
        if short in _KEYS:
            return _KEYS[short]  # a letter too many: "kneeet" is no key word, "sannsynnlig" is
        if short in _BY_DELETE and _same_slip(folded, fold(_BY_DELETE[short])):
            return _BY_DELETE[short]  # a letter wrong or two swapped: "vanskeilg", "elendgi"
    return token


def _same_slip(typed: str, meant: str) -> bool:
    """One substitution, or two neighbours swapped (not a letter moved further)."""
    if len(typed) != len(meant):
        return False
    diffs = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
    return len(diffs) == 1 or len(diffs) == 2 and diffs[1] == diffs[0] + 1 and typed[diffs[0]] == meant[diffs[1]] and typed[diffs[1]] == meant[diffs[0]]


def correct_typos(text: str) -> str:
    """`text` (lower-cased) with each one-slip typo of a key word written in full."""
    return _WORD.sub(lambda m: corrected(m.group()), text)
