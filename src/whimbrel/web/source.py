"""Where the server reads from: the newest published snapshot of the store, as a read model.

The server never holds the store's own file open for long, so ``whimbrel run`` can write into it at
any time (see ``store.snapshot``). A background thread watches the store and its snapshot:

- when the store changed and no writer holds it, the server publishes a new snapshot itself;
- when the snapshot file was replaced (by a run after a batch, or by the server), a new read model
  is built from it in the background and swapped in only when complete. Requests meanwhile go on
  reading the previous one, so a run never shows an error or a half-written batch.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from whimbrel.errors import StoreError
from whimbrel.store.readmodel import open_read_model
from whimbrel.store.snapshot import changed_since_snapshot, publish_if_idle, snapshot_path

log = logging.getLogger("whimbrel.serve")


class NotReady(Exception):
    """No snapshot has been published yet (a run holds the store and has not finished a batch)."""


class SnapshotSource:
    """Read-model connections over the newest snapshot of the store at ``store_path``."""

    def __init__(self, store_path: str | Path, *, poll: float = 0.5) -> None:
        self.store_path = Path(store_path)
        self.snapshot = snapshot_path(self.store_path)
        self._poll = poll
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None
        self._loaded_at: float | None = None
        self._build_seconds = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.generation = 0
        self.last_error: str | None = None

    # -- life cycle ---------------------------------------------------------------------------------

    def open(self, wait: float = 0.0) -> None:
        """Publish a snapshot if the store is idle and changed, then load it; wait up to ``wait``
        seconds for a running writer to publish one. Raises StoreError for a missing store."""
        if not self.store_path.exists():
            raise StoreError(f"{self.store_path}: no such store; run `whimbrel run` first")
        self.refresh()
        deadline = time.monotonic() + wait
        while self._con is None and time.monotonic() < deadline:
            time.sleep(0.2)
            self.refresh()

    def start(self) -> None:
        """Watch the store in a background thread until :meth:`close`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="whimbrel-snapshots", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop watching, close the read model, and remove the snapshot: with no server to read it,
        a run need not keep publishing one (the next server publishes a fresh one)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
        self.snapshot.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def cursor(self) -> Iterator[tuple[duckdb.DuckDBPyConnection, int]]:
        """A cursor of the current read model and the model's generation, for one request (raises
        NotReady before the first snapshot)."""
        with self._lock:
            con = self._con
            if con is None:
                raise NotReady("waiting for the first snapshot of the store")
            cur = con.cursor()
            generation = self.generation
        try:
            yield cur, generation
        finally:
            cur.close()

    @property
    def ready(self) -> bool:
        """True once a read model is loaded."""
        return self._con is not None

    @property
    def loaded_at(self) -> float | None:
        """When (time.time()) the current read model's snapshot was written."""
        return self._loaded_at

    # -- refreshing ---------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """One round of the watcher; True when a new read model was swapped in."""
        self._request_snapshot()
        identity = self._snapshot_identity()
        if identity is None or identity == self._identity:
            return False
        if identity[2] == 0:
            return False  # the placeholder asking a running writer for a snapshot
        started = time.monotonic()
        con = open_read_model(self.snapshot)
        self._build_seconds = time.monotonic() - started
        with self._lock:
            # The previous read model is not closed here: requests still reading it hold cursors,
            # and it goes away with the last of them.
            self._con = con
            self._identity = identity
            self._loaded_at = identity[1] / 1e9
            self.generation += 1
        return True

    def _request_snapshot(self) -> None:
        if not changed_since_snapshot(self.store_path):
            return
        if publish_if_idle(self.store_path):
            return
        if not self.snapshot.exists():
            # A writer holds the store: an empty snapshot file asks it to publish after its next batch.
            self.snapshot.touch()

    def _snapshot_identity(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.snapshot)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _watch(self) -> None:
        while not self._stop.wait(max(self._poll, 2 * self._build_seconds)):
            try:
                self.refresh()
                self.last_error = None
            except (StoreError, duckdb.Error, OSError) as exc:
                # Keep serving the previous read model; say once what went wrong.
                if str(exc) != self.last_error:
                    log.warning("whimbrel serve: %s", exc)
                self.last_error = str(exc)
