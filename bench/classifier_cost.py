"""Per-message cost of trained NLU models, in the bot environment (.venv-bot, Python 3.10).

Usage: .venv-bot/bin/python bench/classifier_cost.py OUT.json MODEL.tar.gz [MODEL.tar.gz …] < texts.jsonl
All models are loaded and warmed up, then the texts are parsed through Rasa's own parse path
(one message at a time, as the server does) in `ROUNDS` rounds, the models taking turns within
each round, so that a busy moment on the shared machine hits them all alike. OUT.json gets
{model: {"ms_mean": best round's mean, "ms_p50": median over all rounds}}; the best round is the
least disturbed one. Used by bench/nlu.py: the difference between a variant and the product is
the cost of the variant's feature.
"""
import asyncio
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.disable(logging.WARNING)
ROUNDS = 5


async def main(out: str, models: list[str]) -> None:
    from rasa.core.agent import Agent

    texts = [json.loads(line)["text"] for line in sys.stdin if line.strip()]
    agents = {model: Agent.load(model) for model in models}
    for agent in agents.values():
        for text in texts[:50]:
            await agent.parse_message(text)
    rounds: dict[str, list[float]] = {model: [] for model in models}
    every: dict[str, list[float]] = {model: [] for model in models}
    for _ in range(ROUNDS):
        for model, agent in agents.items():
            times = []
            for text in texts:
                started = time.perf_counter()
                await agent.parse_message(text)
                times.append((time.perf_counter() - started) * 1000)
            rounds[model].append(statistics.fmean(times))
            every[model] += times
    result = {model: {"ms_mean": round(min(rounds[model]), 3), "ms_p50": round(statistics.median(every[model]), 3)}
              for model in models}
    for model in models:
        result[model]["component_ms"] = component_cost(model, texts)
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def component_cost(model: str, texts: list[str]) -> dict:
    """The product classifier's own steps, one message at a time, best of `ROUNDS` (ms a
    message): word features (with stems/spelling when on), character features, the global
    regression, the per-question scorers. Empty for a model without that component."""
    import tarfile

    import joblib
    from scipy.sparse import hstack

    with tarfile.open(model) as archive:
        member = next((m for m in archive.getmembers() if m.name.endswith("classifier.joblib")), None)
        if member is None:
            return {}
        parts = joblib.load(archive.extractfile(member))
    steps = {"words": [], "chars": [], "regression": [], "question_scorers": []}
    for _ in range(ROUNDS):
        spent = dict.fromkeys(steps, 0.0)
        for text in texts:
            t0 = time.perf_counter()
            words = parts["words"].transform([text])
            t1 = time.perf_counter()
            chars = parts["chars"].transform([text])
            t2 = time.perf_counter()
            features = hstack([words, chars]).tocsr()
            parts["classifier"].predict_proba(features)
            t3 = time.perf_counter()
            for scorer in (parts.get("questions") or {}).values():
                scorer.predict_proba(features)
            t4 = time.perf_counter()
            for step, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[step] += seconds
        for step in steps:
            steps[step].append(spent[step] * 1000 / len(texts))
    return {step: round(min(values), 4) for step, values in steps.items()}


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
