"""The indiapolice evaluation: police actions read from exported records, split by document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.errors import EvaluationError
from whimbrel.evaluation import indiapolice
from whimbrel.evaluation.product import ProductCoder

DATA = SHARED / "data"
SENTS = DATA / "indiapoliceevents" / "sents.jsonl"


def test_limit_keeps_whole_documents_and_splits_by_document() -> None:
    need_shared(SENTS)
    sents = indiapolice.load(DATA, limit=100)
    assert len(sents) >= 100
    last = sents[-1].doc_id
    full = indiapolice.load(DATA, limit=len(sents) + 1)
    assert sum(s.doc_id == last for s in sents) == sum(s.doc_id == last for s in full)
    dev = {s.doc_id for s in indiapolice.load(DATA, limit=2000, split="dev")}
    test = {s.doc_id for s in indiapolice.load(DATA, limit=2000, split="test")}
    assert dev and test and not dev & test


def _record(event: str, sector: str, mode: tuple[str, ...] = (), **size: int) -> dict[str, Any]:
    return {"event": event, "mode": list(mode), "actor": [{"sector": sector}], "size": size}


def test_labels_come_from_police_records() -> None:
    assert indiapolice.record_labels([_record("ASSAULT", "COP", dead=2)]) == {"ANY_ACTION", "FORCE", "KILL"}
    assert indiapolice.record_labels([_record("COERCE", "COP", ("arrest",))]) == {"ANY_ACTION", "ARREST"}
    assert indiapolice.record_labels([_record("ASSAULT", "REB", dead=2)]) == set()
    assert indiapolice.record_labels([_record("CONSULT", "COP")]) == {"ANY_ACTION"}


def test_a_short_run_report(resources: Any) -> None:
    need_shared(SENTS)
    coder = ProductCoder(resources=resources)
    report = indiapolice.evaluate(DATA, limit=40, split="test", coder=coder)
    sentence = report.tasks[0]
    assert report.dataset == "indiapolice" and sentence.n >= 40
    assert [c.label for c in sentence.classes] == list(indiapolice.SCORED)
    assert any("FAIL" in n for n in report.notes)
    assert 0.0 <= sentence.macro_f1 <= 1.0


def test_missing_or_malformed_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="not found"):
        indiapolice.evaluate(tmp_path)
    folder = tmp_path / "indiapoliceevents"
    folder.mkdir()
    row = {"doc_id": 1, "sent_id": 0, "sent_labels": ["SHOOT"], "sent_text": "x"}
    (folder / "sents.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"sents\.jsonl:1"):
        indiapolice.load(tmp_path)
