"""The indiapolice evaluation: cross-validation split by document, on the first few documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.errors import EvaluationError
from whimbrel.evaluation import indiapolice

DATA = SHARED / "data"


def test_limit_keeps_whole_documents() -> None:
    need_shared(DATA / "indiapoliceevents" / "sents.jsonl")
    sents = indiapolice.load(DATA, limit=100)
    assert len(sents) >= 100
    last = sents[-1].doc_id
    full = indiapolice.load(DATA, limit=len(sents) + 1)
    assert sum(s.doc_id == last for s in sents) == sum(s.doc_id == last for s in full)


def test_cross_validated_report_on_a_few_documents() -> None:
    need_shared(DATA / "indiapoliceevents" / "sents.jsonl")
    report = indiapolice.evaluate(DATA, limit=3000)
    assert report.dataset == "indiapolice"
    sentence = report.tasks[0]
    assert sentence.n >= 3000
    assert [c.label for c in sentence.classes] == list(indiapolice.LABELS)
    assert any("split by document" in n for n in report.notes)
    assert any("5-fold cross-validation on the visible file" in n for n in report.notes)
    # trained on ~2,400 sentences per fold: well above chance on the common label, not perfect
    any_action = next(c for c in sentence.classes if c.label == "ANY_ACTION")
    assert any_action.support > 100 and 0.4 < any_action.f1 < 1.0
    assert 0.2 < sentence.macro_f1 < 1.0
    if len(report.tasks) > 1:
        docs = report.tasks[1]
        assert docs.n == len({s.doc_id for s in indiapolice.load(DATA, limit=3000)})


def test_missing_or_malformed_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="not found"):
        indiapolice.evaluate(tmp_path)
    folder = tmp_path / "indiapoliceevents"
    folder.mkdir()
    row = {"doc_id": 1, "sent_id": 0, "sent_labels": ["SHOOT"], "sent_text": "x"}
    (folder / "sents.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"sents\.jsonl:1"):
        indiapolice.load(tmp_path)
