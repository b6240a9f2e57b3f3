"""Places: every place mention of a document, found and resolved by the geocoder.

Toponyms come from NER, gazetteer matching, demonyms and division phrases; each is resolved on its
own in the document's context: the countries and places it names, its actors' countries and its
dateline's place (:mod:`whimbrel.geo.geocoder`). A place that cannot be resolved (unknown, or vague:
"another province") is kept as a mention whose place says why (``Place.unresolved``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from whimbrel.adapters.gazetteer import Gazetteer
from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.geo.geocoder import Geocoder, demonyms_of
from whimbrel.knowledge.actors import ActorKB
from whimbrel.model import Document, Mention
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import readable, with_mentions


class PlacesConfig(StageConfig):
    """``[stages.places]``: no options yet."""


def country_demonyms(actors: ActorKB) -> dict[str, str]:
    """Demonym -> country (alpha-3) from the knowledge base's countries ("Iraqi", "Iraqis" -> IRQ)."""
    return demonyms_of(
        (entry.code, entry.demonyms) for entry in actors.entries() if entry.kind == "country" and entry.code
    )


class Places(Stage):
    """Find place mentions and resolve them in their document's context."""

    name = "places"
    requires = frozenset({"sentences", "actors"})
    provides = frozenset({"places"})
    Config = PlacesConfig

    def __init__(
        self,
        gazetteer: Gazetteer,
        demonyms: dict[str, str] | None = None,
        *,
        max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
    ) -> None:
        self.geocoder = Geocoder(gazetteer, demonyms or {})
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Places:
        """Build from ``[stages.places]``."""
        cls.Config.read(cfg, cls.name)
        return cls(
            resources.gazetteer,
            country_demonyms(resources.actors),
            max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens,
        )

    def process(self, doc: Document) -> Document:
        """Add the place mentions of every sentence of ``doc``."""
        countries = sorted(
            {m.actor.code for m in doc.mentions if m.kind == "actor" and m.actor and m.actor.code}
        )
        found = self.geocoder.place_mentions(
            readable(doc, self.max_sentence_tokens),
            actor_countries=[c for c in countries if len(c) == 3],
            fallback=getattr(doc, "fallback_place", None),
        )
        return with_mentions(_without_place_actors(doc, found), found)


def _without_place_actors(doc: Document, places: list[Mention]) -> Document:
    """ "shelled Rafah": a name the NER took for a person or group, uncoded, that the geocoder resolves
    to a place is that place, not an actor (its people are not invented as the event's recipient)."""
    spans = {
        (m.start, m.end)
        for m in places
        if m.place is not None and m.place.unresolved is None and m.place.precision != "country"
    }  # a demonym or country name stays the actor it is ("Malian drone strikes")
    kept = [
        m
        for m in doc.mentions
        if not (
            m.kind == "actor"
            and m.actor is not None
            and m.actor.code is None
            and m.actor.identifier_id is None
            and (m.start, m.end) in spans
        )
    ]
    return doc if len(kept) == len(doc.mentions) else replace(doc, mentions=tuple(kept))
