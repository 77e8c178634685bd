"""Texts of the chat page around the conversation: the page itself, its controls, and the
refusals of the chat API (a bad link, too long a message, too many messages, the bot not
reachable).

The conversation's own texts (greeting, privacy notice, questions, outcome) come from the
bot and live in messages.py and catalogue.py; the page shows PRIVACY_NOTICE and CONTACT_INFO
from there and never retypes them. Same tone rules: warm, plain bokmål, nothing about
sykepenger, and every refusal says what to do next.
"""
from __future__ import annotations

from uke8.privacy import MAX_STORED_TEXT
from uke8.triage.messages import CONTACT_INFO, PRIVACY_NOTICE, PRIVACY_NOTICE_UTEN_ARBEIDSGIVER

MAX_MESSAGE = MAX_STORED_TEXT  # the most a message may hold: what the case store keeps of free text

PAGE_TITLE = "Ditt sykefravær"
WIDGET_TITLE = "Spørsmål fra NAV"
INTRO = (
    "Her kan du lese og svare på meldinger fra NAV. Spørsmålene stilles av en automatisk tjeneste "
    "på vegne av veilederen din, og veilederen din leser svarene. Du kan svare med knappene "
    "eller skrive med egne ord. Det er frivillig å svare."
)
PRIVACY_HEADING = "Om svarene dine"
# The bot's privacy notice opens the conversation with "Før vi begynner: "; beside it the page
# shows the same notice without that opening.
PRIVACY_TEXT = PRIVACY_NOTICE.removeprefix("Før vi begynner: ")
# Beside a conversation with someone without an employer: the notice they got, no employer in it.
PRIVACY_TEXT_UTEN_ARBEIDSGIVER = PRIVACY_NOTICE_UTEN_ARBEIDSGIVER.removeprefix("Før vi begynner: ")
CONTACT_HEADING = "Kontakt oss"
CONTACT_TEXT = CONTACT_INFO

INPUT_LABEL = "Skriv en melding"
INPUT_HINT = "Trykk Enter for å sende. Shift + Enter gir ny linje."
COUNTER = "{n} av {max} tegn"
COUNTER_OVER = "{n} av {max} tegn – {over} tegn for mye"
SEND = "Send"
REPLIES_LABEL = "Svaralternativer"
LOG_LABEL = "Meldinger i samtalen"
# Who speaks (PRODUCT.md §1): the bot's messages are NAV's automatic service, never the
# veileder. The avatar shows the short name; the label above each bubble says what it is.
SPEAKER_NAV = "NAV"
SPEAKER_NAV_LABEL = "NAV – automatisk tjeneste"
SPEAKER_PERSON = "Du"
# The veileder's own messages (issue 16): a person at NAV, named, never the automatic service.
SPEAKER_VEILEDER = "{name}, veilederen din i NAV"
SPEAKER_VEILEDER_UNNAMED = "Veilederen din i NAV"
# How often the open page asks for new messages from the veileder (seconds).
THREAD_POLL_SECONDS = 30
TYPING = "NAV svarer …"

END_BUTTON = "Avslutt"
END_HEADING = "Vil du avslutte samtalen?"
END_BODY = (
    "Da sender vi deg ikke flere meldinger om dette. Det du allerede har svart, kan veilederen din "
    "fortsatt se. Du kan alltid ta kontakt med oss senere."
)
END_CONFIRM = "Ja, avslutt"
END_CANCEL = "Nei, fortsett samtalen"
END_MESSAGE = "STOPP"  # what the person sends: the bot records the opt-out (reservert)

