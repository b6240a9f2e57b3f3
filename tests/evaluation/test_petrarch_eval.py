"""The petrarch evaluation: PETRARCH's test records, coded with the imported PETR.Validate dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.evaluation import petrarch
from whimbrel.evaluation.metrics import render
from whimbrel.pipeline import Resources

DATA = SHARED / "data"
FOLDER = DATA / "petrarch_validation"
LIMIT = 12


def test_records_are_read_from_both_files() -> None:
    folder = need_shared(FOLDER)
    unit = petrarch.read_records(folder / petrarch.FILES[0])
    assert len(unit) == 284
    assert sum(1 for r in unit if r.skip is None) == 280
    first = unit[0]
    assert (first.id, first.date) == ("DEMO-00", petrarch._date("19950101"))
    assert first.gold == frozenset({("ARN", "GON", "064")})
    assert first.text.startswith("Arnor is about to restore full diplomatic ties with Gondor")
    discard = next(r for r in unit if r.id == "DISCARD-01")
    assert discard.skip is None and discard.gold == frozenset()  # a discarded story codes nothing
    validate = petrarch.read_records(folder / petrarch.FILES[1])  # not well-formed XML: read forgivingly
    scored = [r for r in validate if r.skip is None]
    assert len(validate) == 406 and len(scored) > 300
    assert all(r.text and "(ROOT" not in r.text for r in scored)


def test_a_short_run_scores_both_files_and_every_variant(resources: Resources) -> None:
    need_shared(FOLDER)
    result = petrarch.run(DATA, limit=LIMIT, shared=resources)
    report = result.report
    assert report.dataset == "petrarch"
    names = [t.name for t in report.tasks]
    assert len(names) == 2 * 2 * len(petrarch.VARIANTS)
    for variant in petrarch.VARIANTS:
        for file in petrarch.FILES:
            assert f"{file} [{variant}]: CAMEO root codes" in names
            assert f"{file} [{variant}]: triples (source, target, code)" in names
    triples = {t.name: t for t in report.tasks if "triples" in t.name}
    for task in triples.values():
        assert task.n == LIMIT
        assert 0.0 <= task.extra["exact_record_rate"] <= 1.0
        assert 0.0 <= task.extra["triple_f1"] <= 1.0
    unit = petrarch.FILES[0]
    compat = triples[f"{unit} [compat]: triples (source, target, code)"]
    strict = triples[f"{unit} [strict]: triples (source, target, code)"]
    # The first record is the "first light" sentence: it must be coded exactly.
    first = result.records.index(next(r for r in result.records if r.id == "DEMO-00"))
    assert result.predictions["compat"][first] == {("ARN", "GON", "064")}
    assert compat.extra["exact_record_rate"] >= 0.4
    assert compat.extra["triple_f1"] >= strict.extra["triple_f1"]
    assert any(note.startswith("importer: actor entries") for note in report.notes)
    assert "exact_record_rate" in render(report)


def test_a_missing_folder_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(petrarch.EvaluationError, match=r"no PETR\.UnitTest\.records\.xml"):
        petrarch.evaluate(tmp_path)
