"""A few answer patterns a careful reader never misreads, checked before the classifier.

Word-count models are weak exactly where Norwegian answers flip meaning with one small word
("ikke under 26 uker", "korkje godt eller vanskeleg") or on word order ("om jeg kommer tilbake,
vet jeg ikke"). Only patterns that are unambiguous in the context of the open question live
here, each with its tests (tests/unit/test_reading_rules.py, test_reading_by_words.py);
everything else is left to the classifier and its thresholds. Each was found by reading the
misses of an evaluation set, and each new blind set is measured before its lines are read.
"""
from __future__ import annotations

import re

from uke8.understanding.normalise import fold, normalise
from uke8.understanding.contact import complains, little_contact
from uke8.understanding.opposites import NOT_EITHER
from uke8.understanding.plain_verdicts import PLAIN_VERDICTS
from uke8.understanding.employer_words import BOSS_WORDS, HARD_TO_WORK_WITH


_NOT = r"\b(?:ikke|ikkje|ikkj|itj|ikk|ik|kje|nok ikke)"
_HALF_YEAR = r"(?:26\s*(?:uk|vek)\w*|seks\s*m\w*|6\s*m\w*|et\s*halvt\s*ar|eit\s*halvt\s*ar|halvt\s*ar|halvaret)"
# "ikke under", also with a verb between: "kommer ikke til å bli over 26 uker", "blir nok ikkje
# meir enn eit halvt år".
_VERB = r"(?:(?:til|a|bli|blir|vare|varer|vara|vere|vaere|noe|noko|det|da)\s+){0,4}"
_LONGER = rf"(?:{_NOT}\s+{_VERB}(?:under|mindre\s+enn|mindre\s+enn|kortare\s+enn|kortere\s+enn)\s+{_HALF_YEAR})"
# "trur ikkje det blir før om eit halvt år eller meir": not before half a year is over it
_NOT_BEFORE = rf"(?:{_NOT}\s+{_VERB}(?:for|forr|foer)\s+(?:om\s+|etter\s+|i\s+)?(?:minst\s+)?{_HALF_YEAR})"
_SHORTER = rf"(?:{_NOT}\s+{_VERB}(?:over|mer\s+enn|meir\s+enn|lenger\s+enn|lengre\s+enn)\s+{_HALF_YEAR})"
# "ikke lenge" answers "how long" (but "vet ikke hvor lenge" does not match: "hvor" intervenes).
# Also with where one is between: "blir nok itj borte lenge", "skal ikke være sykmeldt så lenge".
_AWAY = r"(?:(?:borte|vekke|vare|vara|vaere|vere|bli|sykmeldt|sjukmeldt|sjukmeld|hjemme|heime|sa|veldig|altfor|for)\s+){0,3}"
# (not what one cannot afford: "eg kan ikkje vere sjukmeld for lenge" is a worry, no length)
_NOT_LONG = rf"(?<!\bkan )(?<!\bkann )(?<!\bkan jeg )(?<!\bkan eg ){_NOT}\s+{_AWAY}lenge\b"
_NEITHER_GOOD = r"(?:sett|hort|hoyrt|verdsatt|ivaretatt|ivareteken|respektert|anerkjent|forstatt|stottet|stotta|trodd|fulgt\s+opp|tatt\s+vare\s+pa)\b"
_EITHER_OR = (# (not a list of people: "aldri hatt problem med verken leiar eller HR" is no middle)
              # (nor what one knows: "veit eg korkje kor lenge … eller om eg kan gå tilbake" is a doubt)
              rf"\b(?:verken|hverken|korkje|kverken)\b(?!\s+(?:med\s+)?(?:min\s+|mine\s+|den\s+|de\s+|dei\s+)?(?:{BOSS_WORDS}|kolleg\w*|kollega\w*))"
              r"(?!\s+(?:hvor|kor|kvor|om|nar|hva|kva|ka|hvordan|korleis)\b)"
              # (nor what one lacks: "verken sett eller hørt" is a complaint)
              rf"(?!\s+{_NEITHER_GOOD})"
              r".+\b(?:eller|el\.|el(?=\s))"
              # not the one and not its opposite, in either order (opposites.py)
              rf"|{NOT_EITHER}")
# Someone other than the employer as the subject: the doctor, colleagues, the family, NAV
# ("Bedriftshelsetjenesten er supergod, men lederen …": that praise is not for the employer).
OTHER_PARTY = re.compile(r"^(?:(?:min|mi|mitt|mine)\s+)?(?:legen|lege|fastlegen|doktoren|kolleg\w*|bedriftshelse\w*|nav|psykologen|fysio\w*|"
                         r"behandler\w*|sykehuset|sjukehuset|familien|kona|mannen|samboer\w*|barna|venn\w*|kunde\w*|pasient\w*|"
                         r"elev\w*|foreldr\w*|naboen?)\b")
# Some good and some bad about the employer is neither ("noe bra og noe dårlig", "både bra og
# mindre bra", "opp og ned"). Folded text: "noe" reads "no", "dårlig" "darlig", "både" "bade".
_GOOD = r"(?:bra|godt|god|greit|fint|positivt)"
_BAD = r"(?:darlig|dalig|vanskelig|vanskeleg|mindre\s+bra|mindre\s+godt|verre|tungt|negativt|ikke\s+bra|ikkje\s+bra)"
_SOME = r"(?:no|non|litt|noko|delvis|dels)"
# Praise that swings ("Litt opp og ned. Noen uker er hun kjempegrei, andre uker …"): no plain "good"
_SWINGS = re.compile(r"\bopp\s+og\s+ned\b|\bandre\s+(?:uker|dager|ganger|gonger|veker|dagar)\b")
# Nothing to cheer about ("helt greit, uten at det er noe å rope hurra for", "ikke noe å skryte av, men
# ikke verst heller", "ingenting å klage på, men heller ingenting ekstra"): lukewarm, the middle
_LUKEWARM = (r"\b(?:ikke|ikkje|itj|uten\s+at\s+det\s+er|utan\s+at\s+det\s+er)\s+(?:noe|noko|no)\s+a\s+(?:rope\s+hurra\s+for|"
             r"hoppe\s+i\s+taket\s+for|juble\s+for)\b"
             # (alone, "ikke noe å skryte av" is a complaint; with "men ikke verst" beside it, the middle)
             r"|\b(?:ikke|ikkje|itj)\s+(?:noe|noko|no)\s+a\s+skryte\s+(?:av|med)\b.{0,20}\bmen\b.{0,15}\b(?:ikke|ikkje|itj)\s+(?:verst|darlig|darleg|ille)\b"
             # (folded, "noe" reads "no")
             r"|\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+a\s+klage\s+pa\b.{0,30}\b(?:men|heller)\b.{0,20}\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+(?:ekstra|spesielt|meir|mer)\b"
             # one fine, the other "a different matter": "Nærmeste leder er grei, ledelsen over er en annen sak"
             rf"|\b(?:grei|greit|bra|fin|fint|god|ok)\b.{{0,40}}\b(?:{BOSS_WORDS}|personal\w*|de\s+over)\s+(?:\w+\s+){{0,2}}?(?:er|e)\s+(?:en|ei|ein|et|eit)\s+(?:annen|anna|annan|annet)\s+(?:sak|historie|femtilapp)\b"
             # "Har sine sider": both good and bad
             r"|^(?:det\s+)?(?:har|hev)\s+(?:sine|sin)\s+sider\b"
             # "Ingenting å skryte av, ingenting å klage over": the two side by side, in either order
             r"|\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+a\s+(?:skryte|skryta)\s+(?:av|med)\b.{0,25}\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+a\s+klage\s+(?:pa|over)\b"
             r"|\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+a\s+klage\s+(?:pa|over)\b.{0,25}\b(?:ingenting|ikke\s+no|ikkje\s+noko)\s+a\s+(?:skryte|skryta)\s+(?:av|med)\b")
