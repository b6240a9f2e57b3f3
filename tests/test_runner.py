"""The runner: recoding stored documents replaces their events, and undated runs are counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import whimbrel

from whimbrel import runner
from whimbrel.config import load_config
from whimbrel.pipeline import Resources
from whimbrel.store import Store

TEXT = "Soldiers arrested 14 traders in Kano on Wednesday.\n\nPolice later freed them, witnesses said."


def _events(store: Store) -> list[tuple[str, str | None]]:
    return [(r["id"], r["date"]) for r in store.event_records()]


def test_recode_replaces_events_and_doubles_nothing(tmp_path: Path, resources: Resources) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = [str(tmp_path / "a.txt")]
    settings = resources.settings
    with Store(tmp_path / "w.duckdb") as store:
        first = runner.run(path, store, settings, published=dt.date(2024, 3, 15), resources=resources)
        before = _events(store)
        assert first.counts["coded"] == 1 and before
        again = runner.run(path, store, settings, published=dt.date(2024, 3, 15), resources=resources)
        assert again.counts == {"unchanged": 1}
        redo = runner.run(
            path, store, settings, published=dt.date(2024, 3, 15), resources=resources, recode=True
        )
        assert redo.counts["coded"] == 1
        assert _events(store) == before
        assert store.counts()["documents"] == 1 and store.counts()["passages"] == 2
        assert store.counts()["event_mentions"] == len(before)


def test_recode_after_a_config_change_takes_the_new_coding(tmp_path: Path, resources: Resources) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with Store(tmp_path / "w.duckdb") as store:
        day = dt.date(2024, 3, 15)
        runner.run([str(tmp_path / "a.txt")], store, resources.settings, published=day, resources=resources)
        dated = dict(_events(store))
        assert "2024-03-13" in dated.values()
        user = tmp_path / "c.toml"
        user.write_text("[stages.dates]\nresolve = false\n", encoding="utf-8")
        changed = load_config(user, env={})
        plain = Resources(
            changed, _nlp=resources.nlp, _gazetteer=resources.gazetteer, _actors=resources.actors
        )
        report = runner.recode(store, changed, resources=plain)
        assert report.counts["coded"] == 1
        after = dict(_events(store))
        assert after.keys() == dated.keys()  # the same events, replaced in place
        assert set(after.values()) == {"2024-03-15"}  # now every one takes the publication date


def test_a_run_without_publication_dates_counts_them(tmp_path: Path, resources: Resources) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("KANO, March 13, 2024 (Reuters) - " + TEXT, encoding="utf-8")
    with Store(":memory:") as store:
        paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
        report = runner.run(paths, store, resources.settings, resources=resources)
    assert report.counts["coded"] == 2
    assert report.undated == 1  # the dateline dates the second


def test_the_cli_warns_once_says_how_to_date_and_recodes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("Kano", "Kaduna"), encoding="utf-8")
    done = whimbrel("run", "a.txt", "b.txt", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "no publication date" in line]
    assert len(warnings) == 1 and "2 of the coded documents" in warnings[0]
    assert "--published" in warnings[0] and "dateline" in warnings[0] and "published" in warnings[0]
    stored = whimbrel("export", "--db", "w.duckdb", cwd=tmp_path).stdout
    again = whimbrel("recode", "--db", "w.duckdb", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "2 coded" in again.stderr
    assert whimbrel("export", "--db", "w.duckdb", cwd=tmp_path).stdout == stored
    assert whimbrel("run", "--db", "w.duckdb", cwd=tmp_path).returncode == 2  # no path, no --recode
