"""Parse texts with a trained Rasa model, in the bot environment (.venv-bot, Python 3.10).

Usage: .venv-bot/bin/python bench/rasa_parse.py MODEL.tar.gz OUT.jsonl < texts.jsonl
Each input line is {"text": ...}; each output line is Rasa's parse of it. Used by bench/nlu.py
to score pipelines on the evaluation set without starting a server.
"""
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

# The product's pipeline uses its own component (bot.uke8_bot), found from the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.disable(logging.WARNING)


async def main(model: str, out: str) -> None:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    # Rasa's structured log writes to stdout, so results go to their own file.
    with open(out, "w", encoding="utf-8") as sink:
        for line in sys.stdin:
            if line.strip():
                parse = await agent.parse_message(json.loads(line)["text"])
                # question_rankings: the per-question scorers of a bench/configs/question*.yml variant
                keys = ("text", "intent", "intent_ranking") + (("question_rankings",) if parse.get("question_rankings") else ())
                keys += ("clauses",) if parse.get("clauses") else ()  # each clause's ranking (uke8/understanding/combined.py)
                sink.write(json.dumps({k: parse.get(k) for k in keys}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
