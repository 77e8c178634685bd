"""Run in the bot environment (.venv-bot) by tests/rasa/test_classifier_options.py: the intent
classifier's options (stem, spelling, question_intents) on a small synthetic training set,
trained, stored and loaded through Rasa's real model storage. Prints one JSON line of checks."""
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.disable(logging.WARNING)

from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.uke8_bot.intent_classifier import NOT_THIS_QUESTION, FoldedTfidfIntentClassifier, WordAnalyzer  # noqa: E402

EXAMPLES = {
    "q1_ja": ["jeg kommer sannsynligvis tilbake", "helt sikkert tilbake på jobben", "ja, jeg er tilbake snart",
              "regner med å være tilbake", "sannsynlig at jeg kommer tilbake"],
    "q1_nei": ["jeg kommer ikke tilbake", "lite sannsynlig", "nei, neppe tilbake", "tror ikke jeg jobber der igjen",
               "kommer nok ikke tilbake"],
    "q2_god": ["sjefen er grei", "god kontakt med lederen", "arbeidsgiveren min er grei", "vi snakker godt sammen",
               "lederen ringer ofte"],
    "stopp": ["stopp meldingene", "ikke send mer", "jeg vil ikke ha flere meldinger", "avslutt dette", "slutt å sende"],
}
QUESTIONS = {"q1": ["q1_ja", "q1_nei"], "q2": ["q2_god"]}


def train_and_load(config: dict, directory: Path, name: str) -> FoldedTfidfIntentClassifier:
    directory.mkdir(parents=True, exist_ok=True)
    storage = LocalModelStorage(directory)
    resource = Resource(name)
    component = FoldedTfidfIntentClassifier.create(config, storage, resource, None)
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts])
    component.train(data)
    return FoldedTfidfIntentClassifier.load(config, storage, resource, None)  # from disk: joblib round trip


def parse(component: FoldedTfidfIntentClassifier, text: str) -> dict:
    message = Message(data={"text": text})
    component.process([message])
    return message.as_dict_nlu()


def q1_elsewhere(component: FoldedTfidfIntentClassifier, text: str) -> float:
    ranking = parse(component, text)["question_rankings"]["q1"]
    return next(e["confidence"] for e in ranking if e["name"] == NOT_THIS_QUESTION)


def main() -> None:
    checks = {}
    stems = WordAnalyzer((1, 1), stem=True)
    checks["stem_shares_inflections"] = stems("jobben jobber jobb") == ["jobb", "jobb", "jobb"]
    checks["stem_then_fold"] = stems("Sykemeldt på grunn av operasjonen") == ["sykemeld", "pa", "grunn", "av", "operasjon"]

    spelling = WordAnalyzer((1, 2), spelling=True)
    spelling.learn_spelling(["sannsynlig tilbake", "sannsynlig", "operasjon"])
    checks["spelling_fixes_one_edit"] = [spelling.correct(w) for w in ("sansynlig", "tilbakke", "opperasjon", "tilbkae")] == [
        "sannsynlig", "tilbake", "operasjon", "tilbake"]
    checks["spelling_leaves_known_short_and_far"] = [spelling.correct(w) for w in ("tilbake", "tlbk", "syk", "sjefen")] == [
        "tilbake", "tlbk", "syk", "sjefen"]
    checks["spelling_bigrams"] = spelling("Sansynlig tilbakke") == ["sannsynlig", "tilbake", "sannsynlig tilbake"]

    with tempfile.TemporaryDirectory() as tmp:
        default = train_and_load({}, Path(tmp) / "default", "default")
        checks["default_word_features_unchanged"] = default._model["words"].analyzer == "word" and not default._model["questions"]
        checks["default_no_question_rankings"] = "question_rankings" not in parse(default, "sjefen er grei")

        both = train_and_load({"stem": True, "spelling": True}, Path(tmp) / "both", "both")
        analyzer = both._model["words"].analyzer
        checks["options_survive_storage"] = (analyzer("sansynligvis jobben") == ["sannsynligvis", "jobb", "sannsynligvis jobb"])
        checks["options_classify"] = parse(both, "jeg kommer sansynligvis tilbake")["intent"]["name"] == "q1_ja"

        everything = train_and_load({"question_intents": QUESTIONS}, Path(tmp) / "all", "all")
        rankings = parse(everything, "regner med å være tilbake på jobben")["question_rankings"]
        checks["one_scorer_per_question"] = sorted(rankings) == ["q1", "q2"] and {e["name"] for e in rankings["q1"]} == {
            "q1_ja", "q1_nei", NOT_THIS_QUESTION}
        checks["question_ranking_sums_to_one"] = abs(sum(e["confidence"] for e in rankings["q1"]) - 1) < 1e-6
        checks["q1_scorer_reads_q1_answer"] = rankings["q1"][0]["name"] == "q1_ja"
        checks["q2_scorer_says_not_q2"] = rankings["q2"][0]["name"] == NOT_THIS_QUESTION
        # "global": the q1 scorer never learnt q2's answers as "not this question", so a q2
        # answer typed while q1 is open is less firmly pushed away than with "all".
        only_global = train_and_load({"question_intents": QUESTIONS, "question_negatives": "global"}, Path(tmp) / "glob", "glob")
        checks["global_negatives_leave_other_answers_out"] = (
            q1_elsewhere(only_global, "arbeidsgiveren min er grei") < q1_elsewhere(everything, "arbeidsgiveren min er grei"))
    print(json.dumps(checks))


if __name__ == "__main__":
    main()
