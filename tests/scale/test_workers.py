"""``whimbrel run --workers 2`` stores exactly what one process stores, and exports the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
from tests.conftest import SHARED
from tests.scale.corpus import write_corpus
from tests.scale.test_resume import store_contents


def _whimbrel(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WHIMBREL_CACHE_DIR=str(tmp / ".cache"))
    return subprocess.run([sys.executable, "-m", "whimbrel", *args], env=env, capture_output=True, text=True)


def _records(tmp: Path, db: Path) -> list[dict[str, Any]]:
    done = _whimbrel(tmp, "export", "--db", str(db), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("workers")
    # Batches of 2 with a paragraph repeated every fourth report: batches in flight at the same time
    # share passages, so some must be coded again once an earlier batch has claimed them.
    corpus = write_corpus(tmp / "corpus.jsonl", 40)
    config = tmp / "small-batches.toml"
    config.write_text("[pipeline]\nbatch_size = 2\n", encoding="utf-8")
    one, two = tmp / "one.duckdb", tmp / "two.duckdb"
    for db, workers in ((one, "1"), (two, "2")):
        done = _whimbrel(
            tmp, "run", str(corpus), "--db", str(db), "--config", str(config), "--workers", workers
        )
        assert done.returncode == 0, done.stderr
        assert "40 coded" in done.stderr or "39 coded" in done.stderr, done.stderr
    return tmp, one, two


def test_two_workers_store_what_one_process_stores(stores: tuple[Path, Path, Path]) -> None:
    _tmp, one, two = stores
    single, double = store_contents(one), store_contents(two)
    assert single["events"], "the corpus must code events"
    con = duckdb.connect(str(one), read_only=True)
    try:
        repeats = con.execute("SELECT count(*) FROM passages WHERE duplicate_of IS NOT NULL").fetchone()
    finally:
        con.close()
    assert repeats and repeats[0] > 0, "some passages must repeat"
    for table, rows in single.items():
        assert double[table] == rows, f"table {table} differs between 1 and 2 workers"


def test_two_workers_export_the_same_records(stores: tuple[Path, Path, Path]) -> None:
    tmp, one, two = stores
    single, double = _records(tmp, one), _records(tmp, two)
    assert single and single == double
    schema_path = SHARED / "record.schema.json"
    if schema_path.exists():
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        for record in double:
            jsonschema.validate(record, schema)


def test_dask_local_cluster_stores_what_one_process_stores(stores: tuple[Path, Path, Path]) -> None:
    """``--engine dask`` against a real two-process LocalCluster started here."""
    from distributed import LocalCluster

    tmp, one, _two = stores
    corpus, config, db = tmp / "corpus.jsonl", tmp / "small-batches.toml", tmp / "dask.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = _whimbrel(
            tmp, "run", str(corpus), "--db", str(db), "--config", str(config),
            "--engine", "dask", "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert store_contents(db) == store_contents(one)
    assert _records(tmp, db) == _records(tmp, one)
