"""`LogisticRegression.predict_proba` with the weights laid out once, for the per-turn parse.

scikit-learn 1.1's own predict_proba multiplies the sparse features by `coef_.T`, a transposed
(non-contiguous) view of a 24 × 38,000 array, and scipy copies that view into a new array on
every call before the product: 0.68 ms of a 0.69 ms call on the product's model, three or more
calls a turn (the whole message, each clause, the per-question scorers). Here the transposed
weights are copied once when the model is loaded; the rest is scikit-learn's own arithmetic
(the same product, `softmax` from sklearn.utils.extmath, the same one-vs-rest rule), so the
probabilities are the same numbers (tests/rasa/test_fast_proba.py compares them).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax


class Probabilities:
    """predict_proba of one fitted LogisticRegression (binary or multiclass)."""

    def __init__(self, classifier: LogisticRegression) -> None:
        self.classes_ = classifier.classes_
        self._weights = np.ascontiguousarray(classifier.coef_.T)
        self._intercept = classifier.intercept_
        # scikit-learn 1.1's rule for one-vs-rest (LogisticRegression.predict_proba)
        self._ovr = classifier.multi_class in ("ovr", "warn") or (
            classifier.multi_class == "auto" and (classifier.classes_.size <= 2 or classifier.solver == "liblinear"))

    def predict_proba(self, features: Any) -> np.ndarray:
        scores = np.asarray(features @ self._weights) + self._intercept
        if scores.shape[1] == 1:
            scores = scores.ravel()
        if self._ovr:
            probabilities = expit(scores)
            if probabilities.ndim == 1:
                return np.vstack([1 - probabilities, probabilities]).T
            return probabilities / probabilities.sum(axis=1).reshape((probabilities.shape[0], -1))
        return softmax(np.c_[-scores, scores] if scores.ndim == 1 else scores, copy=False)


def fast_model(model: dict[str, Any] | None) -> dict[str, Any] | None:
    """The loaded model with each regression wrapped (the artefact on disk is unchanged)."""
    if model is None:
        return None
    return {**model, "classifier": Probabilities(model["classifier"]),
            "questions": {q: Probabilities(s) for q, s in (model.get("questions") or {}).items()}}
