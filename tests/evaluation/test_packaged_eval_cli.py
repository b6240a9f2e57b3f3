"""``whimbrel eval wire``, ``eval behaviour`` and ``eval actors`` as a user runs them: no --data needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import whimbrel


@pytest.mark.slow
def test_wire_json_report_from_the_package(tmp_path: Path) -> None:
    done = whimbrel("eval", "wire", "--split", "dev", "--limit", "2", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["dataset"] == "wire"
    fields, events = report["tasks"]
    assert set(fields["classes"]) == {
        "event", "actor", "recipient", "place", "date", "size", "status", "attribution",
    }  # fmt: skip
    assert set(events["classes"]) == {"lenient", "strict"}
    assert any("split dev" in note for note in report["notes"])
    assert any("2 reports" in note for note in report["notes"])


@pytest.mark.slow
def test_behaviour_text_and_json_reports(tmp_path: Path) -> None:
    done = whimbrel(
        "eval", "behaviour", "--template", "dates.yesterday", "--json", "--failures", "1", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(report["templates"]) == ["dates.yesterday"]
    entry = report["templates"]["dates.yesterday"]
    assert entry["cases"] >= 20 and 0.0 <= entry["rate"] <= 1.0
    assert report["cases"] == entry["cases"]


def test_bad_split_and_template_are_one_line(tmp_path: Path) -> None:
    done = whimbrel("eval", "wire", "--split", "train", cwd=tmp_path)
    assert done.returncode == 2 and "unknown split 'train'" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    done = whimbrel("eval", "behaviour", "--template", "no-such-template", cwd=tmp_path)
    assert done.returncode == 2 and "no behaviour template starts with" in done.stderr


@pytest.mark.slow
def test_actors_json_report_from_the_package(tmp_path: Path) -> None:
    done = whimbrel("eval", "actors", "--split", "dev", "--limit", "4", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["dataset"] == "actors"
    fields, categories = report["tasks"]
    assert set(fields["classes"]) == {"code", "sector", "identifier", "all fields"}
    assert categories["classes"]
    assert any("split dev" in note for note in report["notes"])
    assert any("4 cases" in note for note in report["notes"])
