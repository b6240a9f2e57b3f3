"""The CLI side: `export --reviewed` applies the reviews file; `serve` refuses a missing store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from tests.conftest import whimbrel

from whimbrel.reviews import ReviewLog, make_review, reviews_path


def test_export_reviewed_applies_the_reviews_file(store_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    shutil.copyfile(store_path, db)
    con = duckdb.connect(str(db), read_only=True)
    first, second = (
        json.loads(r[0]) for r in con.execute("SELECT record FROM events ORDER BY id LIMIT 2").fetchall()
    )
    con.close()
    log = ReviewLog(reviews_path(db))
    log.append(make_review(first, "wrong"))
    log.append(make_review(second, "corrected", {"event": "AID", "recipient": ["Flood victims"]}))
    plain = whimbrel("export", "--db", str(db), cwd=tmp_path)
    reviewed = whimbrel("export", "--db", str(db), "--reviewed", cwd=tmp_path)
    assert plain.returncode == 0 and reviewed.returncode == 0, reviewed.stderr
    before = {r["id"]: r for r in map(json.loads, plain.stdout.splitlines())}
    after = {r["id"]: r for r in map(json.loads, reviewed.stdout.splitlines())}
    assert first["id"] in before and first["id"] not in after
    assert len(after) == len(before) - 1
    assert after[second["id"]]["event"] == "AID"
    assert after[second["id"]]["recipient"][0]["entity_text"] == "Flood victims"
    assert before[second["id"]]["event"] == second["event"]  # the store itself is unchanged


def test_export_reviewed_names_a_malformed_reviews_file(store_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    done = whimbrel("export", "--db", str(store_path), "--reviewed", "--reviews", str(bad), cwd=tmp_path)
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    done = whimbrel("serve", "--db", str(tmp_path / "none.duckdb"), cwd=tmp_path)
    assert done.returncode == 2 and "no such store" in done.stderr