_MIXED = (rf"\b{_SOME}\s+{_GOOD}\b.{{0,40}}\b{_SOME}\s+{_BAD}\b|\b{_SOME}\s+{_BAD}\b.{{0,40}}\b{_SOME}\s+{_GOOD}\b"
          rf"|\bbade\s+{_GOOD}\s+og\s+{_BAD}\b|\bbade\s+{_BAD}\s+og\s+{_GOOD}\b|\bbade[\s-]+og\b"
          # a short reply only: in a longer one "opp og ned" may be the health, not the employer
          r"|^(?:\w+\s+){0,3}(?:opp\s+og\s+ned|blande[td]|blanda|sann\s+passe|midt\s+pa\s+treet)\W*$"
          # or said of the employer or the collaboration: "samarbeidet med arbeidsgiveren er litt opp og ned"
          rf"|\b(?:samarbeid\w*|forhold\w*|relasjon\w*|{BOSS_WORDS})\b(?:\s+\w+){{0,5}}?\s+(?:er|e|har\s+(?:vart|vaert|vore)|gar)\s+"
          r"(?:\w+\s+)?(?:opp\s+og\s+ned|blande[td]|blanda|midt\s+pa\s+treet)\b"
          # fine, but no more than that: "helt ok, ikke noe mer", "grei nok, men ikkje noko meir"
          # (not "blir nok ikkje meir enn ein månad": at most a month, said of the leave)
          r"|\b(?:greit|grei|greitt|ok|okei|fin|fint|bra|(?:grei|god|bra|fin)\s+nok|forhold)\W+(?:men\s+)?(?:ikke|ikkje)\s+(?:(?:noe|no|noko)\s+)?(?:mer|meir)\b(?!\s+enn\s+(?!det\b))"
          r"|\b(?:greit|grei|greitt|ok|okei|okej|fin|fint|bra|nok)\W+(?:men\s+)?(?:ikke|ikkje|inget|inga|ingenting|ingen\s+ting)\s+(?:noe\s+|no\s+|noko\s+)?spes\w*"
          # "…, men heller ikke noe særlig støtte": the praise before it was no more than fine
          r"|^(?:men\s+)?(?:heller\s+(?:ikke|ikkje)|(?:ikke|ikkje)\s+(?:\w+\s+)?heller)\s+(?:no|noko|noen|non|nokon|noka)\s+(?:sarlig|saerlig|serlig|spesiel\w*|stor)\b"
          # "…, men samarbeidet har aldri vore noko særleg": never much, the middle
          r"|^(?:men\s+)?(?:\w+\s+){0,3}?(?:har\s+)?aldri\s+(?:vart|vaert|vore|vorte)\s+(?:no|noko|non|noka)\s+(?:sarlig|saerlig|serlig|sarleg|saerleg|spesiel\w*)\W*$"
          # "helt nøytral", "nøytralt forhold" (folded: "noytral"), "sånn middels"
          r"|\bnoytral\w*|\bmiddels\b"
          # the employer, then "so-so": "sjefen e sånn passe egt", "samarbeidet er så som så"
          rf"|\b(?:{BOSS_WORDS}|samarbeid\w*|forhold\w*|kontakt\w*)\W+(?:\w+\W+){{0,5}}?(?:sann\s+passe|sa\s+som\s+sa|meh|ikke\s+no\s+spes\w*|ikkje\s+noko\s+spes\w*)"
          r"|^(?:\w+\s+){0,2}(?:so-so|soso|so\s+so|sa\s+som\s+sa|meh)\W*$")
# A message that opens by saying it depends ("kommer an på …", "kjem an på …", "avhenger av
# …"), or says plainly that one has no idea or puts it at 50/50, is unsure, whatever the
# medical words after it (which the classifier hears as a reason for q3_grunn). Only at the
# start: "jeg kommer tilbake, det kommer an på når" is left to the classifier.
# (Not what the question means: "Kommer an på hva dere mener med tilbake. Samme stilling? Nei, …",
# "kommer helt an på hvordan man ser det. Jeg er ganske sikker på at …": the answer follows.)
_MEANING = (r"(?!\s+(?:hva|kva|ka)\s+(?:dere|du|de|dokker|man|en|me|vi|nav)\s+(?:mener|meiner|legg\w*)"
            r"|\s+(?:hvordan|korleis|koss|assen)\s+(?:man|en|du|dere|de|me|ein)\s+(?:ser|tolk\w*|regner|reknar)\b|\s+hva\s+som\s+menes)")
_DEPENDS = (r"^(?:(?:tja|hmm|vel|nja|altsa|nei|ja|kanskje)[,.]?\s+)?(?:det\s+|dette\s+|de\s+)?(?:kommer|kjem|kjam|kmr|kommer\s+helt|kjem\s+heilt)\s+ann?\s+pa\b"
            rf"{_MEANING}|^(?:(?:tja|hmm|vel|nja|altsa)[,.]?\s+)?(?:det\s+)?(?:avhenger|avheng|avhengig)\s+(?:av|a)\b{_MEANING}"
            # "Det spørs hvordan behandlingen slår ut" (folded "spors"): it depends
            r"|^(?:(?:tja|hmm|vel|nja|altsa|kanskje)[,.]?\s+)?(?:det\s+|de\s+)?spors\s+(?:hvordan|korleis|koss|om|hva|kva|pa)\b")
# (The text is folded: "æ" and "jæ", dialect for "jeg", read "a" and "ja".)
_NO_IDEA = (r"^(?:(?:jeg|eg|je|ja|a|e)\s+)?(?:har\s+)?(?:ingen|null|inga)\s+(?:anelse|aning|peiling)\b"
            r"(?!\s+(?:om\s+)?(?:hvor\s+lenge|kor\s+lenge|hvor\s+lang|kor\s+lang|nar\b|kor\s+tid))"  # (of how long: q3)
            r"|^(?:(?:tja|hmm|nja)[,.]?\s+)?(?:det\s+er\s+|det\s+e\s+|det\s+)?(?:vanskelig|vanskeleg|umulig|umogleg|umuleg)\s+a\s+"
            r"(?:si|seie|sei|svare|svara|vite|vita)(?:\s+(?:na|no|enda|enno|ennå|akkurat\s+na|forelopig|pa\s+navarende\s+tidspunkt|pa\s+dette\s+tidspunktet|per\s+(?:na|i\s+dag)))?\W*(?:$|[,.]|\s+(?:det|for|fordi)\b)"
            r"|^(?:(?:jeg|eg|je|ja|a|e)\s+)?(?:aner|anar)\s+(?:ikke|ikkje|itj|ikkj)\b"
            r"|^(?:(?:jeg|eg|je|ja|a|e)\s+)?har\s+(?:ikke|ikkje|itj|ikkj)\s+(?:peiling|anelse|aning)\b"
            r"|\b(?:50\s*/\s*50|50\s*-\s*50|50\s+50|femti\s*-?\s*femti|fifty\s*-?\s*fifty)\b")
