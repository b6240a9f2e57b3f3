"""The stage protocol: what a stage is, how it is configured, and the shared adapters it is built with.

Stages and the pipeline both import this module; no stage imports the pipeline. A stage declares
what it ``requires`` and ``provides`` (the pipeline checks that the stages fit together), and reads
its ``[stages.<name>]`` section into one typed config object, its ``Config``, which holds every
option's default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from whimbrel.config import Settings
from whimbrel.errors import ConfigError
from whimbrel.model import Document
from whimbrel.run_state import RunState

if TYPE_CHECKING:
    from whimbrel.adapters.gazetteer import Gazetteer
    from whimbrel.adapters.nlp import NlpBackend
    from whimbrel.knowledge.actors import ActorKB
    from whimbrel.knowledge.lexicon import Lexicon


class StageConfig(BaseModel):
    """A stage's options, each with its default: the one place a default is written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def read(cls, section: Mapping[str, Any], stage: str) -> Self:
        """The options of ``[stages.<stage>]``; a ConfigError names an unknown or bad option."""
        unknown = set(section) - set(cls.model_fields)
        if unknown:
            raise ConfigError(f"[stages.{stage}]: unknown option(s) {', '.join(sorted(unknown))}")
        try:
            return cls.model_validate(dict(section))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"[stages.{stage}] {where}: {first['msg']}") from None


class Stage:
    """A step of the pipeline: reads what it ``requires``, returns new documents with what it ``provides``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    Config: ClassVar[type[StageConfig]] = StageConfig

    def process(self, doc: Document) -> Document:
        """Return a new document; never change ``doc``."""
        raise NotImplementedError

    def process_batch(self, docs: Sequence[Document]) -> list[Document]:
        """Process several documents; stages with a batched backend override this."""
        return [self.process(doc) for doc in docs]

    def process_run(self, docs: Sequence[Document], run: RunState) -> list[Document]:
        """What the pipeline calls: a batch within a run. Stages that read the run's state (the seen
        passages) override this; the others ignore ``run``. No stage keeps state across documents."""
        return self.process_batch(docs)


def stage_options(factory: Any) -> frozenset[str] | None:
    """The option names a stage factory accepts: its ``Config``'s fields, or a plugin's ``options``."""
    config = getattr(factory, "Config", None)
    if isinstance(config, type) and issubclass(config, StageConfig):
        return frozenset(config.model_fields)
    options = getattr(factory, "options", None)
    return frozenset(options) if options is not None else None


@dataclass
class Resources:
    """Shared adapters, loaded on first use and injectable in tests."""

    settings: Settings
    _nlp: NlpBackend | None = None
    _gazetteer: Gazetteer | None = None
    _actors: ActorKB | None = None
    _lexicon: Lexicon | None = None

    @cached_property
    def nlp(self) -> NlpBackend:
        """The NLP backend named in ``[stages.nlp]``."""
        if self._nlp is None:
            from whimbrel.adapters.nlp import SpacyBackend
            from whimbrel.stages.nlp import NlpConfig

            cfg = NlpConfig.read(self.settings.stage("nlp"), "nlp")
            self._nlp = SpacyBackend(cfg.model, batch_size=cfg.batch_size)
        return self._nlp

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer."""
        if self._gazetteer is None:
            from whimbrel.adapters.gazetteer import GeoNamesGazetteer

            self._gazetteer = GeoNamesGazetteer.load()
        return self._gazetteer

    @cached_property
    def actors(self) -> ActorKB:
        """The actor knowledge base, with the extra files of ``[stages.actors]``."""
        if self._actors is None:
            from whimbrel.knowledge.actors import ActorKB
            from whimbrel.stages.actors import ActorsConfig

            cfg = ActorsConfig.read(self.settings.stage("actors"), "actors")
            self._actors = ActorKB.load(cfg.files())
        return self._actors

    @cached_property
    def lexicon(self) -> Lexicon:
        """The trigger lexicon, CAMEO crosswalk and cue lists."""
        if self._lexicon is None:
            from whimbrel.knowledge.lexicon import Lexicon

            self._lexicon = Lexicon.load()
        return self._lexicon
