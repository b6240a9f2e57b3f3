"""Run the pipeline over inputs into the store: batch by batch, nothing lost, nothing doubled."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from whimbrel.config import Settings
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.stages.ingest import IngestOptions, read_inputs
from whimbrel.store import Store


@dataclass
class RunReport:
    """What a run did: counts by document status, events, failures and stage timings."""

    run_id: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Document] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

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


def run(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    published: dt.date | None = None,
    resources: Resources | None = None,
    stdin: BinaryIO | None = None,
    on_document: Progress | None = None,
) -> RunReport:
    """Read ``paths``, code the new documents, and write each batch to ``store`` in one transaction."""
    resources = resources or Resources(settings)
    resources.passage_index.update(store.passage_index())
    pipeline = Pipeline.from_config(settings, resources=resources)
    options = IngestOptions(
        published=published, encoding=settings.ingest.encoding, max_bytes=settings.ingest.max_bytes
    )
    run_id = store.start_run(settings.model_dump(mode="json"))
    report = RunReport(run_id)
    seen: dict[str, str] = {}  # content hash -> doc id, within this run
    started = time.perf_counter()
    for batch in _batches(read_inputs(paths, options, stdin=stdin), settings.pipeline.batch_size):
        known = store.known_content(d.content_hash for d in batch if d.content_hash)
        fresh: list[Document] = []
        for doc in batch:
            if doc.status == "pending" and doc.content_hash in known:
                report.counts["unchanged"] = report.counts.get("unchanged", 0) + 1
                continue
            if doc.status == "pending" and doc.content_hash in seen and seen[doc.content_hash] != doc.id:
                doc = replace(
                    doc, status="duplicate", reason=f"same text as document {seen[doc.content_hash]}"
                )
            elif doc.status == "pending":
                if doc.content_hash in seen:
                    continue  # the same input given twice
                seen[doc.content_hash] = doc.id
            fresh.append(doc)
        coded = pipeline.run_batch(fresh)
        store.write(coded, run_id)
        for doc in coded:
            report.counts[doc.status] = report.counts.get(doc.status, 0) + 1
            report.counts["events"] = report.counts.get("events", 0) + len(doc.events)
            if doc.status in {"failed", "skipped"}:
                report.problems.append(doc)
            if on_document is not None:
                on_document(doc)
    report.timings = dict(pipeline.timings) | {"total": time.perf_counter() - started}
    store.finish_run(run_id, report.counts, report.timings)
    return report
