"""A run killed with SIGKILL and run again ends with exactly the store of a run never interrupted.

The killed run is a real ``whimbrel run`` process writing a real DuckDB file. The test watches its
progress through the store's read-only snapshot (which a writer republishes after committed batches
once a reader has asked for one by creating it), so the kill lands after a chosen number of
documents are committed, while later batches are still being coded or written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.scale.corpus import write_corpus

# Columns that say when or by which run a row was written, which a resumed run cannot reproduce.
_RUN_COLUMNS = frozenset({"run_id", "added_at", "seq"})
CORPUS = 144


def _command(corpus: Path, db: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "whimbrel", "run", str(corpus), "--db", str(db), "--config", str(config)]


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WHIMBREL_CACHE_DIR"] = str(tmp / ".cache")
    return env


def store_contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but ``runs`` and ``migrations``, without run ids and timestamps, rows sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            str(name)
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
            if name not in {"runs", "migrations"}
        ]
        contents: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            columns = [
                str(name)
                for name, kind in con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if name not in _RUN_COLUMNS and not str(kind).startswith("TIMESTAMP")
            ]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            contents[table] = sorted(rows, key=repr)
        return contents
    finally:
        con.close()


def _stored_documents(db: Path) -> int:
    """Documents committed so far, read from the snapshot; -1 while there is none to read."""
    snap = Path(f"{db}.snapshot")
    if not snap.exists() or snap.stat().st_size == 0:
        return -1
    try:
        con = duckdb.connect(str(snap), read_only=True)
    except duckdb.Error:
        return -1
    try:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else -1
    except duckdb.Error:
        return -1
    finally:
        con.close()


def _kill_after(cmd: list[str], db: Path, documents: int, env: dict[str, str]) -> None:
    """Start ``cmd``, SIGKILL it once at least ``documents`` are committed; fail if it ends first."""
    Path(f"{db}.snapshot").touch()  # ask the writer to keep a snapshot up to date
    log = db.with_suffix(".log")
    with log.open("wb") as stderr:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            if _stored_documents(db) >= documents:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, (
        f"the run ended on its own (exit {proc.returncode}) before the kill: {log.read_text()}"
    )


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, list[tuple[Any, ...]]]]:
    tmp = tmp_path_factory.mktemp("resume")
    # Long enough that the kill at 24 documents lands mid-run even on an idle machine, where the
    # snapshot the test watches can lag the writer by a batch or two.
    corpus = write_corpus(tmp / "corpus.jsonl", CORPUS)
    config = tmp / "small-batches.toml"
    config.write_text("[pipeline]\nbatch_size = 3\n", encoding="utf-8")
    clean = tmp / "clean.duckdb"
    done = subprocess.run(_command(corpus, clean, config), env=_env(tmp), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    contents = store_contents(clean)
    assert len(contents["documents"]) == CORPUS and contents["events"], "the corpus must code events"
    return corpus, config, contents


def setup_db(setup: tuple[Path, Path, Any]) -> Path:
    """The clean run's store file, beside its corpus."""
    return setup[0].parent / "clean.duckdb"


@pytest.mark.parametrize("documents", [3, 24])
def test_killed_run_resumes_to_the_store_of_a_clean_run(
    setup: tuple[Path, Path, dict[str, list[tuple[Any, ...]]]], tmp_path: Path, documents: int
) -> None:
    corpus, config, clean = setup
    db = tmp_path / "killed.duckdb"
    cmd = _command(corpus, db, config)
    env = _env(tmp_path)
    _kill_after(cmd, db, documents, env)
    if documents:
        partial = store_contents(db)
        assert documents <= len(partial["documents"]) < len(clean["documents"])
    again = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    resumed = store_contents(db)
    assert resumed.keys() == clean.keys()
    for table, rows in clean.items():
        assert resumed[table] == rows, f"table {table} differs after the resumed run"
    # Running the finished command once more adds nothing.
    third = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert third.returncode == 0, third.stderr
    assert store_contents(db) == clean
    assert f"{CORPUS} unchanged" in third.stderr


def test_store_contents_sees_a_lost_event(setup: tuple[Path, Path, Any], tmp_path: Path) -> None:
    """The comparison itself fails when a row is missing, so the resume test can fail."""
    _corpus, _config, clean = setup
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(setup_db(setup), db)
    assert store_contents(db) == clean
    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM event_mentions WHERE event_id = (SELECT min(event_id) FROM event_mentions)")
    finally:
        con.close()
    assert store_contents(db) != clean
    assert json.dumps(sorted(clean)) == json.dumps(sorted(store_contents(db)))
