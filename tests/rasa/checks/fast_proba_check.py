"""Run in the bot environment (.venv-bot) by tests/rasa/test_fast_proba.py: the classifier's
probabilities through bot/uke8_bot/fast_proba.py are the same numbers as scikit-learn's own
predict_proba, for the product's trained model (the whole classifier and each per-question
scorer, on every text of two evaluation sets and their clauses) and for a binary and a
one-vs-rest regression. Prints one JSON line of checks."""
import json
import logging
import os
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.disable(logging.WARNING)

import joblib  # noqa: E402
import numpy as np  # noqa: E402
from scipy.sparse import hstack  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from bot.uke8_bot.fast_proba import Probabilities, fast_model  # noqa: E402
from uke8.understanding.clauses import clause_spans  # noqa: E402


def same(a, b) -> bool:
    return a.shape == b.shape and float(np.max(np.abs(a - b))) <= 1e-12


checks = {}
model_file = (ROOT / (ROOT / "models" / "current").read_text().strip()).resolve()
with tempfile.TemporaryDirectory() as tmp, tarfile.open(model_file) as archive:
    member = next(m for m in archive.getmembers() if m.name.endswith("FoldedTfidfIntentClassifier0/classifier.joblib"))
    archive.extract(member, tmp)
    model = joblib.load(Path(tmp) / member.name)
texts = []
for name in ("fresh3.jsonl", "combined2.jsonl"):
    for line in (ROOT / "tests" / "nlu_eval" / name).read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        texts += [text] + [text[b:e] for b, e in clause_spans(text)]
features = hstack([model["words"].transform(texts), model["chars"].transform(texts)]).tocsr()
fast = fast_model(model)
checks["classifier"] = same(fast["classifier"].predict_proba(features), model["classifier"].predict_proba(features))
checks["one text"] = same(fast["classifier"].predict_proba(features[:1]), model["classifier"].predict_proba(features[:1]))
checks["classes"] = list(fast["classifier"].classes_) == list(model["classifier"].classes_)
checks["scorers"] = bool(model["questions"]) and all(
    same(fast["questions"][q].predict_proba(features), s.predict_proba(features)) for q, s in model["questions"].items())

rng = np.random.default_rng(0)
x, y2, y3 = rng.normal(size=(60, 5)), rng.integers(0, 2, 60), rng.integers(0, 3, 60)
binary = LogisticRegression().fit(x, y2)
checks["binary"] = same(Probabilities(binary).predict_proba(x), binary.predict_proba(x))
ovr = LogisticRegression(solver="liblinear").fit(x, y3)
checks["one-vs-rest"] = same(Probabilities(ovr).predict_proba(x), ovr.predict_proba(x))
print(json.dumps({"texts": len(texts), **checks}))