# Saying that how long is not known ("hvor lenge vet jeg ikke", "kor lenge eg er sjukmeld, veit eg
# heller ikkje", "hvor lenge jeg blir borte er uklart") answers q3 with "usikker", in either order.
_HOW_LONG = (r"(?:\b(?:hvor|kor|kvor|kor\s+sa|assen|hur)\s+(?:lenge|lang\s+tid|lange)\b"
             # the length as a noun ("varigheten av sykmeldingen er jeg usikker på"), or when it ends
             # ("vet ikke når jeg er ferdig sykmeldt", "når eg blir frisk")
             r"|\b(?:varighet\w*|lengden\s+pa\s+sykmelding\w*)\b"
             # "usikker på lengda" (not "i lengden", in the long run)
             r"|(?<!\bi )\b(?:lengden|lengda|lengde)\b(?!\s+(?:pa|av)\s+(?!sykmelding|sjukmelding|sykefravaer|fravaer))"
             r"|\b(?:nar|kor\s+tid)\s+(?:jeg|eg|je|a|e|i)\s+(?:\w+\s+){0,2}?(?:ferdig|frisk\w*|klar|friskmeld\w*)\b)")
_UNKNOWN = (r"\b(?:vet|veit|vett|vott|aner|anar)\s+(?:\w+\s+){0,2}?(?:ikke|ikkje|ikkj|itj|ikk)\b|\b(?:ikke|ikkje|itj)\s+(?:vet|veit|vett)\b|"
            r"\busikker\w*|\busekker\w*|\bi(?<!ikke i)(?<!ikkje i)(?<!itj i)\s+tvil\b|"
            r"\buklar\w*|\buvisst\b|\buviss\b|\bukjent\b|\bikke\s+sikker\b|\bikkje\s+sikker\b|\bvanskelig\s+a\s+si\b|\bvanskeleg\s+a\s+seie\b|"
            r"\bkommer\s+an\s+pa\b|\bkjem\s+an\s+pa\b|\bavheng\w*|\bhenger\s+sammen\b|\bheng\s+saman\b|\bingen\s+(?:anelse|aning|peiling)\b|\bingen\s+(?:som\s+)?(?:vet|veit)\b"
            # "for tidlig å si", "umulig å si", "et åpent spørsmål" (folded: "apent sporsmal")
            r"|\b(?:for|litt|altfor)\s+tidl[ie]g\s+a\s+(?:si|seie)\b|\bumul[ie]g\s+a\s+(?:si|seie)\b|\b(?:apent|ope|opent)\s+sporsmal\b"
            # "… det er helt åpent" (of how long, said after the length: "noen uker eller mange måneder, det er helt åpent")
            r"|\b(?:det|dette)\s+(?:er|e)\s+(?:helt\s+|heilt\s+|fortsatt\s+|framleis\s+)?(?:apent|ope|opent)\W*$")
# (not across a full stop or a line: "Hvor lenge – over 26 uker. Tilbake – usikker.")
_HOW_LONG_UNKNOWN = (rf"{_HOW_LONG}[^.!\n]{{0,60}}(?:{_UNKNOWN})|(?:{_UNKNOWN})[^.!\n]{{0,20}}{_HOW_LONG}"
                     # "Eg veit ikkje om eg kjem tilbake, og heller ikkje kor lenge …": the clause after the comma
                     rf"|^(?:og\s+)?heller\s+(?:ikke|ikkje|itj)\s+{_HOW_LONG}"
                     rf"|(?:{_UNKNOWN}).{{0,60}}\b(?:og|eller)\s+(?:om\s+|pa\s+)?{_HOW_LONG}")  # "… både om jeg kommer tilbake og hvor lenge"
# "Om jeg skal tilbake til samme jobb, vet jeg ikke" (the main clause after the fronted one, its
# verb first): whether one returns is not known. The classifier, which reads words, not their
# order, hears "tilbake til samme jobb" and nothing after the last word's negation.
_RETURN = (r"\b(?:tilbake\w*|tebake|tibake|tebage|tilbage|tillbaka|attende|retur\w*|begynne\w*\s+(?:igjen|att)|byrj\w*\s+att|fortsett\w*|halde\s+fram|"
           r"(?:den|samme|same)\s+jobben|jobben\s+igjen)\b")
# A word between the verb and the doubt ("Jeg er imidlertid usikker på om …", "er også usikker").
_ADVERB = r"(?:imidlertid|dog|ogsa|og|fortsatt|fremdeles|framleis|litt|ganske|veldig|helt|heilt|egentlig|eigentleg|nok|vel|bare|berre|stadig|arlig\s+talt)"
_RETURN_UNKNOWN = (rf"(?:^|[.!?]\s+)(?:\w+\s+)?(?:om|hvorvidt|vis|viss|hvis)\s+.{{0,60}}?{_RETURN}.{{0,40}}?[,\s?]\s*(?:det\s+)?"
                   r"(?:(?:vet|veit|vett|aner|anar)\s+(?:jeg|eg|je|a|e|i)\s+(?:\w+\s+){0,3}?(?:ikke|ikkje|ikkj|itj|ikk)\b"
                   r"|(?:er|e)\s+(?:jeg|eg|je|a|e|i)\s+(?:\w+\s+)?(?:usikker|usikre|ikke\s+sikker|ikkje\s+sikker)\b"
                   # the fronted clause is the subject: "om jeg kommer tilbake er også usikkert"
                   r"|(?:er|e|blir|vert)\s+(?:(?:ogsa|og|heller|helt|heilt|likevel|fortsatt|framleis|fremdeles|enna|enno|veldig|svaert|verkeleg|virkelig|nok|vel|jo|uansett|derimot|mer|meir)\s+){0,2}(?:usikkert|uklart|uvisst|ikke\s+sikkert|ikkje\s+sikkert|(?:et|eit)\s+(?:\w+\s+)?(?:sporsmalstegn|apent\s+sporsmal|ope\s+sporsmal))\b"
                   # or depends: "hvorvidt jeg kommer tilbake, avhenger av om de kan tilrettelegge"
                   r"|(?:helt\s+|heilt\s+)?(?:avheng\w*|(?:kommer|kjem)\s+(?:helt\s+|heilt\s+)?an\s+pa)\b)"
                   # and in plain order: "jeg vet ikke om jeg kommer tilbake til samme jobb"
                   # (a word or two may come first, the subject after the verb, or before "ikke" in a
                   # learner's order: "ærlig talt vet jeg ikke om …", "jeg ikke vet om jeg kan komme tilbake")
                   rf"|^(?:\w+\s+){{0,2}}?(?:(?:jeg|eg|je|a|e|i)\s+)?(?:(?:vet|veit|vett|ved|aner|anar)\s+(?:(?:jeg|eg|je|a|e)\s+)?"
                   rf"(?:\w+\s+){{0,2}}?(?:ikke|ikkje|ikkj|itj|ikk)|(?:ikke|ikkje)\s+(?:vet|veit)|"
                   rf"(?:er\s+|e\s+)?(?:{_ADVERB}\s+)?(?:usikker|usikkert|usikre|\bi(?<!ikke i)(?<!ikkje i)\s+tvil|ikke\s+sikker|ikkje\s+sikker|"
                   rf"(?:vanskelig|vanskeleg|umulig|umogleg|umuleg|for\s+tidlig|for\s+tidleg)\s+a\s+(?:si|seie|sei|vite|vita|svare|svara)"
                   # "Det er eit ope spørsmål for meg om eg kjem tilbake"
                   rf"|(?:et|eit)\s+(?:apent|ope|opent|stort)\s+sporsmal(?:\s+for\s+meg)?))\s*,?\s+(?:\w+\s+){{0,2}}?(?:pa\s*,?\s+)?,?\s*(?:om|hvorvidt)\s+"
                   rf"(?:\w+\s+){{0,6}}?{_RETURN}"
                   # "usikker på en eventuell retur"
                   r"|^(?:\w+\s+){0,6}?(?:usikker|usikre|ikke\s+sikker|ikkje\s+sikker)\s+pa\s+(?:en\s+|ein\s+)?(?:eventuell\s+|mulig\s+)?retur\w*"
                   # wanting to go back, but not knowing: "jeg har lyst tilbake, men vet ærlig talt ikke"
                   r"|\b(?:lyst|vill?\s+gjerne|vill?|ønsker|onsker|haper|håper)\s+(?:a\s+(?:komme|ga|gå)\s+)?(?:tilbake|tebake)\w*\W+men\s+"
                   # (ending there, or going on with whether: "… men vet ikke om de vil ha meg")
                   r"(?:(?:jeg|eg|je)\s+)?(?:vet|veit)\s+(?:\w+\s+){0,2}?(?:ikke|ikkje)(?:\W*$|\s+om\b)")
