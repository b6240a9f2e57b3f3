"""``whimbrel eval`` as a user runs it: JSON and text reports, and one clear line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SHARED, need_shared, whimbrel

DATA = SHARED / "data"


def test_json_report(tmp_path: Path) -> None:
    data = need_shared(DATA / "plover_gsr_cameo")
    done = whimbrel("eval", "plover-gsr", "--data", str(data.parent), "--limit", "8", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["dataset"] == "plover-gsr" and report["split"] == "test"
    names = [t["name"] for t in report["tasks"]]
    assert names == ["event type", "actor code", "actor sector", "recipient code", "mode"]
    event = report["tasks"][0]
    assert event["n"] == 8 and 0.0 <= event["accuracy"] <= 1.0
    assert sum(sum(row.values()) for row in event["confusion"].values()) == 8
    assert "precision_at_conf_0.8" in event and len(event["reliability"]) == 5


def test_text_report(tmp_path: Path) -> None:
    data = need_shared(DATA / "cameo_pentacode")
    args = ("eval", "cameo-pentacode", "--data", str(data.parent), "--limit", "5", "--split", "dev")
    done = whimbrel(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# cameo-pentacode (dev split)")
    for part in (
        "## pentaclass  (n=5)",
        "macro",
        "micro",
        "confusion (rows gold, columns predicted)",
        "## source",
    ):
        assert part in done.stdout


def test_missing_data_dir_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    done = whimbrel("eval", "plover-gsr", "--data", str(missing), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(missing) in done.stderr
    assert "Traceback" not in done.stderr and not done.stdout


def test_missing_gold_file_and_unknown_dataset(tmp_path: Path) -> None:
    done = whimbrel("eval", "cameo-pentacode", "--data", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert str(tmp_path / "cameo_pentacode") in done.stderr and "Traceback" not in done.stderr
    unknown = whimbrel("eval", "no-such-set", cwd=tmp_path)
    assert unknown.returncode == 2 and "plover-gsr" in unknown.stderr and unknown.stderr.count("\n") == 1


def test_unknown_split_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = whimbrel("eval", "plover-gsr", "--split", "train", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "dev, test, all" in done.stderr and "Traceback" not in done.stderr
