"""Read-only snapshots of a store, so a reader (``whimbrel serve``) never waits for a writer.

DuckDB lets one process open a file read-write, or several open it read-only, never both. A run
keeps the store open read-write for its whole length, so a server reads a copy instead: the
snapshot ``<store>.snapshot`` beside the store. Whoever holds a lock that excludes writers copies
the store's committed state into a temporary file, makes it self-contained (the write-ahead log
folded in) and renames it over the snapshot, which is atomic: a reader sees the old snapshot or the
new one, never a half-written file.

- A writer (``Store.write``) republishes after a committed batch, when a snapshot exists (a server
  asked for one by creating it) and at least ``interval`` seconds (and ten times the last copy's
  time) have passed, and once more when it closes, so the newest committed batch is always
  published in the end.
- A server removes the snapshot when it stops, so runs without a server copy nothing.
- A server publishes one itself when the store has no writer, and again when the store changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from pathlib import Path

import duckdb

from whimbrel.errors import StoreError

SNAPSHOT_SUFFIX = ".snapshot"
DEFAULT_INTERVAL = 1.0
"""Seconds between two snapshots published by one writer; the last batch is always published."""


def snapshot_path(store_path: str | Path) -> Path:
    """Where the snapshot of the store at ``store_path`` lives."""
    return Path(f"{store_path}{SNAPSHOT_SUFFIX}")


def wal_path(db_path: str | Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return Path(f"{db_path}.wal")


def publish(store_path: str | Path) -> Path:
    """Copy the store's committed state to its snapshot; the caller must exclude writers meanwhile.

    The caller either is the writer (between two transactions) or holds a read-only connection.
    """
    source = Path(store_path)
    target = snapshot_path(source)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        shutil.copyfile(source, tmp)
        if wal_path(source).exists():
            shutil.copyfile(wal_path(source), wal_path(tmp))
            con = duckdb.connect(str(tmp))  # replays the log into the private copy
            try:
                con.execute("CHECKPOINT")
            finally:
                con.close()
        os.replace(tmp, target)
    except (OSError, duckdb.Error) as exc:
        raise StoreError(f"{source}: cannot publish a snapshot: {exc}") from exc
    finally:
        for leftover in (tmp, wal_path(tmp)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return target


def publish_if_idle(store_path: str | Path) -> bool:
    """Publish a snapshot when no process writes the store; return False when a writer holds it."""
    try:
        con = duckdb.connect(str(store_path), read_only=True)
    except duckdb.Error as exc:
        if is_lock_error(exc):
            return False
        raise StoreError(f"{store_path}: cannot open store: {exc}") from exc
    try:
        publish(store_path)
    finally:
        con.close()
    return True


def changed_since_snapshot(store_path: str | Path) -> bool:
    """True when the store's files are newer than its snapshot (or there is no snapshot)."""
    try:
        snap = snapshot_path(store_path).stat().st_mtime_ns
    except FileNotFoundError:
        return True
    newest = 0
    for path in (Path(store_path), wal_path(store_path)):
        with contextlib.suppress(FileNotFoundError):
            newest = max(newest, path.stat().st_mtime_ns)
    return newest > snap


def is_lock_error(exc: BaseException) -> bool:
    """True for DuckDB's refusal to open a file another process has locked."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


class Publisher:
    """A writer's side: republish after committed writes, at most once per ``interval`` seconds, and
    never more often than ten times the last copy took (so copying costs a run at most a tenth of
    its time, however large the store)."""

    def __init__(self, store_path: str, interval: float = DEFAULT_INTERVAL) -> None:
        self._path = store_path
        self._interval = interval
        self._gap = interval
        self._last = 0.0
        self._pending = False

    def wanted(self) -> bool:
        """A snapshot is kept up to date only once a reader has asked for one (by creating it)."""
        return not self._path.startswith(":memory:") and snapshot_path(self._path).exists()

    def changed(self) -> None:
        """Something was committed that the next snapshot must include."""
        self._pending = True

    def after_write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Called between transactions after a commit."""
        self._pending = True
        if time.monotonic() - self._last >= self._gap:
            self.flush(con)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        """Publish now if anything was written since the last snapshot and a reader wants one."""
        if not self._pending or not self.wanted():
            return
        started = time.monotonic()
        con.execute("CHECKPOINT")
        publish(self._path)
        self._last = time.monotonic()
        self._gap = max(self._interval, 10 * (self._last - started))
        self._pending = False
