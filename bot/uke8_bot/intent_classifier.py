"""The product's intent classifier: a logistic regression on tf-idf word and character n-grams.

Why not Rasa's own LogisticRegressionClassifier on CountVectorsFeaturizer: raw counts make a
long answer look far more certain than a short one, Rasa fixes the regularisation at C=1 (too
timid for ~3 000 short examples: most right answers came out below the accept threshold), and
it cuts the ranking to 10 intents. Here, both views of the text are sublinear tf-idf,
l2-normalised; æ/ø/å and their ascii spellings (ae/oe/aa, a/o) are folded together, the way
people type them on a phone; C is configurable and the ranking is complete.

Chosen by 5-fold cross-validation on the training data and by bench/nlu.py on the held-out
evaluation set (README, "NLU benchmark"). Training takes seconds.

Options measured by bench/nlu.py (bench/configs/stem*.yml, spelling*.yml, question*.yml), all
off by default so that config.yml's behaviour does not change until a variant is shown to help:
- `stem`: the word features use the Snowball Norwegian stem of each token (PyStemmer), so
  "jobben", "jobber", "jobb" share a feature; the character n-grams stay as they are.
- `spelling`: a word token (4 letters or more) that training never saw is replaced by the most
  frequent training word one edit away (a letter left out, added, changed, or two swapped), so
  "sansynlig" counts as "sannsynlig" in the word features. Only the training vocabulary is
  used: nothing is downloaded.
- `dialect`: nynorsk and dialect spellings of the small words that carry an answer ("itj",
  "ikkje", "kjæm", "attende", "eg") are read as their bokmål word in the word features
  (uke8/understanding/dialect.py), so a negation in dialect is still a negation.
- `negation`: the words after a negation ("ikke", "itj", "aldri", …) up to the end of the
  clause (at most four) are marked as negated in the word features ("neg_tilbake"), so "jeg
  tror ikke jeg går tilbake" no longer shares its words with "jeg tror jeg går tilbake"
  (uke8/understanding/negation.py).
- `question_intents` ({question: [intents]}): besides the global ranking, one logistic
  regression per question over its intents plus "not this question", on the same features, is
  written to the parse as `question_rankings`. With `question_negatives: global` the other
  questions' answers are left out of "not this question" (a q3 answer typed while q1 is open
  still reads as the nearest q1 answer).
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.uke8_bot.fast_proba import fast_model
from uke8.understanding.dialect import bokmal_word
from uke8.understanding.negation import negation_marked

log = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_TOKENS = re.compile(r"(?u)\b\w+\b")
_MODEL_FILE = "classifier.joblib"
NOT_THIS_QUESTION = "__not_this_question__"
QUESTION_RANKINGS = "question_rankings"


def fold(text: str) -> str:
    """Lower case, one spelling for æ/ø/å and their ascii stand-ins ("gaar", "gar", "går")."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("’", "'")
    text = text.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    text = text.replace("æ", "a").replace("ø", "o").replace("å", "a")
    return _SPACES.sub(" ", text).strip()


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class WordAnalyzer:
    """Word 1..n-grams of folded tokens, optionally stemmed (Snowball Norwegian, before folding:
    the stemmer knows æ/ø/å) and optionally spelled as the nearest training word.

    A class rather than a closure so that joblib can store it with the vectorizer; the stemmer
    itself is a C object and is made again after loading."""

    def __init__(self, ngrams: tuple[int, int], stem: bool = False, spelling: bool = False, dialect: bool = False,
                 negation: bool = False) -> None:
        self.ngrams, self.stem, self.spelling, self.dialect, self.negation = tuple(ngrams), stem, spelling, dialect, negation
        self.vocabulary: dict[str, int] = {}  # training word -> count (for spelling)
        self.by_delete: dict[str, str] = {}  # a word with one letter left out -> most frequent training word
        self._stemmer: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_stemmer"} | {"_stemmer": None}

    def tokens(self, text: str) -> list[str]:
        lowered = unicodedata.normalize("NFC", text or "").lower().replace("’", "'")
        # (models stored before an option existed have no attribute for it: getattr)
        marked = negation_marked(lowered) if getattr(self, "negation", False) else _TOKENS.findall(lowered)
        prefixes = ["neg_" if w.startswith("neg_") else "" for w in marked]
        words = [w[len(p):] for w, p in zip(marked, prefixes)]
        if getattr(self, "dialect", False):
            words = [bokmal_word(w) for w in words]
        if self.spelling and self.vocabulary:
            words = [self.correct(w) for w in words]
        if self.stem:
            if self._stemmer is None:
                import Stemmer  # PyStemmer; only needed when the option is on

                self._stemmer = Stemmer.Stemmer("norwegian")
            words = self._stemmer.stemWords(words)
        return [p + fold(w) for p, w in zip(prefixes, words)]

    def learn_spelling(self, texts: List[str]) -> None:
        counts: dict[str, int] = {}
        for text in texts:
            for word in _TOKENS.findall(unicodedata.normalize("NFC", text or "").lower()):
                word = bokmal_word(word) if getattr(self, "dialect", False) else word
                counts[word] = counts.get(word, 0) + 1
        self.vocabulary = counts
        self.by_delete = {}
        for word in sorted(counts, key=lambda w: (-counts[w], w)):  # the most frequent word wins a shared key
            if len(word) >= 4 and not word.isdigit():
                for key in _deletes(word) | {word}:
                    self.by_delete.setdefault(key, word)

    def correct(self, word: str) -> str:
        """The training word one edit away (deletion, insertion, substitution, swap of two
        neighbours), or the word itself when it is known, short, or nothing is that close."""
        if word in self.vocabulary or len(word) < 4 or word.isdigit():
            return word
        for key in [word, *sorted(_deletes(word))]:
            found = self.by_delete.get(key)
            if found is not None:
                return found
        return word

    def __call__(self, text: str) -> list[str]:
        tokens = self.tokens(text)
        low, high = self.ngrams
        return [" ".join(tokens[i:i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class FoldedTfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "word_ngrams": [1, 2],  # bigrams see "ikke usikker", "ikke lenge"
            "char_ngrams": [2, 5],  # within word boundaries: typos, inflection, compounds
            "C": 100.0,
            "max_iter": 2000,
            "random_state": 42,
            "stem": False,  # Snowball Norwegian stems for the word features
            "spelling": False,  # unknown words spelled as the nearest training word
            "dialect": False,  # nynorsk and dialect function words as bokmål (uke8/understanding/dialect.py)
            "negation": False,  # words after a negation marked as negated, to the end of the clause
            "question_intents": {},  # {question: [intents]}: one scorer per question as well
            "question_negatives": "all",  # "all" | "global": what "not this question" learns from
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Dict[str, Any]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._fast = fast_model(model)  # the same regressions, their weights laid out for a fast product

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "FoldedTfidfIntentClassifier":
        return cls(config, model_storage, resource)

    def _vectorizers(self) -> tuple[TfidfVectorizer, TfidfVectorizer]:
        if self.config["stem"] or self.config["spelling"] or self.config["dialect"] or self.config["negation"]:
            analyzer = WordAnalyzer(tuple(self.config["word_ngrams"]), bool(self.config["stem"]), bool(self.config["spelling"]),
                                    bool(self.config["dialect"]), bool(self.config["negation"]))
            words = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
        else:  # the original vectorizer, unchanged, so that config.yml trains the same model
            words = TfidfVectorizer(preprocessor=fold, token_pattern=r"(?u)\b\w+\b", sublinear_tf=True,
                                    ngram_range=tuple(self.config["word_ngrams"]))
        chars = TfidfVectorizer(preprocessor=fold, analyzer="char_wb", sublinear_tf=True,
                                ngram_range=tuple(self.config["char_ngrams"]))
        return words, chars

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            log.debug("no intent examples: %s not trained", self.__class__.__name__)
            return self._resource
        texts, labels = [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
        words, chars = self._vectorizers()
        if isinstance(words.analyzer, WordAnalyzer) and self.config["spelling"]:
            words.analyzer.learn_spelling(texts)
        features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
        classifier = self._regression()
        classifier.fit(features, labels)
        self._model = {"words": words, "chars": chars, "classifier": classifier,
                       "questions": self._train_questions(features, labels)}
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / _MODEL_FILE)
        self._fast = fast_model(self._model)
        return self._resource

    def _regression(self) -> LogisticRegression:
        return LogisticRegression(C=float(self.config["C"]), max_iter=int(self.config["max_iter"]),
                                  class_weight="balanced", random_state=self.config["random_state"])

    def _train_questions(self, features: Any, labels: List[str]) -> Dict[str, LogisticRegression]:
        """One regression per question: its own intents against "not this question"."""
        answer_intents = {i for intents in self.config["question_intents"].values() for i in intents}
        scorers = {}
        for question, intents in self.config["question_intents"].items():
            own = set(intents)
            keep = [i for i, label in enumerate(labels)
                    if label in own or self.config["question_negatives"] == "all" or label not in answer_intents]
            targets = [labels[i] if labels[i] in own else NOT_THIS_QUESTION for i in keep]
            if len(set(targets)) < 2:
                continue
            scorer = self._regression()
            scorer.fit(features[keep], targets)
            scorers[str(question)] = scorer
        return scorers

    @staticmethod
    def _ranking(classifier: Any, probabilities: Any) -> List[Dict[str, Any]]:
        return sorted(({"name": str(name), "confidence": float(p)} for name, p in zip(classifier.classes_, probabilities)),
                      key=lambda entry: -entry["confidence"])

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "FoldedTfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / _MODEL_FILE)  # our own artefact, written by train()
        except (ValueError, FileNotFoundError):
            log.debug("no trained %s found: it will not classify", cls.__name__)
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None or self._fast is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        features = hstack([self._model["words"].transform(texts), self._model["chars"].transform(texts)]).tocsr()
        classifier = self._fast["classifier"]
        scorers = self._fast["questions"]
        per_question = {q: scorer.predict_proba(features) for q, scorer in scorers.items()}
        for row, (message, probabilities) in enumerate(zip(messages, classifier.predict_proba(features))):
            ranking = self._ranking(classifier, probabilities)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            if scorers:
                message.set(QUESTION_RANKINGS, {q: self._ranking(scorers[q], p[row]) for q, p in per_question.items()},
                            add_to_output=True)
        # issue 13: each clause's ranking too, in the same parse (one message, several answers)
        from bot.uke8_bot.clause_rankings import add_clause_rankings

        add_clause_rankings(messages, self._fast)
        return messages