# Let go, resigned, or the position is gone ("har fått sparken", "er sagt opp", "stillingen min er
# lagt ned"): that job is not there to go back to. Only at the start and without a doubt or a
# negation ("hvis jeg får sparken", "har ikke sagt opp").
_JOB_GONE = (r"^(?:(?:ja|nei|vel)[,.]?\s+)?(?:(?:jeg|eg|je|a|e)\s+)?(?:har\s+|e\s+|er\s+)?(?:(?:fatt|fikk|fekk)\s+sparken|"
             r"(?:blitt|blir|vorte|vart|ble|er)\s+(?:oppsagt|sagt\s+opp|permittert\s+og\s+oppsagt)|sagt\s+opp(?:\s+(?:jobben|stillingen|der))?|"
             r"(?:min\s+)?stilling(?:en|a)?\s+(?:min\s+)?(?:er|blir|ble|vart|er\s+blitt)\s+(?:lagt\s+ned|nedlagt|borte|fjernet|kuttet))\b"
             r"(?!.*(?:\?|\b(?:kanskje|hvis|om|dersom|viss|usikker|vet\s+ikke|veit\s+ikkje)\b))")
# Going back, fronted and denied ("Men tilbake til busselskapet kjem æ ikkje", "tilbake dit går
# jeg aldri"): unlikely. Not "tilbake kommer jeg ikke før i mars", which is about when.
_NOT_BACK = (r"(?:^|[.,!;:]\s*|\b(?:men|og|nei)\s+)(?:tilbake|tebake|tibake|attende)\b(?:\s+\w+){0,3}?\s+blir\s+det\s+(?:nok\s+|vel\s+)?"
             r"(?:ikke|ikkje|itj|neppe|aldri)\b(?!\s+(?:for|forr|foer))|"
             r"(?:^|[.,!;:]\s*|\b(?:men|og|nei)\s+)(?:tilbake|tebake|tibake|attende)\b(?:\s+\w+){0,3}?\s+"
             r"(?:kommer|kjem|kjam|gar|skal|vil|reiser|drar|blir|vert)\s+(?:jeg|eg|je|a|e|i)\s+(?:nok\s+|vel\s+|sikkert\s+|heilt\s+sikkert\s+)?"
             r"(?:ikke|ikkje|ikkj|itj|aldri|neppe)\b(?!\s+(?:for|forr|foer|sa\s+snart|med\s+det\s+forste|pa\s+(?:en|ei)\s+stund))")
# Done with that job, or looking for another, said plainly ("eg e ferdig der", "bas har kasta
# meg ut", "jeg finner ny jobb etterpå", "vil ha ei anna stilling"): unlikely ("ikke ferdig med
# den jobben ennå" says the opposite). Not with a doubt
# beside it ("kanskje jeg må finne en ny jobb", "vurderer ny jobb"), which leaves it open.
_DONE_THERE = re.compile(r"\b(?:ferdig|ferdi)(?<!ikke ferdig)(?<!ikkje ferdig)(?<!itj ferdig)(?<!helt ferdig)(?<!heilt ferdig)\s+(?:der|dar|med\s+(?:den\s+|dei\s+|de\s+)?(?:jobben|plassen|arbeidsplassen|firmaet|bedriften|dem|dei|dom))\b"
               r"|\b(?:kastet|kasta|kaste|sparket|sparka)\s+meg\s+ut\b"
               r"|\b(?:finner|finne|finn|ha|har|skaffe|skaffer|soke|soker|ser\s+etter|se\s+etter|leter\s+etter|leite\s+etter|begynner\s+i|begynne\s+i|"
               r"byrjar\s+i|starter\s+i|fatt|fått)\s+(?:meg\s+)?(?:en\s+|ei\s+|eit\s+|et\s+)?(?:ny|nytt|annen|anna|annan|annet|noe\s+annet|noko\s+anna)\s+"
               r"(?:jobb|arbeid|arbeidsplass|stilling)\b(?!\s+(?:i|hos|pa|ved)\s+(?:samme|same)\b)"
               # "har fått jobb et annet sted", "fekk meg arbeid ein annan stad"
               r"|\b(?:fatt|fikk|fekk|har|skaffet|skaffa)\s+(?:meg\s+)?(?:ny\s+|nytt\s+)?(?:jobb|arbeid|stilling)\s+(?:et|eit|en|ein)\s+(?:annet|anna|annan|nytt)\s+(?:sted|stad)\b")
_DOUBT = re.compile(r"\b(?:kanskje|kanskj|muligens|mulig|kan\s+hende|vurder\w*|tenker\s+pa|tenkjer\s+pa|hvis|viss|dersom|om\s+(?:jeg|eg)|"
                    r"usikker\w*|vet\s+ikke|veit\s+ikkje|kan\s+bli|kommer\s+an|kjem\s+an|avheng\w*|"
                    r"om\s+(?:de|dei|dem|dom|dam|han|hun|ho|vi|dere|firmaet|sjefen|kommunen)|\?)")
# Sure of going back, said outright ("helt sikker på at jeg kommer tilbake …"): likely, whatever
# the classifier makes of the words after it. Not "ikke sikker på …", nor "… at jeg ikke kommer".
_SURE_BACK = (r"^(?:(?:ja|jo)[,.!]?\s+)?(?:(?:jeg|eg|je|a)\s+(?:er|e)\s+)?(?:helt\s+|heilt\s+|100\s*%\s+|hundre\s+prosent\s+|veldig\s+)?"
              r"(?:sikker|trygg)\s+(?:pa\s+)?at\s+(?:jeg|eg|je|a)\s+(?:nok\s+|skal\s+|ska\s+|vil\s+)?"
              r"(?:kommer|kjem|kjam|kome|komme|gar|drar|skal|ska)\s+(?:(?!ikke\b|ikkje\b|itj\b|aldri\b)\w+\s+)?(?:tilbake|tebake|attende|tilbage)\b")
