"""The Pipeline: configured stages, checked to fit together, run over batches of documents."""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from whimbrel import registry
from whimbrel.config import STAGE_ALIASES, Settings, expand_stages, load_config
from whimbrel.errors import ConfigError, PipelineError
from whimbrel.model import Document
from whimbrel.stages.base import Resources, Stage, StageConfig, stage_options

__all__ = ["INGESTED", "Pipeline", "Resources", "Stage", "check_fit"]

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

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Code documents batch by batch; documents that are not pending pass through untouched."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)

    def run_batch(self, docs: Sequence[Document]) -> list[Document]:
        """Run every stage over the pending documents of one batch, keeping input order."""
        slots = [i for i, d in enumerate(docs) if d.status == "pending"]
        pending = [docs[i] for i in slots]
        for stage in self.stages:
            live = [d for d in pending if d.status == "pending"]
            if not live:
                break
            started = time.perf_counter()
            with _fewer_collections():
                done = iter(_guarded_batch(stage, live))
            pending = [next(done) if d.status == "pending" else d for d in pending]
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.perf_counter() - started
        out = list(docs)
        for i, doc in zip(slots, pending, strict=True):
            out[i] = replace(doc, status="coded") if doc.status == "pending" else doc
        return out

    def code(self, doc: Document) -> Document:
        """Code one document."""
        return self.run_batch([doc])[0]

    def forget(self) -> None:
        """Forget what earlier documents held (seen passages), so the next one stands alone."""
        for stage in self.stages:
            forget = getattr(stage, "forget", None)
            if callable(forget):
                forget()


_YOUNG_GENERATION = 20_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """While a stage runs, let the cyclic garbage collector wait for 20,000 new objects, not 700.

    The stages build records by the hundred thousand, nearly all freed by reference counting, and each
    collection of the older generations walks every object the run keeps (knowledge base, gazetteer,
    remembered lookups): with the default threshold that walk took about a fifth of a first pass of
    the stages after spaCy. The threshold is restored afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _YOUNG_GENERATION), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _guarded_batch(stage: Stage, docs: list[Document]) -> list[Document]:
    """Run a stage; if the batch fails, run its documents one by one so one bad document fails alone."""
    try:
        return stage.process_batch(docs)
    except Exception:
        if len(docs) == 1:
            return [_failed(stage, docs[0])]
    out = []
    for doc in docs:
        try:
            out.extend(stage.process_batch([doc]))
        except Exception:
            out.append(_failed(stage, doc))
    return out


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
