"""The learned stage: a model's votes retype the rules' top event or set its mode, and say so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import whimbrel

from whimbrel.coding.identity import event_id
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.learning.model import LearnedModel, Task
from whimbrel.model import Document, Event, Sentence, Token
from whimbrel.stages.learned import Learned


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def _doc(*events: Event) -> Document:
    words = [("Gunners", "NOUN"), ("pounded", "VERB"), ("the", "DET"), ("ridge", "NOUN")]
    tokens = tuple(Token(i, w, w.lower(), p, "", "dep", 1, i * 8) for i, (w, p) in enumerate(words))
    sent = Sentence(0, 0, 0, 30, "Gunners pounded the ridge", tokens)
    return Document(
        id="d", text=sent.text, content_hash="h", origin="<test>", sentences=(sent,), events=events
    )


def _event(kind: str, confidence: float, *modes: str) -> Event:
    return Event(
        id=event_id("d", 0, 30, kind, 8), event=kind, doc_id="d", sentence=0, start=0, end=30,
        text="Gunners pounded the ridge", event_text="pounded", trigger_start=8, trigger_end=15,
        mode=modes, cameo="051", quad_code=1, confidence=confidence, rationale=("rules: trigger",),
    )  # fmt: skip


def _model(event_weight: float) -> LearnedModel:
    event = Task(("ASSAULT", "CONSULT"), {"w:pounded": (event_weight, 0.0)}, (0.0, 0.0))
    mode = Task(("heavy-weapons", "firearms", "visit"), {"w:gunners": (3.0, 0.0, 5.0)}, (0.0, 0.0, 0.0))
    return LearnedModel({"event": event, "mode": mode})


def test_a_sure_vote_retypes_the_top_event(lexicon: Lexicon) -> None:
    other = _event("ACCUSE", 0.2)
    out = Learned(_model(4.0), lexicon, min_probability=0.7).process(_doc(_event("CONSULT", 0.6), other))
    top = next(e for e in out.events if e.event != "ACCUSE")
    assert top.event == "ASSAULT" and top.id == event_id("d", 0, 30, "ASSAULT", 8)
    assert top.cameo is not None and top.cameo.startswith(("18", "19", "20")) and top.quad_code == 4
    # the mode vote is among ASSAULT's modes only: visit scores higher but is not an ASSAULT mode
    assert top.mode == ("heavy-weapons",)
    assert any(w.startswith("learned vote: event ASSAULT") and "taken" in w for w in top.rationale)
    assert top.rationale[0] == "rules: trigger"
    assert other in out.events  # only the top event of the sentence is re-decided


def test_an_unsure_vote_is_shown_and_not_taken(lexicon: Lexicon) -> None:
    doc = _doc(_event("CONSULT", 0.6, "visit"))
    out = Learned(_model(0.5), lexicon, min_probability=0.9).process(doc)
    (event,) = out.events
    assert event.event == "CONSULT" and event.mode == ("visit",)
    assert any("learned vote: event ASSAULT" in w and "kept: below 0.90" in w for w in event.rationale)


def test_no_model_passes_documents_through(lexicon: Lexicon) -> None:
    doc = _doc(_event("CONSULT", 0.6))
    assert Learned(None, lexicon).process(doc) is doc
    with pytest.raises(ValueError, match="min_probability"):
        Learned(None, lexicon, min_probability=1.5)


def test_train_then_explain_shows_the_vote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        ("Soldiers shelled the village at dawn.", "ASSAULT", "heavy-weapons"),
        ("Artillery units shelled rebel trenches.", "ASSAULT", "heavy-weapons"),
        ("Gunmen shot two guards at the gate.", "ASSAULT", "firearms"),
        ("A sniper shot a patrol officer.", "ASSAULT", "firearms"),
        ("The two ministers met in the capital.", "CONSULT", None),
        ("Envoys met to discuss the border.", "CONSULT", None),
        ("The president visited the flooded province.", "CONSULT", "visit"),
        ("The foreign minister visited the neighbouring state.", "CONSULT", "visit"),
    ]
    data = tmp_path / "mine.jsonl"
    data.write_text(
        "".join(json.dumps({"text": t, "event": e, "mode": m}) + "\n" for t, e, m in rows), encoding="utf-8"
    )
    done = whimbrel("train", "--data", str(data), "--out", "m1.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[stages.learned]" in done.stdout and "learned" in done.stdout
    again = whimbrel("train", "--data", str(data), "--out", "m2.json", cwd=tmp_path)
    assert (
        again.returncode == 0 and (tmp_path / "m1.json").read_bytes() == (tmp_path / "m2.json").read_bytes()
    )
    config = tmp_path / "on.toml"
    config.write_text(done.stdout, encoding="utf-8")
    monkeypatch.setenv("WHIMBREL_CONFIG", str(config))
    shown = whimbrel("explain", "Rebels shelled an army post.", "--json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    why: list[Any] = [w for s in json.loads(shown.stdout)["sentences"] for e in s["events"] for w in e["why"]]
    assert any(w.startswith("learned vote: event") for w in why)
    bad = whimbrel("train", "--data", str(tmp_path / "none.jsonl"), cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_config_names_a_missing_model_and_bad_options(tmp_path: Path) -> None:
    from whimbrel.config import load_config
    from whimbrel.errors import ConfigError
    from whimbrel.pipeline import Resources

    resources = Resources(load_config(env={}))
    with pytest.raises(ConfigError, match=r"\[stages.learned\] model: .*none.json: model file not found"):
        Learned.from_config({"model": str(tmp_path / "none.json")}, resources)
    with pytest.raises(ConfigError, match="min_probability"):
        Learned.from_config({"min_probability": 2}, resources)
    with pytest.raises(ConfigError, match="unknown option"):
        Learned.from_config({"threshold": 0.5}, resources)
    assert Learned.from_config({}, resources).model is None