# "Eg er verken sikker på at eg kjem tilbake eller at eg ikkje gjer det": sure of neither.
_SURE_OF_NEITHER = r"\b(?:verken|hverken|korkje|kverken)\s+(?:\w+\s+){0,2}?(?:sikker|sikre|trygg)\b.+\beller\b"
# Choosing the whole period of sick pay is choosing more than half a year (it lasts a year).
_WHOLE_PERIOD = (r"\b(?:hele|heile|ut|resten\s+av)\s+(?:sykepengeperioden|sjukepengeperioden|sykepengeperiode|"
                 r"sykemeldingsperioden|sjukmeldingsperioden|sykmeldingsperioden|sykepengearet|perioden\s+med\s+sykepenger)\b"
                 r"|\b(?:til|ut|nar)\s+(?:maksdato|maks\s+dato|maksdatoen)\b")

# Very good with a strong prefix: "dritbra", "kjempegrei", "knallbra" ("drit" is no complaint
# here). After little contact, which makes even a kind boss neither.
_VERY_GOOD = re.compile(r"(?<!ikke )(?<!ikkje )(?<!itj )\b(?:drit|kjempe|super|knall|mega)(?:bra|god|godt|grei|greit|snill|fin|flink)\b")

HEDGED = "usikker"

# The chance of going back put as a percentage ("sjansen er vel rundt 10 prosent", "90 % sikker",
# "100% 👍"): most of it is likely, little of it unlikely, around half unsure. Not where the
# number is the sick leave or the job ("50 % sykmeldt", "jobber 40 prosent", "80 % stilling").
# "på 50 %", "i 40 prosent", "opp til 80 %": a share of the work, not a chance
# "de 30 prosentene", "dei 20 prosentane": a share already named, of the work (not a chance)
_PERCENT = re.compile(r"(?<![\d,./-])(?<!\bpa )(?<!\bi )(?<!\bmed )(?<!\btil )(?<!\bfra )(?<!\bpo )(?<!\bde )(?<!\bdei )(?<!\bdisse )"
                      r"(\d{1,3})\s*(?:%|prosent\b|pst\b|percent)")
_PERCENT_NOT_CHANCE = re.compile(
    r"\b(?:sykmeld\w*|sjukmeld\w*|sykemeld\w*|gradert\w*|stilling\w*|jobbe\w*|jobbar|arbeider|arbeidar|arbeide|lonn\w*|"
    r"lon|sykepeng\w*|sjukepeng\w*|redusert|deltid|fulltid|uforetryg\w*|aap|dekning|utbetal\w*|start\w*|begynn\w*|byrj\w*|"
    r"jobb|arbeid\w*|prov\w*|hjemme\w*|heime\w*|kontor\w*|timer|timar|dager|dagar|oppgav\w*|gradvis|fullt|trapp\w*|opptrapping\w*)\b")
# "50% om en måned": a share of work from a date, no chance
_PERCENT_FROM = re.compile(r"\d\s*(?:%|prosent\b)\s+(?:\w+\s+)?(?:om|fra|etter|i)\s+(?:en|ei|et|eit|to|tre|fire|\d+|neste|jul|nyttar|paske|sommer\w*)\b")
_NO_DOUBT = re.compile(
    r"^(?:(?:nei|ja|neida|jada)[,.!]?\s+)?(?:(?:jeg|eg|je|a|e)\s+)?(?:tviler|tvilar|tvile)\s+(?:ikke|ikkje|ikkj|itj)\b"
    r"(?:\s+(?:pa|po)\s+(?:det|at\s+\w+\s+(?:kommer|kjem)\s+tilbake))?\W*$"
    r"|^(?:(?:det\s+er\s+)?(?:ingen|inga)\s+tvil)(?:\s+om\s+det)?\W*$")

# "Jeg tror jeg ikke kommer tilbake", "eg ikkje kjem tilbake": the negation before the verb, as
# learners and some dialects put it. Only at the start, so "hvis jeg ikke kommer tilbake …" and
# "kanskje jeg ikke …" stay open.
_NOT_COMING_BACK = re.compile(
    r"^(?:(?:jeg|eg|je|a)\s+(?:tror|trur|tenker|tenkjer|mener|meiner)\s+(?:at\s+)?)?(?:jeg|eg|je|a)\s+(?:nok\s+|vel\s+)?(?:ikke|ikkje|ikkj|itj)\s+"
    r"(?:kommer|kjem|kjam|kommer\s+til\s+a\s+komme|gar|skal|ska|vil)\s+(?:\w+\s+)?(?:tilbake|tebake|attende|tilbage)\b(?!.*(?:\?|\bkanskje\b|\bhvis\b|\bom\b))")

# A flat no with a strong word ("absolutt ikke", "definitivt ikkje", "overhodet ikke", "nei, slett
# ikke", "aldri i livet"): unlikely. The classifier hears the strong word, which usually
# says yes ("absolutt!").
_FLAT_NO = re.compile(
    r"^(?:(?:nei|nope|nai)[,.!]*\s+)?(?:(?:absolutt|definitivt|garantert|slett|overhodet|bestemt|sikkert|heilt\s+sikkert|"
    r"helt\s+sikkert|helt|heilt)\s+(?:ikke|ikkje|ikkj|itj|ik)|aldri\s+i\s+livet|aldri\s+(?:mer|meir)|pa\s+ingen\s+mate)\W*$")


# Not being called or contacted ("har ikke ringt en eneste gang", "ikkje teke kontakt"): heard as
# a complaint, and also the fact of little contact (implied.settle).
def chance_answer(text: str) -> str | None:
    """q1's code for a chance of returning given as a percentage; None when there is none."""
    folded = fold(normalise(text))
    found = [int(n) for n in _PERCENT.findall(folded)]
    if len(found) != 1 or found[0] > 100 or _PERCENT_NOT_CHANCE.search(folded) or _PERCENT_FROM.search(folded) or re.search(_NOT, folded):
        return None
    if found[0] >= 70:
        return "veldig_sannsynlig"
    if found[0] <= 30:
        return "lite_sannsynlig"
    return HEDGED if 40 <= found[0] <= 60 else None

# "Aner ikke om jeg kommer tilbake dit" is no idea about the return, not about how long; "aner
# ikke hvor lenge" is about how long, not the return (the how-long pattern reads that). A
# hedge whose object clause is about another question's topic is no answer to the open one.
_COMPLEMENT = r"\s*[,.]?\s*(?:om|hvis|vis|dersom|at|hvordan|korleis|kossen|hvor|kor|nar|når)\b(?:\s+\S+){0,6}?\s+"
_ABOUT_OTHER: dict[str, re.Pattern[str]] = {
    "q3": re.compile(_COMPLEMENT + r"(?:tilbake\w*|tebake|attende|jobben|jobb|stillingen|arbeidsplassen|sjefen|sjefn|lederen|"
                     r"leiaren|arbeidsgiver\w*|arbeidsgjevar\w*|begynne|byrje|starte)\b"),
    "q1": re.compile(r"\s*[,.]?\s*(?:hvor|kor|kvor)\s+(?:lenge|lang\s+tid)\b"),
}

