"""Places: named places of each sentence, resolved by the gazetteer with the document's countries as
context (the countries its actor mentions name)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whimbrel.adapters.gazetteer import Gazetteer
from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.model import Document, Mention, Sentence, Token
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import mention, readable, span_text, with_mentions

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Nouns whose "of" phrase names a place ("the town of Samarra"), whatever label the parser gave it.
_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital", "port"})


class PlacesConfig(StageConfig):
    """``[stages.places]``: no options yet."""


class Places(Stage):
    """Find place mentions and resolve them to gazetteer entries."""

    name = "places"
    requires = frozenset({"sentences", "actors"})
    provides = frozenset({"places"})
    Config = PlacesConfig

    def __init__(self, gazetteer: Gazetteer, *, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        self.gazetteer = gazetteer
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Places:
        """Build from ``[stages.places]``."""
        cls.Config.read(cfg, cls.name)
        return cls(resources.gazetteer, max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens)

    def process(self, doc: Document) -> Document:
        """Add the place mentions of every sentence of ``doc``."""
        countries = tuple(
            sorted({m.actor.code for m in doc.mentions if m.kind == "actor" and m.actor and m.actor.code})
        )
        found: list[Mention] = []
        for sent in readable(doc, self.max_sentence_tokens):
            found.extend(self._places(sent, countries))
        return with_mentions(doc, found)

    def _places(self, sent: Sentence, countries: tuple[str, ...]) -> list[Mention]:
        found = []
        for ent in sent.entities:
            if ent.label not in _PLACE_LABELS and not _located(sent.tokens, ent.end - 1):
                continue
            start = ent.start + 1 if sent.tokens[ent.start].lemma == "the" else ent.start
            if start >= ent.end:
                continue
            text = span_text(sent.tokens, start, ent.end)
            place = self.gazetteer.resolve(text, countries=countries)
            if place is not None:
                found.append(mention("place", sent, start, ent.end, text=text, place=place))
        return found


def _located(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is the object of a location phrase ("near Samarra", "the town of Samarra"): small
    models label such towns NORP or PERSON, so the gazetteer is asked anyway."""
    token = tokens[i]
    if token.dep != "pobj" or token.pos != "PROPN":
        return False
    prep = tokens[token.head]
    word = prep.text.lower()
    if word == "of":
        return tokens[prep.head].lemma in _PLACE_NOUNS
    return word in {"in", "near", "outside", "at", "inside", "around"}