# Refusals of the chat API (JSON "message") and the page's own errors.
EMPTY_MESSAGE = "Skriv en melding før du sender."
TOO_LONG = (
    f"Meldingen er for lang. Du kan skrive opptil {MAX_MESSAGE} tegn. "
    "Den er ikke sendt – kort den ned og prøv igjen."
)
RATE_LIMITED = (
    "Du har sendt mange meldinger på kort tid. Vent et minutt og prøv igjen – "
    "det du har svart til nå, er tatt vare på."
)
BOT_UNAVAILABLE = (
    "Beklager, samtalen er ikke tilgjengelig akkurat nå. Meldingen din er ikke sendt. "
    "Prøv igjen om litt."
)
BOT_TIMEOUT = (
    "Beklager, det tok for lang tid å få svar. Last siden på nytt for å se om meldingen kom fram, "
    "eller prøv igjen om litt."
)
BOT_NO_REPLY = (
    "Beklager, jeg fikk ikke svart på meldingen din akkurat nå. Det du har svart tidligere, er "
    "ikke borte. Prøv å sende den en gang til om litt."
)
NETWORK_ERROR = "Vi fikk ikke kontakt. Sjekk at du er koblet til internett, og prøv igjen."
HISTORY_UNAVAILABLE = (
    "Beklager, vi får ikke hentet samtalen akkurat nå. Det du har svart, er ikke borte. "
    "Last siden på nytt om litt."
)
BAD_REQUEST = "Meldingen kunne ikke leses. Last siden på nytt og prøv igjen."

# A link that does not open a conversation: a page (and the same words from the JSON API).
LINK_EXPIRED_TITLE = "Lenken er utløpt"
LINK_EXPIRED = (
    "Lenken du brukte, virker ikke lenger. Det er helt i orden – du trenger ikke å gjøre noe. "
    "Vil du snakke med oss om situasjonen din, er du velkommen til å ta kontakt."
)
LINK_INVALID_TITLE = "Vi kjenner ikke igjen lenken"
LINK_INVALID = (
    "Lenken ser ikke ut til å være hel. Prøv å åpne den på nytt fra meldingen du fikk fra NAV. "
    "Virker den fortsatt ikke, er du velkommen til å ta kontakt med oss."
)
LINK_UNKNOWN_TITLE = "Vi finner ikke samtalen"
LINK_UNKNOWN = (
    "Vi finner ingen samtale som hører til denne lenken. Du trenger ikke å gjøre noe, men du er "
    "velkommen til å ta kontakt med oss hvis du lurer på noe."
)
CONTACT_LINK_TEXT = "Skriv til oss på nav.no"
CONTACT_LINK = "https://www.nav.no/skriv-til-oss"

# ID-porten sign-in on the chat page (UKE8_CHAT_LOGIN=idporten): pages, and the JSON API's refusal.
LOGIN_REQUIRED = (
    "Du er ikke lenger logget inn, eller innloggingen gjelder en annen samtale. "
    "Last siden på nytt for å logge inn igjen. Det du har svart, er tatt vare på."
)
LOGIN_WRONG_PERSON_TITLE = "Denne samtalen er til en annen person"
LOGIN_WRONG_PERSON = (
    "Du er logget inn, men lenken du brukte, gjelder ikke deg. Har du fått lenken fra noen andre, "
    "kan du se bort fra den – du trenger ikke å gjøre noe. Tror du det er en feil, er du "
    "velkommen til å ta kontakt med oss."
)
LOGIN_FAILED_TITLE = "Innloggingen ble ikke fullført"
LOGIN_FAILED = (
    "Vi klarte ikke å logge deg inn denne gangen. Åpne lenken fra NAV på nytt for å prøve igjen. "
    "Du må logge inn med BankID, Buypass eller Commfides for å åpne samtalen."
)
LOGIN_UNAVAILABLE_TITLE = "Innloggingen er ikke tilgjengelig akkurat nå"
LOGIN_UNAVAILABLE = "Vi får ikke kontakt med ID-porten akkurat nå. Prøv igjen om litt."
LOGOUT_BUTTON = "Logg ut"
LOGGED_OUT_TITLE = "Du er logget ut"
LOGGED_OUT = (
    "Takk! Det du har svart, er tatt vare på. Vil du fortsette senere, åpner du lenken fra NAV "
    "på nytt og logger inn igjen."
)
