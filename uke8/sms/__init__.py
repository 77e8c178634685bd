"""SMS conversations through a Twilio-compatible gateway (issue 8).

signature.py  the gateway's request signature (X-Twilio-Signature)
gsm7.py       segments: GSM-7 with its extension table, or UCS-2
texts.py      the conversation's texts in SMS shape (no health, no sick leave)
render.py     the bot's messages as SMS: numbered options, GSM-7, packing
inbound.py    the webhook's work: match the number, record once, run the turn, queue replies
gateway.py    the outbound Messages API client
delivery.py   `uke8 deliver`: the outbox's SMS out through the gateway, and the inbound sweep
(the local gateway to chat as a phone, `uke8 sms-simulator`, is a development tool: uke8/dev/sms_simulator.py)
"""