# (question, pattern, code): the first match wins.
PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("q3", re.compile(_LONGER), "over_26_uker"),
    ("q3", re.compile(_SHORTER), "under_26_uker"),
    ("q3", re.compile(_NOT_BEFORE), "over_26_uker"),
    ("q3", re.compile(_NOT_LONG), "under_26_uker"),
    ("q3", re.compile(_HOW_LONG_UNKNOWN), HEDGED),
    ("q2", re.compile(_EITHER_OR), "verken_eller"),
    ("q2", re.compile(_MIXED), "verken_eller"),
    ("q2", re.compile(_LUKEWARM), "verken_eller"),
    # "arbeidsgiveren har vært alt annet enn støttende": anything but good
    ("q2", re.compile(r"\balt\s+(?:annet|anna|annan)\s+enn\s+(?:stottende|stottande|grei\w*|god\w*|bra|hjelpsom\w*|forstaelsesfull\w*|snill\w*|"
                      r"hyggelig\w*|positiv\w*|imotekommende|fin\w*|lett\w*|samarbeidsvillig\w*)\b"), "vanskelig"),
    ("q3", re.compile(_WHOLE_PERIOD), "over_26_uker"),
    ("q1", _NO_DOUBT, "veldig_sannsynlig"),
    ("q1", _FLAT_NO, "lite_sannsynlig"),
    ("q1", re.compile(_RETURN_UNKNOWN), "usikker"),
    ("q1", re.compile(_SURE_OF_NEITHER), "usikker"),
    # what decides it, named: "Det avgjør også om jeg kommer tilbake", "svaret bestemmer om eg kan gå attende"
    ("q1", re.compile(rf"^(?:og\s+|men\s+)?(?:det|dette|den|svaret|resultatet|mote[nt])\s+(?:\w+\s+)?(?:avgjor|avgjer|bestemmer|bestemmar)\s+"
                      rf"(?:ogsa\s+|og\s+|nok\s+)?(?:om|hvorvidt)\s+(?:\w+\s+){{0,4}}?{_RETURN}"), "usikker"),
    # extraposed: "så er det usikkert om jeg kommer tilbake", "det er uklart om eg kjem attende"
    ("q1", re.compile(rf"\b(?:(?:det|dette)\s+(?:er|e|blir)|(?:er|e|blir)\s+det)\s+(?:(?:fortsatt|framleis|veldig|svaert|helt|heilt|litt|nok|vel|ogsa|hoyst|temmelig|ganske|noksa|rimelig|sa)\s+){{0,2}}"
                      rf"(?:usikkert|uklart|uvisst|ikke\s+sikkert|ikkje\s+sikkert)\s+(?:enna\s+|enno\s+)?(?:om|hvorvidt)\s+(?:\w+\s+){{0,5}}?{_RETURN}"), "usikker"),
    ("q1", re.compile(rf"(?:^|[.!?]\s*)(?:men\s+|og\s+)?(?:om|hvorvidt)\s+(?:jeg|eg|je|a)\s+(?:\w+\s+){{0,2}}?{_RETURN}(?:\W+\w+){{0,6}}?\W+(?:tviler|tvilar)\s+"
                      r"(?:jeg|eg|je|a)\b"), "lite_sannsynlig"),  # "Om jeg kommer tilbake … etterpå tviler jeg på": the doubt said last
    ("q1", re.compile(_JOB_GONE), "lite_sannsynlig"),
    ("q1", re.compile(_NOT_BACK), "lite_sannsynlig"),
    ("q1", _NOT_COMING_BACK, "lite_sannsynlig"),
    # "Ikke så veldig sannsynlig", "ikkje særleg truleg": unlikely (the classifier hears "sannsynlig")
    ("q1", re.compile(r"^(?:(?:nei|tja|hmm)[,.]?\s+)?(?:det\s+er\s+|det\s+e\s+)?(?:ikke|ikkje|itj)\s+(?:sa\s+)?(?:veldig\s+|sarlig\s+|saerlig\s+|"
                      r"sarleg\s+|spesielt\s+|serlig\s+)?(?:sannsynlig|sannsynleg|trolig|truleg)\b(?!\s+at\s+(?:jeg|eg)\s+(?:ikke|ikkje))"),
     "lite_sannsynlig"),
    # "det blir nok vanskelig å komme tilbake til samme jobb"
    # (only opening the clause: after "jeg vil gjerne tilbake, men jeg tror …" it is one side of a doubt)
    ("q1", re.compile(r"^(?:men\s+)?(?:det\s+)?(?:blir|er|vert)\s+(?:nok\s+|vel\s+|veldig\s+|svaert\s+|nok\s+veldig\s+)?(?:vanskelig|vanskeleg|umulig|umogleg|uaktuelt|vrient)\s+"
                      r"a\s+(?:komme|kome|ga|vende)\s+(?:\w+\s+)?(?:tilbake|tebake|attende)\b"), "lite_sannsynlig"),
    # "ganske sikker på at jeg ikke kommer tilbake": sure of not going back (before _SURE_BACK)
    # ("det er nesten helt sikkert at jeg ikke kommer tilbake")
    ("q1", re.compile(r"(?<!ikke )(?<!ikkje )(?<!itj )\b(?:sikker|sikkert|klart|opplagt|trygg|overbevist)\s+(?:pa\s+)?at\s+(?:jeg|eg|je|a)\s+(?:nok\s+)?(?:ikke|ikkje|itj|ikkj|aldri)\s+"
                      r"(?:kommer|kjem|kjam|kome|komme|gar|drar|skal|ska|vil)\s+(?:\w+\s+)?(?:tilbake|tebake|attende|tilbage)\b"
                      # "Når det gjelder å komme tilbake, er jeg ganske sikker på at det ikke blir aktuelt"
                      r"|(?<!ikke )(?<!ikkje )(?<!itj )\b(?:sikker|sikkert|klart|opplagt|overbevist)\s+(?:pa\s+)?at\s+det\s+(?:nok\s+)?(?:ikke|ikkje|itj|aldri)\s+"
                      r"(?:blir|vert|er)\s+(?:aktuelt|noe\s+av|noko\s+av)\W*$"), "lite_sannsynlig"),
    # "Jeg tror nok at jeg kommer tilbake dit" (the classifier heard "tror … tilbake" as the doubting kind)
    ("q1", re.compile(r"^(?:men\s+|og\s+|ja[,.]?\s+)?(?:(?:jeg|eg|je)\s+)?(?:tror|trur|regner\s+med|reknar\s+med)\s+(?:nok|absolutt|sikkert|egentlig|eigentleg)\s+"
                      r"(?:at\s+)?(?:jeg|eg|je)\s+(?:nok\s+)?(?:kommer|kjem|kjam|skal|ska)\s+(?:\w+\s+)?(?:tilbake|tebake|attende)\b"
                      r"(?![^.!?]*\b(?:ikke|ikkje|itj|hvis|viss|dersom|om|men|kanskje)\b)"), "veldig_sannsynlig"),
    # "Vil tro det", "eg vil nok tru det": a yes, modestly put
    ("q1", re.compile(r"^(?:ja[,.]?\s+)?(?:(?:jeg|eg|je)\s+)?vil\s+(?:nok\s+|vel\s+)?(?:tro|tru)\s+det\s*(?:$|[.!,])"), "veldig_sannsynlig"),
    # "det er vel mer sannsynlig at jeg ikke kommer tilbake", "mest truleg at eg ikkje kjem attende"
    ("q1", re.compile(r"\b(?:mer|meir|mest|mere)\s+(?:sannsynlig|sannsynleg|trolig|truleg)\s+at\s+(?:jeg|eg|je|a)\s+(?:\w+\s+)?(?:ikke|ikkje|itj|ikkj|aldri)\s+"
                      r"(?:kommer|kjem|kjam|kome|komme|gar|drar|skal|ska|vil)\s+(?:\w+\s+)?(?:tilbake|tebake|attende|tilbage)\b"
                      # "Når det gjelder å komme tilbake, er jeg ganske sikker på at det ikke blir aktuelt"
                      r"|(?<!ikke )(?<!ikkje )(?<!itj )\b(?:sikker|sikkert|klart|opplagt|overbevist)\s+(?:pa\s+)?at\s+det\s+(?:nok\s+)?(?:ikke|ikkje|itj|aldri)\s+"
                      r"(?:blir|vert|er)\s+(?:aktuelt|noe\s+av|noko\s+av)\W*$"), "lite_sannsynlig"),
    ("q1", re.compile(_SURE_BACK), "veldig_sannsynlig"),
    # "jeg har bestemt meg for å gå tilbake" (the classifier heard "bestemt meg for å gå" as leaving)
    ("q1", re.compile(r"^(?!.*\b(?:ikke|ikkje|itj|ikkj)\s+(?:\w+\s+)?(?:bestemt|bestemd|bestemte)\b)"
                      r".*\b(?:bestemt|bestemd|bestemte)\s+(?:meg|meij|ma)\s+for\s+a\s+(?:ga|komme|kome|begynne|byrje)\s+(?:\w+\s+)?(?:tilbake|tebake|attende|igjen)\b"),
     "veldig_sannsynlig"),
    # a return under a condition: "Hvis operasjonen går som den skal, regner jeg med å komme tilbake"
    # (not where the chance is named after it: "… Jeg anser det derfor som sannsynlig at jeg kommer tilbake")
    ("q1", re.compile(r"^(?!.*\b(?:sannsynlig|sannsynleg)\b)(?:\w+\s+)?(?:hvis|dersom|viss|vis|sa\s+lenge|forutsatt\s+at)\s+(?!(?:du|dere|de|dokker)\s+(?:lurer|lurte|vil\s+vite|spor)\b)[^.!?]{3,80}?,\s*(?:sa\s+)?(?:kommer|kjem|regner|reknar|"
                      r"tror|trur|skal|ska|blir|er|vil)\s+(?:jeg|eg|je|e|a)\s+(?:\w+\s+){0,4}?(?:tilbake|tebake|attende)\b"), "usikker"),
    # "dårlig til å følge opp", "elendig på å ta kontakt": a complaint about what the boss does
    ("q2", re.compile(r"\b(?:darlig|darleg|elendig|sabla\s+darlig)\s+(?:til|pa)\s+a\s+(?:folge|folgje|ta|ringe|ringa|hore|hoyre|lytte|lytta|informere|stille|stilla)\b"), "vanskelig"),
    # "Det er ikke noe samarbeid", "null samarbeid": none to speak of is a complaint
    ("q2", re.compile(r"\b(?:ikke|ikkje|itj)\s+(?:noe|no|noko|noen|non|nokon|mye|mykje)\s+samarbeid\b(?!\s+(?:a\s+klage|problem))|\b(?:null|ingen|inga)\s+samarbeid\b"), "vanskelig"),
    # "lite forståelsesfull", "svært lite hjelpsomme": little of a good thing is a complaint
    ("q2", re.compile(r"\blite\s+(?:forstaelsesfull\w*|forstaingsfull\w*|hjelpsom\w*|stottende|stottande|imotekommende|imotekomande|"
                      r"fleksib\w*|samarbeidsvillig\w*|raus\w*|tilretteleggende)\b"), "vanskelig"),
    # "lav sannsynlighet", "sannsynligheten er liten": the chance named
    ("q1", re.compile(r"\b(?:lav|lave|liten|lita|lite|svak|minimal)\s+sannsynlighet\b|\bsannsynligheten\s+(?:er|e)\s+(?:\w+\s+)?(?:lav|liten|lita|minimal)\b"),
     "lite_sannsynlig"),
    ("q1", re.compile(r"\b(?:hoy|hog|stor|store)\s+sannsynlighet\b|\bsannsynligheten\s+(?:er|e)\s+(?:\w+\s+)?(?:hoy|hog|stor)\b"), "veldig_sannsynlig"),
    # "Null sjanse for at jeg går tilbake dit", "liten sjanse for å komme tilbake": the chance named
    # (not "ingen sjanse for at jeg ikke kommer tilbake", which is the opposite)
    ("q1", re.compile(r"\b(?:null|ingen|inga|minimal|liten|lita)\s+(?:sjanse|sjans|sjangs)\b(?:\s+for\s+(?:at\s+(?:jeg|eg|je|a)\s+|a\s+)"
                      r"(?!(?:\w+\s+)?(?:ikke|ikkje|itj)\b)(?:\w+\s+){0,3}?(?:tilbake|tebake|attende)\b|\W*$)"), "lite_sannsynlig"),
    # "tror ikke det er mulig å komme tilbake (til samme jobb)", "det er ikke realistisk å gå tilbake"
    # (not a time: "ikke mulig å komme tilbake før til sommeren")
    ("q1", re.compile(r"\b(?:ikke|ikkje|itj)\s+(?:\w+\s+){0,3}?(?:mulig|mogleg|muleg|realistisk|aktuelt)\s+(?:for\s+meg\s+)?a\s+(?:komme|kome|ga|vende|begynne)\s+"
                      r"(?:\w+\s+)?(?:tilbake|tebake|attende)\b(?!.*\b(?:for|innen|etter|om\s+(?:en|ei|et|to|tre|noen|nokre|\d))\b)"), "lite_sannsynlig"),
    # "tror sterkt at jeg kommer tilbake", "trur fullt og fast at eg kjem attende"
    ("q1", re.compile(r"^(?!.*\b(?:ikke|ikkje|itj)\b).*\b(?:tror|trur)\s+(?:(?:jeg|eg)\s+)?(?:sterkt|fullt\s+og\s+fast|virkelig|verkeleg)\s+(?:pa\s+)?(?:at\s+)?"
                      r"(?:jeg|eg|je|a)\s+(?:\w+\s+)?(?:kommer|kjem|kjam|skal|ska|kan)\s+(?:\w+\s+)?(?:tilbake|tebake|attende)\b"), "veldig_sannsynlig"),
    # "Det skal mye til for at jeg går tilbake dit": it would take a lot
    # (and with a "not" it takes a lot not to: "Det skal mykje til for at eg ikkje kjem tilbake")
    ("q1", re.compile(r"\bskal\s+(?:\w+\s+)?(?:mye|mykje|mykkje|my|svaert\s+mye|veldig\s+mye)\s+til\s+(?:for\s+)?(?:at\s+)?(?:jeg|eg|je|a)\s+(?:ikke|ikkje|itj)\s+(?:\w+\s+){0,2}?"
                      r"(?:tilbake|tebake|attende)\b"), "veldig_sannsynlig"),
    ("q1", re.compile(r"\bskal\s+(?:\w+\s+)?(?:mye|mykje|mykkje|my|svaert\s+mye|veldig\s+mye)\s+til\s+(?:for\s+)?(?:at\s+)?(?:jeg|eg|je|a)\s+(?:\w+\s+){0,2}?"
                      r"(?:tilbake|tebake|attende)\b"), "lite_sannsynlig"),
    # "tror nok det", "ja, regner med det": I think so, to the question asked
    ("q1", re.compile(r"^(?:(?:ja|jo|tja|nja|hmm|vel)\W+)?(?:(?:jeg|eg|je|a)\s+)?(?:tror|trur|regner\s+med|rekner\s+med)\s+(?:(?:nok|vel|absolutt|sterkt|bestemt|egentlig|eigentleg)\s+)?"
                      r"(?:det|pa\s+det)(?:\s+(?:ja|jo|altsa|egentlig|eigentleg))?\W*$"), "veldig_sannsynlig"),
    # "gleder meg til å komme tilbake", "ser fram til å begynne igjen"
    # (not in irony: "gleder meg SÅ mye til å komme tilbake til den sjefen 🙄 nei takk")
    ("q1", re.compile(r"^(?!.*\b(?:ikke|ikkje|itj|nei\s+takk|liksom)\b)(?!.*[🙄🙃😒]).*\b(?:(?:gleder|gler)\s+(?:meg|mae|ma|meij)\s+(?:til|te)|ser\s+(?:fram|frem)\s+til)\s+(?:a\s+)?"
                      r"(?:komme|kome|ga|begynne|byrje|starte)\s+(?:\w+\s+)?(?:tilbake|tebake|attende|igjen|att)\b"), "veldig_sannsynlig"),
    # "tror ikke det blir noe av (å komme tilbake)": it will not happen
    ("q1", re.compile(r"^(?:\w+\s+){0,3}?(?:(?:jeg|eg|je)\s+)?(?:tror|trur)\s+(?:(?:jeg|eg|je)\s+)?(?:ikke|ikkje|itj)\s+(?:det\s+)?(?:blir|vert)\s+(?:noe|noko|no)\s+av\b"
                      r"(?!\s+(?:det\s+)?(?:sykmeld|sjukmeld|lang|langt))"), "lite_sannsynlig"),
    # wavering about going back: "Jeg vakler frem og tilbake – noen dager tror jeg på å komme
    # tilbake, andre dager ikke" (days told of the return, not of the health)
    ("q1", re.compile(r"^(?:(?:jeg|eg|je|a)\s+)?(?:vakler|vaklar|vingler|vinglar)\b"
                      # (folded: "noen" reads "non")
                      r"|\b(?:non|nokre|nokon)\s+dager?\b[^.!?]{0,60}\b(?:tilbake|tebake|attende)\b[^.!?]{0,40}\b(?:andre|anna)\s+dag(?:er|ar)?\b"), "usikker"),
    # "har ingen planer om å kjempe meg tilbake": no plan to go back
    ("q1", re.compile(r"\b(?:ingen|inga|ikke\s+(?:noen|non)|ikkje\s+nokon)\s+(?:planer|plan|planar|onske|intensjon\w*)\s+om\s+a\s+(?:\w+\s+){0,3}?"
                      r"(?:tilbake|tebake|attende)\b"), "lite_sannsynlig"),
    # "tror ikke på retur", "har liten tro på å komme tilbake"
    ("q1", re.compile(r"^(?:(?:jeg|eg|je)\s+)?(?:tror|trur|har)\s+(?:ikke|ikkje|itj|liten|lita|lite)\s+(?:noe\s+|noko\s+)?(?:tro\s+)?pa\s+"
                      r"(?:en\s+|ein\s+)?(?:retur|a\s+komme\s+tilbake|a\s+kome\s+tilbake|a\s+komme\s+tebake)\b"), "lite_sannsynlig"),
    ("q2", re.compile(HARD_TO_WORK_WITH), "vanskelig"),
    ("q2", re.compile(rf"\b(?:verken|hverken|korkje)\s+{_NEITHER_GOOD}"), "vanskelig"),
    # "det er ikke verst med sjefen": not bad is fairly good (not "ikke så verst", which is milder)
    ("q2", re.compile(r"\b(?:ikke|ikkje|itj)\s+verst\b"), "god"),
    # a flat "ikke god", "ikkje noko bra" (after "ikke god ikke dårlig" above; "ikke så bra" may
    # be milder, so the classifier reads it)
    ("q2", re.compile(r"^(?:nei[,.!]*\s+)?(?:ikke|ikkje|itj)\s+(?:noe\s+|noko\s+|no\s+)?(?:god|godt|bra)\W*$"), "vanskelig"),
)
# Hedges answer the open question only: they say nothing about which question a clause of a
# longer message is about ("det kommer an på sjefen" is no claim on q3).
# The last field: whether an object clause about another question's topic takes the hedge
# there ("ingen anelse om jeg får komme tilbake"); "det kommer an på om jeg får begynne igjen"
# still leaves how long open.
HEDGES: tuple[tuple[str, re.Pattern[str], str, bool], ...] = (
    ("q1", re.compile(_DEPENDS), HEDGED, False),
    ("q3", re.compile(_DEPENDS), HEDGED, False),
    ("q1", re.compile(_NO_IDEA), HEDGED, True),
    ("q3", re.compile(_NO_IDEA), HEDGED, True),
    # "det må legen avgjøre", "opp til kirurgen": the length left to the doctor (a hedge: the clause may give the reason)
    ("q3", re.compile(r"^(?:det\s+)?(?:ma|far|skal)\s+(?:legen|fastlegen|doktoren|spesialisten|kirurgen)\s+(?:avgjore|avgjere|bestemme|svare\s+pa)\W*$"
                      r"|^(?:det\s+er\s+|det\s+e\s+)?opp\s+til\s+(?:legen|fastlegen|doktoren|spesialisten|kirurgen)\W*$"), HEDGED, False),
)

