"""`whimbrel export` and `whimbrel events` from a user's side: formats, filters, errors, pipes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from tests.conftest import whimbrel
from tests.store_builders import load_builders

from whimbrel.store import Store

B = load_builders()


def _store(path: Path, n_docs: int = 3) -> None:
    docs = []
    for i in range(n_docs):
        doc = B.make_doc(f"d{i:04d}x", events=2, origin=f"/corpus/file{i}.txt")
        events = (doc.events[0], replace(doc.events[1], status="hypothetical", id=f"hyp-{i}"))
        docs.append(replace(doc, events=events))
    with Store(path) as store:
        store.write(docs, store.start_run({}))


def test_csv_parquet_and_tsv_exports(tmp_path: Path) -> None:
    _store(tmp_path / "w.duckdb")
    csv_done = whimbrel("export", "--db", "w.duckdb", "--format", "csv", cwd=tmp_path)
    assert csv_done.returncode == 0, csv_done.stderr
    frame = pd.read_csv(io.StringIO(csv_done.stdout))
    assert len(frame) == 3 and set(frame["status"]) == {"asserted"}
    every = whimbrel("export", "--db", "w.duckdb", "-f", "csv", "--all-statuses", cwd=tmp_path)
    assert len(pd.read_csv(io.StringIO(every.stdout))) == 6
    hyp = whimbrel("export", "--db", "w.duckdb", "-f", "csv", "--status", "hypothetical", cwd=tmp_path)
    assert set(pd.read_csv(io.StringIO(hyp.stdout))["status"]) == {"hypothetical"}
    done = whimbrel("export", "--db", "w.duckdb", "-f", "parquet", "-o", "e.parquet", cwd=tmp_path)
    assert done.returncode == 0 and "exported 6 events to e.parquet" in done.stderr
    jsonl = whimbrel("export", "--db", "w.duckdb", cwd=tmp_path)
    assert pq.read_table(tmp_path / "e.parquet").to_pylist() == [
        json.loads(x) for x in jsonl.stdout.splitlines()
    ]
    parts = whimbrel(
        "export", "--db", "w.duckdb", "-f", "parquet", "--partition", "-o", "parts", cwd=tmp_path
    )
    assert parts.returncode == 0 and (tmp_path / "parts" / "year=2023" / "country=IRQ").is_dir()
    tsv = whimbrel("export", "--db", "w.duckdb", "-f", "cameo-tsv", cwd=tmp_path)
    assert tsv.stdout.splitlines()[0].startswith("EventID\tDate\t") and len(tsv.stdout.splitlines()) == 7


def test_filters_by_document_prefix_and_file_name(tmp_path: Path) -> None:
    _store(tmp_path / "w.duckdb")
    by_prefix = whimbrel("export", "--db", "w.duckdb", "--doc", "d0001", cwd=tmp_path)
    assert {json.loads(x)["text_info"]["doc_id"] for x in by_prefix.stdout.splitlines()} == {"d0001x"}
    by_file = whimbrel("events", "--db", "w.duckdb", "--doc", "file2.txt", cwd=tmp_path)
    assert by_file.returncode == 0 and "2 of 6 events" in by_file.stdout
    for args, message in (
        (("--status", "foo"), "--status 'foo' is not a status"),
        (("--doc", "nothing-like-it"), "no stored document"),
        (("--doc", "d000"), "fits several documents"),
        (("--country", "Narnia"), "not an ISO 3166 country"),
        (("--since", "2024-13-01"), "is not an ISO date"),
        (("--event", "EXPLODE"), "is not a PLOVER event"),
    ):
        for command in ("export", "events"):
            done = whimbrel(command, "--db", "w.duckdb", *args, cwd=tmp_path)
            assert done.returncode == 2, (command, args, done.stderr)
            assert message in done.stderr and "Traceback" not in done.stderr


def test_export_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    _store(tmp_path / "w.duckdb", n_docs=400)
    script = (
        f"{sys.executable} -m whimbrel export --db w.duckdb 2>err.txt | head -n 1 >/dev/null; "
        'echo "${PIPESTATUS[0]}"'
    )
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "0", done.stdout
    assert (tmp_path / "err.txt").read_text(encoding="utf-8") == ""
