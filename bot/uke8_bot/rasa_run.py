"""`rasa run` with the service token as its --auth-token, taken from UKE8_SERVICE_TOKEN.

The token is added here, inside the process, so it never appears on a command line that
`ps` shows every user of the machine. With it Rasa's HTTP API (/status, /model/parse,
/conversations/…/tracker, …) refuses every call without `?token=`; the REST channel
(bot/uke8_bot/channels.py) checks the same token itself.

    .venv-bot/bin/python -m bot.uke8_bot.rasa_run run --enable-api --interface 127.0.0.1 …
"""
from __future__ import annotations

import os
import sys


def main() -> None:
    token = os.environ.get("UKE8_SERVICE_TOKEN", "").strip()
    if not token:
        sys.exit("UKE8_SERVICE_TOKEN is not set: Rasa is not started without it (uke8/stack.py sets it)")
    if any(a in ("-t", "--auth-token") or a.startswith("--auth-token=") for a in sys.argv):
        sys.exit("pass the token in UKE8_SERVICE_TOKEN, not as --auth-token (the process list shows arguments)")
    # "=": a token may begin with "-", which argparse would take for an option
    sys.argv = ["rasa", *sys.argv[1:], f"--auth-token={token}"]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
