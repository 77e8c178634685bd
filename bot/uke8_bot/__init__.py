"""Rasa-side extensions: the guarded REST channel and the redacting tracker store.

They run on Python 3.10 beside Rasa and share only pure, standard-library code with the app
(uke8/privacy.py); everything else about a case is the action server's business.
"""

import os

from bot.uke8_bot import speedups

if os.environ.get("UKE8_RASA_SPEEDUPS", "1") != "0":  # 0: Rasa's own hot path (bench/turns.py compares)
    speedups.apply()
