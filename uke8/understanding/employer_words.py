"""The employer by any name, and working with them called hard in so many words (q2, folded text:
æ/ø/å as a/o/a). patterns.py reads these beside its other rules; clause_signals.py and
clause_subjects.py find the boss in a clause with BOSS and BOSS_WORDS."""
from __future__ import annotations

import re

# The boss by any name: in compounds too ("avdelingslederen", "butikksjefen"), "bas", "formannen".
BOSS_WORDS = (r"\w*sjef\w*|\w*leder\w*|\w*ledern|\w*leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|ledels\w*|leiing\w*|"
              r"formann\w*|bas|basen|bassen|manager\w*|\w*leader\w*|teamlead\w*|rektor\w*|skipper\w*|styrer\w*|styrar\w*|eier\w*|eigar\w*|rederi\w*|hr|ag|"
              # the top of an organisation, for those who lead others themselves ("Direktøren har vært tålmodig")
              r"direktor\w*|styret|styreleder\w*|styreleiar\w*|radmann\w*|bestyrer\w*|oppdragsgiver\w*|"
              r"\w*mester\w*|overordne\w*|\w+ansvarlig\w*")  # ("lærlingansvarlig", "personalansvarlig")
BOSS = re.compile(rf"\b(?:{BOSS_WORDS})\b")  # the boss by any name, in folded text

