"""Dates: the date expressions of each sentence, resolved against the publication date (or, without
one, the dateline's), with ranges ("since October") and times that name a day ("last night")."""

from __future__ import annotations

from typing import Any

from whimbrel import dates
from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.model import Document, Mention, Sentence
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import mention, readable, with_mentions


class DatesConfig(StageConfig):
    """``[stages.dates]``."""

    # false: find no dates, so every event takes the publication date.
    resolve: bool = True


class Dates(Stage):
    """Find date mentions and resolve them to a day, month or year."""

    name = "dates"
    requires = frozenset({"sentences"})
    provides = frozenset({"dates"})
    Config = DatesConfig

    def __init__(
        self, config: DatesConfig | None = None, *, max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    ) -> None:
        self.resolve = (config or DatesConfig()).resolve
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Dates:
        """Build from ``[stages.dates]``."""
        limit = resources.settings.pipeline.max_sentence_tokens
        return cls(DatesConfig.read(cfg, cls.name), max_sentence_tokens=limit)

    def process(self, doc: Document) -> Document:
        """Add the date mentions of every sentence of ``doc``."""
        if not self.resolve:
            return doc
        found: list[Mention] = []
        for sent in readable(doc, self.max_sentence_tokens):
            found.extend(_dates(sent, doc))
        return with_mentions(doc, found)


def _dates(sent: Sentence, doc: Document) -> list[Mention]:
    found = []
    reference = dates.reference_day(doc)  # publication, else the dateline's day
    for start, end, text in dates.date_phrases(sent):
        value = dates.resolve(text, reference)
        if value is not None:
            found.append(mention("date", sent, start, end, date=value))
    return found
