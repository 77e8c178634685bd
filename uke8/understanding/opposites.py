"""Not the one and not its opposite: the employer described as neither (q2 `verken_eller`).

"ikke venner, ikke fiender", "ikkje bra, ikkje dårleg", "sjefen er ikke snill og ikke slem",
"ikkje uvener, men heller ikkje venner", "not good not bad": a kind word and an unkind one, both
negated, in either order. Both words negated is what makes it the middle; two unkind words
("ikke grei, ikke hyggelig") or two kind ones ("ikke noe problem, og ikke sur") are no middle.
Folded text (æ/ø/å as ascii: "dårlig" reads "darlig"); English words for people who mix them in.
"""
from __future__ import annotations

_NOT = r"(?:ikke|ikkje|ikkj|itj|not)"
_DEGREE = r"(?:(?:sa|so|noe|noko|no|spesielt|saerlig|sarlig)\s+)?"
_THEN = r"(?:(?:og|men|eller|and|but|or)\s+)?(?:heller\s+)?"
_KIND = r"(?:god|godt|gode|bra|greit|grei|snill|snille|hyggelig|hyggeleg|venn?(?:er|ene|ar|ane)?|good|nice|kind|friends?)"
_UNKIND = (r"(?:darlig|dalig|darleg|vanskelig|vanskeleg|ille|vondt|vont|vond|slem|slemme|sur|uvenn?(?:er|ene|ar|ane)?|fiende\w*|problem\w*"
           r"|bad|enem(?:y|ies))")
_NEGATED = rf"{_NOT}\s+(?:heller\s+)?{_DEGREE}"

NOT_EITHER = rf"\b{_NEGATED}(?:{_KIND}\W+{_THEN}{_NEGATED}{_UNKIND}|{_UNKIND}\W+{_THEN}{_NEGATED}{_KIND})\b"
