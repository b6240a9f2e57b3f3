"""The actor network: events aggregated by dyad, and the relations stated in the text or known.

Nodes are actors: a named entity by its identifier ("whimbrel:hamas", "iso:IRQ"), an unnamed one by
its code and sector ("IRQ REB"), else by its text. Edges are of two sources:

- ``events``: every event from its actors to its recipients, aggregated per directed pair, with the
  count, the count per PLOVER quad class, the mean intensity (see ``INTENSITY``) and the first and
  last date. A reciprocal event (several actors, no recipient: "X and Y met", "X and Y clashed")
  counts for each directed pair of its actors, as PLOVER's dyadic expansion does.
- relations (``backs``, ``member_of``, ``allied_with``, ``fighting``, ``proxy_of``), aggregated per
  (source, target, kind, origin), with the number of statements, the first and last publication
  date of their documents, and the first statement's evidence sentence. ``origin`` is ``text`` for
  what the documents state and ``kb`` for the knowledge base's links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Intensity of each PLOVER category on a scale from +10 (most cooperative) to -10 (most hostile).
# The PLOVER manual defines an ``event_scale`` field but publishes no values for it; this table is
# whimbrel's own, ordered as the manual orders the categories within its four quad classes.
INTENSITY: Mapping[str, float] = {
    "AGREE": 4.0,
    "CONSULT": 1.0,
    "SUPPORT": 3.0,
    "CONCEDE": 5.0,
    "COOPERATE": 6.0,
    "AID": 7.0,
    "RETREAT": 5.0,
    "INVESTIGATE": -2.0,
    "DEMAND": -3.0,
    "ACCUSE": -2.0,
    "REJECT": -4.0,
    "THREATEN": -6.0,
    "SANCTION": -5.0,
    "PROTEST": -5.0,
    "MOBILIZE": -6.0,
    "COERCE": -7.0,
    "ASSAULT": -10.0,
}


@dataclass
class Node:
    """An actor of the network."""

    key: str
    label: str
    code: str | None
    sector: str | None
    events: int = 0  # events it takes part in, as actor or recipient
    relations: int = 0


@dataclass
class Edge:
    """A directed edge: aggregated events of one dyad, or one kind of relation."""

    source: str
    target: str
    kind: str  # "events" or a relation kind
    origin: str  # "events", "text" or "kb"
    weight: int = 0
    first_date: str | None = None
    last_date: str | None = None
    evidence: str | None = None
    quads: dict[int, int] = field(default_factory=dict)
    intensity_sum: float = 0.0

    @property
    def intensity(self) -> float | None:
        """The mean intensity of the edge's events (None for relations)."""
        return self.intensity_sum / self.weight if self.kind == "events" and self.weight else None

    @property
    def quad_class(self) -> int | None:
        """The most frequent quad class of the edge's events."""
        return max(sorted(self.quads), key=lambda q: self.quads[q]) if self.quads else None

    def add(self, day: str | None, evidence: str | None) -> None:
        self.weight += 1
        if day:
            self.first_date = day if self.first_date is None else min(self.first_date, day)
            self.last_date = day if self.last_date is None else max(self.last_date, day)
        if self.evidence is None and evidence:
            self.evidence = evidence


@dataclass
class Network:
    """Nodes by key and edges by (source, target, kind, origin), in a stable order."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)

    def node(self, actor: Mapping[str, Any]) -> Node:
        key, label = actor_key(actor)
        found = self.nodes.get(key)
        if found is None:
            found = self.nodes[key] = Node(key, label, actor.get("code"), actor.get("sector"))
        return found

    def edge(self, source: str, target: str, kind: str, origin: str) -> Edge:
        key = (source, target, kind, origin)
        found = self.edges.get(key)
        if found is None:
            found = self.edges[key] = Edge(source, target, kind, origin)
        return found

    def sorted_edges(self) -> list[Edge]:
        return [self.edges[k] for k in sorted(self.edges)]


def actor_key(actor: Mapping[str, Any]) -> tuple[str, str]:
    """(node key, label) of an actor object of the record contract or a relation row."""
    ident = actor.get("identifier_id")
    if ident and not str(ident).startswith("sector:"):
        return str(ident), str(actor.get("identifier_text") or actor.get("entity_text") or ident)
    code, sector = actor.get("code"), actor.get("sector")
    if code or sector:
        key = " ".join(str(x) for x in (code, sector) if x)
        return key, key
    text = str(actor.get("entity_text") or "?")
    return f"text:{text.casefold()}", text


def build_network(
    records: Iterable[Mapping[str, Any]],
    relations: Iterable[Mapping[str, Any]] = (),
    *,
    published: Mapping[str, str] | None = None,
) -> Network:
    """The network of event ``records`` (export records) and relation rows (``Store.relations()``);
    ``published`` gives each document's publication date, for the relations' first and last dates."""
    net = Network()
    for record in records:
        actors = [net.node(a) for a in record.get("actor") or ()]
        recipients = [net.node(r) for r in record.get("recipient") or ()]
        pairs = [(a, r) for a in actors for r in recipients if a.key != r.key]
        if not recipients:  # reciprocal: every directed pair of the participants
            pairs = [(a, b) for a in actors for b in actors if a.key != b.key]
        for node in {n.key: n for n in (*actors, *recipients)}.values():
            node.events += 1
        for source, target in pairs:
            edge = net.edge(source.key, target.key, "events", "events")
            edge.add(record.get("date"), record.get("text"))
            quad = record.get("quad_code")
            if isinstance(quad, int):
                edge.quads[quad] = edge.quads.get(quad, 0) + 1
            edge.intensity_sum += INTENSITY.get(str(record.get("event")), 0.0)
    dates = published or {}
    for row in relations:
        source = net.node(_side(row, "source"))
        target = net.node(_side(row, "target"))
        if source.key == target.key:
            continue
        source.relations += 1
        target.relations += 1
        origin = str(row.get("origin") or "text")
        edge = net.edge(source.key, target.key, str(row["kind"]), origin)
        edge.add(dates.get(str(row.get("doc_id"))), row.get("text"))
    return net


def _side(row: Mapping[str, Any], side: str) -> dict[str, Any]:
    """One end of a relation row as an actor object."""
    return {
        "identifier_id": row.get(f"{side}_id"),
        "entity_text": row.get(f"{side}_text"),
        "code": row.get(f"{side}_code"),
        "sector": row.get(f"{side}_sector"),
    }
