"""Run the pipeline over inputs into the store: batch by batch, nothing lost, nothing doubled."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from whimbrel import dates
from whimbrel.config import Settings
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.provenance import produced_by
from whimbrel.run_state import PassageLedger, RunState
from whimbrel.stages.ingest import IngestOptions, read_inputs
from whimbrel.store import Store
from whimbrel.workers import WorkerPool


@dataclass
class RunReport:
    """What a run did: counts by document status, events, failures and stage timings."""

    run_id: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Document] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    undated: int = 0  # coded documents with no publication date and no dated dateline

    @property
    def failed(self) -> bool:
        """True when any input failed or was skipped."""
        return bool(self.problems)


Progress = Callable[[Document], None]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Triage:
    """Decide, before coding, what each input is: new, unchanged, a duplicate, or a clashing id."""

    recode: bool = False  # documents stored as they are are coded again, not skipped
    seen: dict[str, str] = field(default_factory=dict)  # content hash -> first doc id in this run
    ids: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc id -> (content hash, origin)
    recoded: set[str] = field(default_factory=set)  # stored doc ids coded again in this run

    def __call__(self, doc: Document, known: dict[str, set[str]]) -> Document | None:
        """The document to code or store, or None when it is already stored as it is."""
        if doc.status != "pending":
            return doc
        first = self.ids.setdefault(doc.id, (doc.content_hash, doc.origin))
        if first[0] != doc.content_hash:
            reason = f"duplicate id {doc.id!r} with other text (first at {first[1]})"
            return replace(doc, id=f"input:{doc.content_hash[:16]}", status="failed", reason=reason)
        stored = known.get(doc.content_hash)
        if stored is not None:
            if doc.id in stored:
                if not self.recode or doc.id in self.recoded:
                    return None  # stored as it is (or already coded again in this run)
                self.recoded.add(doc.id)
                return doc
            # The same text under a new id keeps a row of its own, so a gold set aligned by id finds it.
            return replace(doc, status="duplicate", reason=f"same text as document {min(stored)}")
        earlier = self.seen.get(doc.content_hash)
        if earlier is None:
            self.seen[doc.content_hash] = doc.id
            return doc
        if earlier == doc.id:
            return None  # the same input given twice
        return replace(doc, status="duplicate", reason=f"same text as document {earlier}")


def ingest_options(settings: Settings, *, published: dt.date | None = None) -> IngestOptions:
    """The ingest options of the ``[ingest]`` settings."""
    cfg = settings.ingest
    return IngestOptions(
        published=published,
        encoding=cfg.encoding,
        max_bytes=cfg.max_bytes,
        max_archive_bytes=cfg.max_archive_bytes,
        max_archive_members=cfg.max_archive_members,
        languages=tuple(cfg.languages),
    )


def run(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    published: dt.date | None = None,
    resources: Resources | None = None,
    stdin: BinaryIO | None = None,
    on_document: Progress | None = None,
    options: IngestOptions | None = None,
    recode: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
) -> RunReport:
    """Read ``paths``, code the new documents, and write each batch to ``store`` in one transaction.

    ``options`` (default: from ``settings`` and ``published``) say how inputs are read; the store's
    own file is never read as an input. With ``recode``, inputs already stored as they are are coded
    again and replace what was stored (after a change of knowledge, model or config); nothing is doubled.
    ``workers`` above 1 codes batches in that many processes (:mod:`whimbrel.workers`) while this one
    writes, with the output of a single process; with ``scheduler`` (a Dask scheduler address, or
    ``"local"``) they run on dask.distributed.
    """
    options = options or ingest_options(settings, published=published)
    if not store.path.startswith(":memory:"):
        options = replace(options, exclude=(*options.exclude, os.path.realpath(store.path)))
    docs = read_inputs(paths, options, stdin=stdin)
    languages = tuple(options.languages or ())
    return _run(
        docs,
        store,
        settings,
        resources,
        on_document,
        recode=recode,
        languages=languages,
        workers=workers,
        scheduler=scheduler,
    )


def recode(
    store: Store,
    settings: Settings,
    *,
    doc_ids: Sequence[str] | None = None,
    resources: Resources | None = None,
    on_document: Progress | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> RunReport:
    """Code the stored documents (those of ``doc_ids``, else every coded one) again from their stored
    text, replacing their events, passages and relations."""
    return _run(
        store.stored_documents(doc_ids),
        store,
        settings,
        resources,
        on_document,
        recode=True,
        workers=workers,
        scheduler=scheduler,
    )


def _run(
    docs: Iterable[Document],
    store: Store,
    settings: Settings,
    resources: Resources | None,
    on_document: Progress | None,
    *,
    recode: bool,
    languages: tuple[str, ...] = (),  # the wanted languages: a skip for another one is counted
    workers: int = 1,
    scheduler: str | None = None,
) -> RunReport:
    state = RunState(PassageLedger(store.passage_index()))  # what the run has seen, committed as stored
    pipeline = None
    if (
        workers <= 1 and scheduler is None
    ):  # with workers, each of them builds its own and this process loads no model
        pipeline = Pipeline.from_config(settings, resources=resources or Resources(settings))
    config = settings.model_dump(mode="json") | {"recode": recode}
    run_id = store.start_run(config, produced_by(settings))
    report = RunReport(run_id)
    started = time.perf_counter()
    fresh = _triaged(_batches(docs, settings.pipeline.batch_size), store, state, report, recode=recode)
    with contextlib.ExitStack() as stack:
        coded_batches: Iterator[list[Document]]
        if pipeline is None:
            pool = stack.enter_context(WorkerPool(settings, workers, scheduler))
            coded_batches = pool.code(fresh, state.passages)
            timings = pool.timings
        else:
            coded_batches = (pipeline.run_batch(batch, state) for batch in fresh)
            timings = pipeline.timings
        for coded in coded_batches:
            try:
                store.write(coded, run_id, recode=recode)
            except BaseException:
                state.rollback()  # nothing of this batch is stored, so later batches must not link to it
                raise
            state.commit()
            _count(coded, report, languages, on_document)
    report.timings = dict(timings) | {"total": time.perf_counter() - started}
    store.finish_run(run_id, report.counts, report.timings)
    return report


def _triaged(
    batches: Iterable[list[Document]], store: Store, state: RunState, report: RunReport, *, recode: bool
) -> Iterator[list[Document]]:
    """Each batch without the inputs already stored as they are, duplicates and clashing ids marked."""
    triage = _Triage(recode=recode)
    for batch in batches:
        known = store.known_content(d.content_hash for d in batch if d.content_hash)
        fresh: list[Document] = []
        for doc in batch:
            sorted_doc = triage(doc, known)
            if sorted_doc is None:
                report.counts["unchanged"] = report.counts.get("unchanged", 0) + 1
            else:
                fresh.append(sorted_doc)
        if recode:
            state.passages.forget({d.id for d in fresh if d.status == "pending"})
        yield fresh


def _count(
    coded: list[Document], report: RunReport, languages: tuple[str, ...], on_document: Progress | None
) -> None:
    for doc in coded:
        report.counts[doc.status] = report.counts.get(doc.status, 0) + 1
        report.counts["events"] = report.counts.get("events", 0) + len(doc.events)
        if doc.status == "coded" and dates.reference_day(doc) is None:
            report.undated += 1
        if doc.status in {"failed", "skipped"}:
            report.problems.append(doc)
        if doc.status == "skipped" and languages and doc.language not in languages:
            report.counts["other_language"] = report.counts.get("other_language", 0) + 1
            key = f"language_{doc.language}"
            report.counts[key] = report.counts.get(key, 0) + 1
        if on_document is not None:
            on_document(doc)
