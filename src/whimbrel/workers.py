"""Code batches in worker processes while the caller stays the single writer, in input order.

Each worker builds the pipeline once and codes whole batches. The only state a batch reads from the
run is the passage ledger (has this paragraph been seen before?), so a batch is sent with the
ledger's entries for the passages it holds, and returns the passages it claims for the first time.

Results are taken back in input order. A batch coded while earlier batches were still in flight may
have missed a passage one of them claimed; the caller detects that (the batch holds a passage hash
committed after the batch was sent) and codes the batch again with the ledger as it now is, so the
stored output is the one a single process gives.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from whimbrel.config import Settings
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline
from whimbrel.run_state import PassageLedger, RunState
from whimbrel.stages.passages import spans, text_hash


@dataclass(frozen=True, slots=True)
class Coded:
    """A batch coded by a worker: the documents, the passages they claimed, the stage timings."""

    docs: list[Document]
    claims: dict[str, tuple[str, int]]
    timings: dict[str, float]


_pipeline: Pipeline | None = None
_lock = threading.Lock()  # a Dask worker may run tasks in threads; one pipeline codes one batch at a time


def _start(settings: Settings) -> None:
    global _pipeline  # one pipeline per worker process, built once
    _pipeline = Pipeline.from_config(settings)


def _code_on_dask(settings: Settings, docs: list[Document], known: dict[str, str]) -> Coded:
    with _lock:
        if _pipeline is None:
            _start(settings)
        return _code(docs, known)


def _code(docs: list[Document], known: dict[str, str]) -> Coded:
    assert _pipeline is not None, "worker not started"
    state = RunState(PassageLedger(known))
    before = dict(_pipeline.timings)
    coded = _pipeline.run_batch(docs, state)
    timings = {k: v - before.get(k, 0.0) for k, v in _pipeline.timings.items()}
    return Coded(coded, state.passages.claims(), timings)


def passage_hashes(docs: Iterable[Document]) -> frozenset[str]:
    """The text hash of every passage of the pending documents (what their coding may look up)."""
    return frozenset(
        text_hash(d.text[start:end]) for d in docs if d.status == "pending" for start, end in spans(d.text)
    )


@dataclass
class _InFlight:
    docs: list[Document]
    hashes: frozenset[str]
    sent_at: int  # how many batches had been taken back when this one was sent
    future: Future[Coded] | Any  # a concurrent.futures or a distributed future


class WorkerPool:
    """``workers`` processes coding batches for one run; ``code`` yields results in input order."""

    def __init__(self, settings: Settings, workers: int, scheduler: str | None = None) -> None:
        """Local processes, or with ``scheduler`` a dask.distributed cluster (``"local"``: one here)."""
        self._settings = settings
        self._stack = contextlib.ExitStack()
        self._client: Any = None
        self._pool: ProcessPoolExecutor | None = None
        if scheduler is None:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(settings,),
            )
            self._stack.callback(self._pool.shutdown, wait=True, cancel_futures=True)
        else:
            self._client, workers = self._stack.enter_context(_dask_client(scheduler, workers))
        self._window = 2 * max(1, workers)
        self.timings: dict[str, float] = {}
        self.recoded = 0

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def code(
        self,
        batches: Iterable[list[Document]],
        ledger: PassageLedger,
        on_taken: Callable[[], None] | None = None,
    ) -> Iterator[list[Document]]:
        """Code ``batches`` in order; the caller stores each yielded batch and commits ``ledger``.

        The caller must commit (or roll back) ``ledger`` before asking for the next batch.
        """
        pending: deque[_InFlight] = deque()
        claimed: dict[int, frozenset[str]] = {}  # batch number -> the hashes it claimed, while needed
        taken = 0
        source = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self._window:
                docs = next(source, None)
                if docs is None:
                    exhausted = True
                    break
                pending.append(self._send(docs, ledger, taken))
            if not pending:
                return
            job = pending.popleft()
            coded = job.future.result()
            if any(job.hashes & claimed[n] for n in range(job.sent_at, taken)):
                self.recoded += 1  # an earlier batch claimed one of its passages meanwhile
                coded = self._send(job.docs, ledger, taken).future.result()
            for key, value in coded.timings.items():
                self.timings[key] = self.timings.get(key, 0.0) + value
            for digest, (doc_id, index) in coded.claims.items():
                ledger.claim(digest, doc_id, index)
            claimed[taken] = frozenset(coded.claims)
            taken += 1
            oldest = min((p.sent_at for p in pending), default=taken)
            for n in [n for n in claimed if n < oldest]:
                del claimed[n]
            yield coded.docs

    def _send(self, docs: Sequence[Document], ledger: PassageLedger, taken: int) -> _InFlight:
        hashes = passage_hashes(docs)
        known = {h: ref for h in hashes if (ref := ledger.first(h)) is not None}
        future: Any
        if self._pool is not None:
            future = self._pool.submit(_code, list(docs), known)
        else:  # pure=False: a batch sent again must be coded again, not taken from Dask's cache
            future = self._client.submit(_code_on_dask, self._settings, list(docs), known, pure=False)
        return _InFlight(list(docs), hashes, taken, future)


@contextlib.contextmanager
def _dask_client(scheduler: str, workers: int) -> Iterator[tuple[Any, int]]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster  # imported only for --engine dask

    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)  # type: ignore[no-untyped-call]
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client, workers
    else:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client, max(1, len(client.scheduler_info().get("workers", {})))
