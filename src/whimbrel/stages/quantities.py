"""Quantities: the numbers of each sentence, with their qualifiers ("at least two", "more than 100")."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.model import Document, Mention
from whimbrel.quantities import find_quantities
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import mention, readable, with_mentions

_TEXT = attrgetter("text")


class QuantitiesConfig(StageConfig):
    """``[stages.quantities]``: no options yet."""


class Quantities(Stage):
    """Find quantity mentions: a value and its qualifier."""

    name = "quantities"
    requires = frozenset({"sentences"})
    provides = frozenset({"quantities"})
    Config = QuantitiesConfig

    def __init__(self, *, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Quantities:
        """Build from ``[stages.quantities]``."""
        cls.Config.read(cfg, cls.name)
        return cls(max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens)

    def process(self, doc: Document) -> Document:
        """Add the quantity mentions of every sentence of ``doc``."""
        found: list[Mention] = []
        for sent in readable(doc, self.max_sentence_tokens):
            words = list(map(_TEXT, sent.tokens))
            found.extend(
                mention("quantity", sent, q.start, q.end, quantity=q.quantity)
                for q in find_quantities(sent.tokens, words)
            )
        return with_mentions(doc, found)
