"""The server keeps answering while a writer holds the store, and shows each committed batch."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from whimbrel.store import Store, schema
from whimbrel.store.snapshot import changed_since_snapshot, publish, publish_if_idle, snapshot_path
from whimbrel.web.app import ServeOptions, create_app
from whimbrel.web.source import SnapshotSource

from .conftest import ROOT, load_synthetic

HOLD = """
import sys
from whimbrel.store import Store
with Store({store!r}):
    print("open", flush=True)
    sys.stdin.readline()
"""
READ = """
import time, duckdb
con = duckdb.connect({store!r}, read_only=True)
print("open", flush=True)
time.sleep(0.5)
con.close()
"""


def wait_for(predicate: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


WRITER = """
import sys, time
sys.path.insert(0, {bench!r})
import synthetic
from whimbrel.store import Store
docs = list(synthetic.documents(60, seed=3, per_doc=5))
with Store({store!r}) as store:
    run_id = store.start_run({{}})
    print("open", flush=True)
    for at in range(4, 12, 2):
        store.write(docs[at : at + 2], run_id)
        print("wrote", (at + 2) * 5, flush=True)
        time.sleep(1.2)
    sys.stdin.readline()  # hold the store open until the test lets go
"""


def test_serving_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    synthetic = load_synthetic()
    docs = list(synthetic.documents(60, seed=3, per_doc=5))
    store_path = tmp_path / "live.duckdb"
    with Store(store_path) as store:
        store.write(docs[:4], store.start_run({}))
    app = create_app(ServeOptions(store=store_path, poll=0.05))
    code = WRITER.format(bench=str(ROOT / "benchmarks"), store=str(store_path))
    with TestClient(app) as client:
        assert client.get("/api/events").json()["total"] == 20
        with subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        ) as writer:
            assert writer.stdout is not None and writer.stdin is not None
            assert writer.stdout.readline().strip() == "open"
            seen = []
            for _ in range(4):
                expected = int(writer.stdout.readline().split()[1])
                assert wait_for(lambda e=expected: client.get("/api/events").json()["total"] >= e), expected
                response = client.get("/api/stats/overview")
                assert response.status_code == 200  # never an error while the writer holds the store
                seen.append(response.json()["totals"]["events"])
            assert seen == [30, 40, 50, 60]
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.wait(timeout=60) == 0


def test_last_batch_is_published_when_the_writer_closes(tmp_path: Path) -> None:
    synthetic = load_synthetic()
    docs = list(synthetic.documents(30, seed=4))
    store_path = tmp_path / "live.duckdb"
    with Store(store_path) as store:
        store.write(docs[:1], store.start_run({}))
    publish(store_path)
    with Store(store_path) as store:
        run_id = store.start_run({})
        store.write(docs[1:3], run_id)  # published at once (first write of this writer)
        store.write(docs[3:], run_id)  # within the interval: published on close
    source = SnapshotSource(store_path)
    source.open()
    with source.cursor() as (cur, _generation):
        assert cur.execute("SELECT count(*) FROM ev").fetchone() == (30,)
    source.close()
    assert not snapshot_path(store_path).exists()  # no server: later runs copy nothing


def test_snapshot_waits_for_no_writer(tmp_path: Path) -> None:
    store_path = tmp_path / "s.duckdb"
    Store(store_path).close()
    with subprocess.Popen(
        [sys.executable, "-c", HOLD.format(store=str(store_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == b"open"
        assert publish_if_idle(store_path) is False  # a writer holds the lock: nothing copied under it
        holder.stdin.write(b"\n")
        holder.stdin.flush()
        assert holder.wait(timeout=60) == 0
    assert changed_since_snapshot(store_path)
    assert publish_if_idle(store_path) is True
    assert not changed_since_snapshot(store_path)
    con = duckdb.connect(str(snapshot_path(store_path)), read_only=True)
    assert con.execute("SELECT count(*) FROM migrations").fetchone() == (len(schema.MIGRATIONS),)
    con.close()


def test_a_writer_waits_for_a_snapshot_being_taken(tmp_path: Path) -> None:
    store_path = tmp_path / "w.duckdb"
    Store(store_path).close()
    with subprocess.Popen(
        [sys.executable, "-c", READ.format(store=str(store_path))], stdout=subprocess.PIPE
    ) as reader:
        assert reader.stdout is not None and reader.stdout.readline().strip() == b"open"
        started = time.monotonic()
        with Store(store_path, lock_wait=30) as store:  # opens once the reader has let go
            assert store.counts()["events"] == 0
        assert time.monotonic() - started >= 0.2
        assert reader.wait(timeout=60) == 0
