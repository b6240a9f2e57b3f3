"""Relations: actor-actor relations stated in each sentence, plus the knowledge base's links.

Text relations come from ``whimbrel.relations.statements`` (membership, backing, alliance, proxies,
hostility), each with its sentence as evidence and ``origin="text"``. With ``knowledge_links`` on,
every named actor the document mentions also brings the links the knowledge base holds for it
(its parent organisation, its backers) with ``origin="kb"`` and the first mention as evidence, so the
network shows them apart from what the text says.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.knowledge.actors import ActorKB
from whimbrel.knowledge.links import Links, shipped_links
from whimbrel.model import Document, Mention, Relation, Span
from whimbrel.relations.statements import find_relations
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import readable


class RelationsConfig(StageConfig):
    """``[stages.relations]``."""

    # Also add the knowledge base's links (parent organisation, backers) of each named actor the
    # document mentions, marked origin "kb".
    knowledge_links: bool = True


class Relations(Stage):
    """Find the relations between the actors of each document."""

    name = "relations"
    requires = frozenset({"sentences", "actors"})
    provides = frozenset({"relations"})
    Config = RelationsConfig

    def __init__(
        self,
        kb: ActorKB,
        config: RelationsConfig | None = None,
        *,
        links: Links | None = None,
        max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
    ) -> None:
        self.kb = kb
        self.config = config or RelationsConfig()
        self.links = links if links is not None else shipped_links()
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Relations:
        """Build from ``[stages.relations]``."""
        config = RelationsConfig.read(cfg, cls.name)
        return cls(
            resources.actors, config, max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens
        )

    def process(self, doc: Document) -> Document:
        """Add the document's relations."""
        at = doc.published.isoformat() if doc.published else None
        actors = [m for m in doc.mentions if m.kind == "actor" and m.actor is not None]
        found: list[Relation] = []
        for sent in readable(doc, self.max_sentence_tokens):
            found.extend(find_relations(sent, actors, self.kb, doc_id=doc.id, at=at))
        if self.config.knowledge_links:
            found.extend(self._known(doc.id, actors))
        if not found:
            return doc
        return replace(doc, relations=(*doc.relations, *found))

    def _known(self, doc_id: str, actors: list[Mention]) -> list[Relation]:
        """The knowledge base's links of the named actors, once per (entry, kind, target)."""
        out: list[Relation] = []
        seen: set[tuple[str, str, str]] = set()
        for m in actors:
            assert m.actor is not None
            entry_id = m.actor.identifier_id
            if entry_id is None or entry_id.startswith("sector:"):
                continue
            for kind, target_id in self.links.get(entry_id, ()):
                if (entry_id, kind, target_id) in seen or target_id not in self.kb:
                    continue
                seen.add((entry_id, kind, target_id))
                other = self.kb.get(target_id)
                other_ref = self.kb.ref(other, other.name)
                source, target, rel = (
                    (other_ref, m.actor, "backs")
                    if kind == "backed_by"
                    else (m.actor, other_ref, "member_of")
                )
                out.append(
                    Relation(
                        source=source,
                        target=target,
                        kind=rel,
                        evidence=Span(doc_id, m.start, m.end),
                        text=m.text,
                        origin="kb",
                    )
                )
        return out
