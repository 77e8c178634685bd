"""Rasa-side extensions: the guarded REST channel and the redacting tracker store.

They run on Python 3.10 beside Rasa and share only pure, standard-library code with the app
(uke8/privacy.py); everything else about a case is the action server's business.
"""

from bot.uke8_bot import speedups

speedups.apply()
