"""The satp evaluation: 5-fold cross-validation of the satp model on a few rows of the visible file."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.errors import EvaluationError
from whimbrel.evaluation import satp
from whimbrel.evaluation.metrics import render

DATA = SHARED / "data"


def test_loads_rows_with_four_flags() -> None:
    need_shared(DATA / "satp_relevant" / "dev.tsv")
    items = satp.load(DATA, limit=10)
    assert len(items) == 10
    assert all(it.text and it.labels <= set(satp.LABELS) for it in items)
    # the SOURCE.md sample row: a blast is bombing_explosion only
    assert satp.load(DATA, limit=1)[0].labels == {"bombing_explosion"}


def test_cross_validated_report_on_a_few_rows() -> None:
    need_shared(DATA / "satp_relevant" / "dev.tsv")
    report = satp.evaluate(DATA, limit=60)
    assert report.dataset == "satp"
    model, rules = report.tasks
    assert model.n == rules.n == 60
    assert [c.label for c in model.classes] == list(satp.LABELS)
    assert any("5-fold cross-validation on the visible file" in n for n in report.notes)
    # out-of-fold predictions on 48 training rows per fold: clearly better than chance, not perfect
    assert 0.5 < model.extra["example_f1"] <= 1.0
    assert "example_f1" in render(report)
    # deterministic: the same folds and the same scores
    again = satp.evaluate(DATA, limit=60)
    assert again.tasks[0].extra == model.extra


def test_rule_baseline_reads_mode_cues() -> None:
    assert satp.rule_labels("A bomb exploded near the bus stand.") == {"bombing_explosion"}
    assert satp.rule_labels("Maoists kidnapped a contractor.") == {"kidnapping"}
    assert satp.rule_labels("Cadres set up a roadblock.") == {"other"}


def test_missing_or_malformed_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="not found"):
        satp.evaluate(tmp_path)
    (tmp_path / "satp_relevant").mkdir()
    (tmp_path / "satp_relevant" / "dev.tsv").write_text("a report\t1\t0\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"dev\.tsv:1"):
        satp.load(tmp_path)
