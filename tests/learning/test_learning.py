"""The learned stage's parts: features, the model file, deterministic fitting, training data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.errors import ConfigError, MalformedInput
from whimbrel.learning.features import features
from whimbrel.learning.model import LearnedModel, Task, from_linear, load_model
from whimbrel.model import Event, Sentence, Token
from whimbrel.training import Example, cross_validate, fit, read_examples, train


def _sentence(*words: tuple[str, str]) -> Sentence:
    tokens = tuple(Token(i, w, w, pos, "", "ROOT", i, i * 10) for i, (w, pos) in enumerate(words))
    return Sentence(0, 0, 0, 50, " ".join(w for w, _ in words), tokens)


def _event(kind: str, confidence: float, *modes: str) -> Event:
    return Event(
        id=kind, event=kind, doc_id="d", sentence=0, start=0, end=50, text="", event_text="Hit",
        trigger_start=0, trigger_end=3, mode=modes, confidence=confidence,
    )  # fmt: skip


def test_features_read_words_and_the_rules_candidates() -> None:
    sent = _sentence(("troops", "NOUN"), ("the", "DET"), ("shelled", "VERB"))
    found = features([sent], [_event("COERCE", 0.4), _event("ASSAULT", 0.8, "heavy-weapons")])
    assert {"w:troops", "w:shelled", "top:ASSAULT", "topmode:heavy-weapons", "trigger:hit"} <= found
    assert {"rule:COERCE", "rule:ASSAULT", "mode:heavy-weapons"} <= found and "w:the" not in found
    assert "rule:NONE" in features([sent], [])


def test_votes_are_softmax_over_the_allowed_labels() -> None:
    task = Task(("A", "B", "C"), {"x": (2.0, 0.0, 0.0), "y": (0.0, 0.0, 3.0)}, (0.0, 0.0, 0.0))
    assert task.vote({"x"}) == ("A", pytest.approx(task.probabilities({"x"})["A"]))
    assert task.vote({"x", "y"})[0] == "C"  # type: ignore[index]
    assert task.vote({"y"}, allowed={"A", "B"})[0] == "A"  # type: ignore[index]
    assert sum(task.probabilities({"x"}).values()) == pytest.approx(1.0)
    assert task.vote({"x"}, allowed={"Z"}) is None


def test_two_class_models_become_two_rows() -> None:
    task = from_linear(["no", "yes"], ["f", "g"], [[1.5, 0.0]], [-0.5])
    assert task.weights == {"f": (0.0, 1.5)} and task.bias == (0.0, -0.5)
    assert task.vote({"f"})[0] == "yes" and task.vote(set())[0] == "no"  # type: ignore[index]


def test_fitting_is_deterministic_and_learns_a_separable_problem(tmp_path: Path) -> None:
    rows = [frozenset({"w:fire", f"n{i}"}) for i in range(6)] + [
        frozenset({"w:talk", f"m{i}"}) for i in range(6)
    ]
    labels = ["ASSAULT"] * 6 + ["CONSULT"] * 6
    model = LearnedModel({"event": fit(rows, labels, c=1.0)})
    assert model.tasks["event"].vote({"w:fire"})[0] == "ASSAULT"  # type: ignore[index]
    assert model.tasks["event"].vote({"w:talk"})[0] == "CONSULT"  # type: ignore[index]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    model.save(first)
    LearnedModel({"event": fit(rows, labels, c=1.0)}).save(second)
    assert first.read_bytes() == second.read_bytes()
    again = load_model(first)
    assert again.tasks["event"].probabilities({"w:fire"}) == model.tasks["event"].probabilities({"w:fire"})
    texts = [f"text {i}" for i in range(12)]
    assert cross_validate(texts, rows, labels, c=1.0) > 0.8


def test_train_needs_two_labels_per_task() -> None:
    examples = [
        Example("a", "ASSAULT", None),
        Example("b", "CONSULT", "visit"),
        Example("c", "CONSULT", None),
    ]
    rows = [frozenset({"w:a"}), frozenset({"w:b"}), frozenset({"w:c"})]
    model = train(examples, rows, c=1.0)
    assert set(model.tasks) == {"event"} and model.meta["examples"] == {"event": 3}


def test_malformed_model_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_model(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="not a whimbrel model file"):
        load_model(bad)
    task = {"labels": ["A", "B"], "features": ["x"], "weights": [[1.0]], "bias": [0.0, 0.0]}
    bad.write_text(json.dumps({"format": "whimbrel-learned/1", "tasks": {"event": task}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="one weight row"):
        load_model(bad)


def test_training_rows_from_jsonl_and_csv_skip_bad_rows(tmp_path: Path) -> None:
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(
        '{"text": "Troops shelled the town.", "event": "assault", "mode": "heavy-weapons"}\n'
        '{"text": "The envoys met.", "event": "MEET"}\n'
        "not json\n"
        '{"text": "Police detained two men.", "mode": ["arrest"]}\n'
        '{"text": "Crowds gathered.", "event": 7}\n',
        encoding="utf-8",
    )
    errors: list[MalformedInput] = []
    rows = read_examples(jsonl, on_error=errors.append)
    assert rows == [
        Example("Troops shelled the town.", "ASSAULT", "heavy-weapons"),
        Example("Police detained two men.", None, "arrest"),
    ]
    assert [e.origin for e in errors] == [f"{jsonl}:2", f"{jsonl}:3", f"{jsonl}:5"]
    table = tmp_path / "rows.csv"
    table.write_text("text,event\nThe envoys met.,CONSULT\n,AID\n", encoding="utf-8")
    errors.clear()
    assert read_examples(table, on_error=errors.append) == [Example("The envoys met.", "CONSULT")]
    assert len(errors) == 1 and "no text" in str(errors[0])