_WANTED_SO = re.compile(r"\bdet\s+(?:passer|passar)\s+meg\s+(?:fint|bra|godt|helt\s+fint|heilt\s+fint)\b|\b(?:vil|ville)\s+helst\s+slippe\b")


def middle_in_words(text: str) -> bool:
    """The words name the middle of q2 outright ("helt ok, ingenting å klage på, men heller ikkje noko
    meir", "verken bra eller dårlig"); not little contact, which a complaint beside it outweighs."""
    folded = fold(normalise(text))
    return any(question == "q2" and code == "verken_eller" and pattern.search(folded) for question, pattern, code in PATTERNS)


def match_pattern(question_id: str, text: str, hedges: bool = True) -> str | None:
    """The code a pattern gives `text` for the question; `hedges=False` leaves out the hedges
    (for telling which question a clause is about)."""
    folded = fold(normalise(text))
    if question_id == "q1" and (chance := chance_answer(text)) is not None:
        return chance
    for question, pattern, code in (*PATTERNS, *PLAIN_VERDICTS):
        if question == question_id and pattern.search(folded):
            return code
    if question_id == "q2" and little_contact(text) and _WANTED_SO.search(folded):
        return "vanskelig"  # "har ikkje snakka saman sidan oktober, og det passar meg fint": no contact, and wanting it so
    if question_id == "q2" and little_contact(text) and not complains(folded, folded=True):
        return "verken_eller"
    if question_id == "q2" and _VERY_GOOD.search(folded) and not complains(folded, folded=True) and not OTHER_PARTY.match(folded) and not _SWINGS.search(folded):
        return "god"
    if question_id == "q1" and _DONE_THERE.search(folded) and not _DOUBT.search(folded):
        return "lite_sannsynlig"
    for question, pattern, code, object_decides in HEDGES if hedges else ():
        found = pattern.search(folded) if question == question_id else None
        other = _ABOUT_OTHER.get(question) if object_decides else None
        if found and not (other and other.match(folded, found.end())):
            return code
    return None
