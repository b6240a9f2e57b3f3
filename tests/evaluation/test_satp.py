"""The satp evaluation: attack types read from the modes of the records that run + export give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.errors import EvaluationError
from whimbrel.evaluation import satp
from whimbrel.evaluation.metrics import render
from whimbrel.evaluation.product import ProductCoder

DATA = SHARED / "data"
GOLD = DATA / "satp_relevant" / "dev.tsv"


def test_loads_rows_with_four_flags_and_splits_them() -> None:
    need_shared(GOLD)
    items = satp.load(DATA, limit=10)
    assert len(items) == 10
    assert all(it.text and it.labels <= set(satp.LABELS) for it in items)
    dev, test = satp.load(DATA, split="dev"), satp.load(DATA, split="test")
    assert len(dev) + len(test) == len(satp.load(DATA)) == 232
    assert dev and test and not {i.text for i in dev} & {i.text for i in test}


def test_labels_come_from_record_modes() -> None:
    def record(*modes: str) -> dict[str, Any]:
        return {"mode": list(modes)}

    assert satp.record_labels([record("explosives")]) == {"bombing_explosion"}
    assert satp.record_labels([record("firearms"), record("abduct")]) == {"armed_assault", "kidnapping"}
    assert satp.record_labels([record("arrest")]) == {"other"}
    assert satp.record_labels([]) == {"other"}


def test_a_short_run_scores_the_exported_modes(resources: Any) -> None:
    need_shared(GOLD)
    report = satp.evaluate(DATA, limit=12, split="dev", coder=ProductCoder(resources=resources))
    (task,) = report.tasks
    assert report.dataset == "satp" and task.n == 12
    assert [c.label for c in task.classes] == list(satp.LABELS)
    assert 0.0 <= task.extra["example_f1"] <= 1.0 and "example_f1" in render(report)


def test_missing_or_malformed_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="not found"):
        satp.evaluate(tmp_path)
    (tmp_path / "satp_relevant").mkdir()
    (tmp_path / "satp_relevant" / "dev.tsv").write_text("a report\t1\t0\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"dev\.tsv:1"):
        satp.load(tmp_path)
