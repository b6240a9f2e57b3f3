"""The Pipeline: configured stages, checked to fit together, run over batches of documents."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whimbrel import registry
from whimbrel.config import STAGE_ALIASES, Settings, expand_stages, load_config
from whimbrel.errors import ConfigError, PipelineError
from whimbrel.model import Document
from whimbrel.run_state import RunState
from whimbrel.stages.base import Resources, Stage, StageConfig, stage_options

__all__ = ["INGESTED", "Pipeline", "Resources", "RunState", "Stage", "check_fit"]

logger = logging.getLogger(__name__)

# What ingest gives every document before the first stage.
INGESTED = frozenset({"text"})


@dataclass
class Pipeline:
    """An ordered list of stages that fit together."""

    stages: list[Stage]
    batch_size: int = 32
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_fit(self.stages)

    @classmethod
    def from_config(
        cls,
        settings: Settings | None = None,
        *,
        resources: Resources | None = None,
        stages: Sequence[str] | None = None,
    ) -> Pipeline:
        """Build the configured stages (or ``stages``) with shared resources."""
        settings = settings or load_config()
        resources = resources or Resources(settings)
        for section in settings.stages:
            if section in STAGE_ALIASES:
                now = ", ".join(STAGE_ALIASES[section])
                raise ConfigError(
                    f"[stages.{section}]: unknown option(s) {', '.join(sorted(settings.stage(section)))}; "
                    f"the {section} stage is now {now}, each with a section of its own"
                )
            if section not in registry.stages.available():
                raise ConfigError(
                    f"[stages.{section}]: no such stage (have: {', '.join(registry.stages.available())})"
                )
            config = getattr(registry.stages.get(section), "Config", None)
            if isinstance(config, type) and issubclass(config, StageConfig):
                config.read(settings.stage(section), section)  # a bad option fails even unused
        built: list[Stage] = []
        for name in expand_stages(stages or settings.pipeline.stages):
            factory: Any = registry.stages.get(name)
            cfg = settings.stage(name)
            options = stage_options(factory)
            unknown = set(cfg) - (options if options is not None else set(cfg))
            if unknown:
                raise ConfigError(f"[stages.{name}]: unknown option(s) {', '.join(sorted(unknown))}")
            try:
                built.append(factory.from_config(cfg, resources))
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"[stages.{name}]: {exc}") from None
        return cls(built, batch_size=settings.pipeline.batch_size)

    def run(self, docs: Iterable[Document], run: RunState | None = None) -> Iterator[Document]:
        """Code documents batch by batch, committing each batch's state (nothing stores them here)."""
        run = run if run is not None else RunState()
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self.run_batch(batch, run)
                run.commit()
                batch = []
        if batch:
            yield from self.run_batch(batch, run)
            run.commit()

    def run_batch(self, docs: Sequence[Document], run: RunState | None = None) -> list[Document]:
        """Run every stage over the pending documents of one batch, keeping input order.

        ``run`` is the run's state (seen passages); without one, the batch stands alone. What the batch
        adds to it stays provisional until the caller commits it, once the batch is stored. A document
        that fails takes back what it added, and the documents of the batch that linked a passage to
        it are coded again, so that passage's text is coded in them.
        """
        run = run if run is not None else RunState()
        slots = [i for i, d in enumerate(docs) if d.status == "pending"]
        given = [docs[i] for i in slots]
        coded = self._stages(given, run)
        while True:
            failed = {d.id for d in coded if d.status == "failed"}
            if not failed:
                break
            run.drop(failed)
            again = [k for k, d in enumerate(coded) if d.status != "failed" and _links_to(d, failed)]
            if not again:
                break
            run.drop({coded[k].id for k in again})
            for k, doc in zip(again, self._stages([given[k] for k in again], run), strict=True):
                coded[k] = doc
        out = list(docs)
        for i, doc in zip(slots, coded, strict=True):
            out[i] = replace(doc, status="coded") if doc.status == "pending" else doc
        return out

    def _stages(self, docs: list[Document], run: RunState) -> list[Document]:
        pending = docs
        for stage in self.stages:
            live = [d for d in pending if d.status == "pending"]
            if not live:
                break
            started = time.perf_counter()
            done = iter(_guarded_batch(stage, live, run))
            pending = [next(done) if d.status == "pending" else d for d in pending]
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.perf_counter() - started
        return pending

    def code(self, doc: Document) -> Document:
        """Code one document on its own: it is linked to no passage seen before."""
        return self.run_batch([doc])[0]


def _links_to(doc: Document, doc_ids: set[str]) -> bool:
    """A passage of ``doc`` is a repeat of a passage of one of ``doc_ids``."""
    return any(
        p.duplicate_of is not None and p.duplicate_of.rpartition(":")[0] in doc_ids for p in doc.passages
    )


def _guarded_batch(stage: Stage, docs: list[Document], run: RunState) -> list[Document]:
    """Run a stage; if the batch fails, run its documents one by one so one bad document fails alone."""
    try:
        return _process(stage, docs, run)
    except Exception:
        if len(docs) == 1:
            run.drop({docs[0].id})
            return [_failed(stage, docs[0])]
    run.drop({d.id for d in docs})  # what the failed attempt added
    out = []
    for doc in docs:
        try:
            out.extend(_process(stage, [doc], run))
        except Exception:
            run.drop({doc.id})
            out.append(_failed(stage, doc))
    return out


def _process(stage: Stage, docs: list[Document], run: RunState) -> list[Document]:
    # Stages that read the run's state take it; a plugin that does not subclass Stage may lack it.
    process_run = getattr(stage, "process_run", None)
    return process_run(docs, run) if process_run is not None else stage.process_batch(docs)


def _failed(stage: Stage, doc: Document) -> Document:
    # A bug must not end the run or lose the batch: the document is stored as failed, with the reason.
    exc = sys.exc_info()[1]
    logger.exception("stage %s failed on %s", stage.name, doc.origin)
    return replace(
        doc, status="failed", reason=f"internal error in stage {stage.name}: {type(exc).__name__}: {exc}"
    )


def check_fit(stages: Sequence[Stage]) -> None:
    """Raise PipelineError when a stage requires what no earlier stage provides."""
    available = set(INGESTED)
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(sorted(missing))}, "
                f"which no earlier stage provides (have: {', '.join(sorted(available))})"
            )
        available |= stage.provides