# Hard to work with the employer, said outright ("umogleg å samarbeide med", "ikke lett å
# samarbeide med"), or never getting on ("sjefen og jeg har aldri gått godt sammen"): difficult.
# The classifier hears "samarbeide" and says good.
HARD_TO_WORK_WITH = (r"(?<!ikke )(?<!ikkje )(?<!itj )\b(?:umulig|umogleg|umuleg|vanskelig|vanskeleg|tungt|ille|forferdelig|vrien|vrient|vrang|"
                      r"krevende|krevjande|slitsom|slitsomt|haplos|haplost|stri|tung|tungvint|"
                      r"(?:ikke|ikkje|itj)\s+(?:sa\s+)?(?:lett|enkelt|greit))\s+a\s+(?:samarbeide|samarbeida)\b"
                      r"|\b(?:far|fatt|klarer|klarar|greier|greiar|kan)\s+(?:vi\s+|me\s+)?(?:ikke|ikkje|itj|aldri)\s+(?:til\s+)?(?:a\s+)?samarbeid\w*"
                      # "samarbeidet fungerer ikke", "vi samarbeider ikke" (not "… ikke så mye": little contact)
                      r"|\bsamarbeid\w*\s+(?:fungerer|fungerar|funker|funkar|gar)\s+(?:ikke|ikkje|itj)\b(?!\s+(?:sa\s+)?(?:darlig|dalig|verst|mye|mykje|ofte))"
                      r"|\b(?:vi|me)\s+samarbeid\w*\s+(?:ikke|ikkje|itj)\b(?!\s+(?:sa\s+)?(?:darlig|dalig|verst|mye|mykje|ofte))"
                      # at odds: "har vore på kant sidan i sommar"
                      r"|(?<!ikke )(?<!ikkje )(?<!itj )(?<!aldri )(?<!ikke vart )(?<!ikkje vore )(?<!aldri vart )(?<!aldri vore )\bpa\s+kant\b"
                      # problems with the boss, or "we": "vi har problem", "problemer med lederen"
                      rf"|\b(?:vi|me|(?:{BOSS_WORDS})\s+og\s+(?:jeg|eg|je|meg)|(?:jeg|eg|je|meg)\s+og\s+(?:{BOSS_WORDS}))\s+har\s+(?:(?!ingen|ikke|ikkje|null|noe|noko|aldri)\w+\s+)?(?:problem\w*|konflikt\w*)"
                      rf"|(?<!\bingen )(?<!\bnull )(?<!\bno )(?<!\bnoe )(?<!\bnoko )(?<!\bhatt )(?<!\bnoen )(?<!\bnon )(?<!\bnokon )\b(?:problem\w*|konflikt(?:er|ar)?)\s+(?:med|mellom)\s+"
                      # ("konflikt med nærmeste leder", "problemer med den nye sjefen"; not "konflikten med sjefen",
                      # which names the reason q3_grunn asks for as often as it rates the employer)
                      rf"(?:meg\s+og\s+)?(?:min\s+|mi\s+)?(?:(?:den|det|nye|ny|narmeste|naermeste|naeraste|naraste|overordna|overordnede)\s+){{0,2}}(?:{BOSS_WORDS})\b"
                      # "hun bryr seg null", "får aldri svar"
                      r"|\bbryr\s+(?:seg|sei)\s+(?:\w+\s+)?(?:ikke|ikkje|itj|null|fint\s+lite|katta|fanden|ein\s+dritt|en\s+dritt)\b(?!\s+(?:sa|so)\s+(?:mye|mykje|veldig))"
                      r"|\b(?:far|fatt|fikk|fekk)\s+aldri\s+(?:noe\s+|noko\s+)?svar\b|\bsvar(?:er|ar)\s+aldri\b"
                      # people who have been difficult: "dem på jobben har vært vanskelige", "ledelsen er umulige"
                      # (the employer or "they" as the subject: "været har vært forferdelig" is the weather)
                      rf"|\b(?:{BOSS_WORDS}|han|hun|ho|hu|de|dei|dem|dom|dam|jobben|kontoret|firmaet|kommunen|bedriften)\s+"
                      r"(?:har\s+)?(?:vart|vaert|vore|er|e|blitt|vorte)\s+(?:sa\s+|veldig\s+|litt\s+|helt\s+|heilt\s+|ganske\s+)?"
                      r"(?:vanskelige|vanskelege|umulige|umoglege|umulig|umogleg|umuleg|ufine|frekke|slemme|kjipe|kjip|sure|kalde|ubehagelig\w*|"
                      r"forferdelig\w*|grusom\w*|ekkel|ekle|frekk|slem|ufin|sjofel\w*|urettferdig\w*)\b"
                      r"(?!\s+(?:tider|dager|dagar|uker|veker|maneder|manader|ar|tida|perioder|ting|saker|oppgaver))"
                      # (hard to reach is not hard to work with: "HR er vanskelige å få tak i"; "umulig å få tak i" is)
                      r"(?!(?:(?<=vanskelig)|(?<=vanskelige)|(?<=vanskeleg)|(?<=vanskelege))\s+a\s+(?:fa\s+tak\s+i|na|fa\s+(?:kontakt|svar)|ringe|treffe|fa\s+fatt\s+pa)\b)"
                      # not speaking to me, as something they do ("Leder snakker ikke med meg", "… og snakket ikke
                      # med meg"): more than little contact ("har ikke snakket med meg siden", "snakker ikke så ofte")
                      r"|(?<!\bjeg )(?<!\beg )(?<!\bvi )(?<!\bme )\b(?:snakker|snakkar|snakket|snakka|prater|pratar|pratet|prata)\s+(?:ikke|ikkje|itj)\s+(?:lenger\s+|lengre\s+)?(?:med|til)\s+(?:meg|ma)\b"
                      r"(?!\s+(?:om|sia|siden|sidan|pa\s+lenge|sa\s+ofte|sa\s+mye|ofte|mye|mykje)\b)"
                      # "sjefen gir blanke i meg", "dei driter i meg"
                      r"|\b(?:gir|gjer|gi|gav|ga)\s+(?:\w+\s+)?(?:blanke|blaffen|faen|f)\s+i\s+(?:meg|ma|oss)\b|\b(?:driter|dritter|drit)\s+i\s+(?:meg|ma)\b"
                      # "samarbeidet med rektor har vore tungt lenge" (no "ikke" on the way)
                      r"|\b(?:samarbeidet|samarbeidet\s+vart|forholdet|relasjonen|tonen)\s+(?:(?!ikke\b|ikkje\b|itj\b)\w+\s+){0,4}?"
                      r"(?:vore|vaert|vart|blitt|vorte|er|e|var)\s+(?:sa\s+|veldig\s+|litt\s+|ganske\s+|heilt\s+|helt\s+)?"
                      r"(?:tungt|tung|vanskelig|vanskeleg|darlig|darleg|elendig|ille|anstrengt|kjolig|kaldt|dritt|jafla|forferdelig)\b"
                      # gone down the drain since: "etter at ny leder kom har alt gått rett i dass"
                      r"|\b(?:alt|det|samarbeidet|forholdet)\s+(?:har\s+)?(?:gatt|gar|gikk|gjekk)\s+(?:rett\s+)?(?:i\s+dass|i\s+vasken|til\s+helvete|rett\s+vest|i\s+grofta|nedover)\b"
                      # like oil and water, cat and dog: "Kjøkkensjefen og jeg er som olje og vann"
                      r"|\bsom\s+(?:olje\s+og\s+vatn|olje\s+og\s+vann|hund\s+og\s+katt)\b"
                      # at each other's throats: "lederen min og jeg har gått i tottene på hverandre", "ryk i tottene"
                      r"|\bi\s+tottene\s+pa\s+(?:hverandre|kvarandre)\b|\b(?:ryker|ryk|rauk|rok)\s+(?:stadig\s+|ofte\s+)?i\s+tottene\b"
                      # not on speaking terms: "har itj vært på talefot på fleire år"
                      r"|\b(?:ikke|ikkje|itj|aldri)\s+(?:\w+\s+){0,2}(?:pa|po)\s+talefot\b"
                      # "Lederen min og jeg har aldri fungert godt sammen"
                      r"|\b(?:aldri|ikke|ikkje|itj)\s+(?:\w+\s+)?(?:fungert|fungerer|fungerar|funka|funket|funker|funkar)\s+(?:(?:sa\s+|spesielt\s+)?(?:godt|bra)\s+)?(?:sammen|saman)\b"
                      r"|\b(?:aldri|ikke|ikkje|itj)\s+(?:\w+\s+)?(?:gatt|kommet|kommi|komme|kome|gikk|gjekk|gar)\s+"
                      r"(?:(?:sa\s+)?(?:godt|bra)\s+)?(?:overens|(?<=godt )(?:sammen|saman|ihop)|(?<=bra )(?:sammen|saman|ihop))\b")
