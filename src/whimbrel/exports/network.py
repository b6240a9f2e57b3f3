"""Network exports: the actor network as GraphML (yEd, Gephi, networkx, igraph) or GEXF (Gephi).

Both read the stored events and relations through ``whimbrel.relations.network.build_network``.
Edge attributes: ``kind`` ("events" or a relation kind), ``origin`` ("events", "text", "kb"),
``weight``, ``first_date``, ``last_date``, ``evidence`` (the first sentence behind the edge), and for
event edges ``quad_class`` (the most frequent) and ``intensity`` (the mean). Node attributes:
``label``, ``code``, ``sector``, ``events``, ``relations``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from whimbrel.relations.network import Edge, Network, Node, build_network

NODE_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "string"),
    ("code", "string"),
    ("sector", "string"),
    ("events", "int"),
    ("relations", "int"),
)
EDGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("origin", "string"),
    ("weight", "int"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("evidence", "string"),
    ("quad_class", "int"),
    ("intensity", "double"),
)


def _node_values(node: Node) -> dict[str, Any]:
    return {
        "label": node.label,
        "code": node.code,
        "sector": node.sector,
        "events": node.events,
        "relations": node.relations,
    }


def _edge_values(edge: Edge) -> dict[str, Any]:
    intensity = edge.intensity
    return {
        "kind": edge.kind,
        "origin": edge.origin,
        "weight": edge.weight,
        "first_date": edge.first_date,
        "last_date": edge.last_date,
        "evidence": edge.evidence,
        "quad_class": edge.quad_class,
        "intensity": None if intensity is None else round(intensity, 3),
    }


def _network(records: Iterable[Mapping[str, Any]], options: Mapping[str, Any]) -> Network:
    return build_network(records, options.get("relations", ()), published=options.get("published"))


def _write(root: ET.Element, out: TextIO) -> None:
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def write_graphml(records: Iterable[Mapping[str, Any]], out: TextIO, **options: Any) -> int:
    """Write the actor network as GraphML; return the number of edges."""
    net = _network(records, options)
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for owner, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        for name, kind in fields:
            ET.SubElement(root, "key", {"id": name, "for": owner, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="whimbrel", edgedefault="directed")
    ids = {key: f"n{i}" for i, key in enumerate(sorted(net.nodes))}
    for key in sorted(net.nodes):
        node = ET.SubElement(graph, "node", id=ids[key])
        _data(node, _node_values(net.nodes[key]))
    edges = net.sorted_edges()
    for i, edge in enumerate(edges):
        element = ET.SubElement(graph, "edge", id=f"e{i}", source=ids[edge.source], target=ids[edge.target])
        _data(element, _edge_values(edge))
    _write(root, out)
    return len(edges)


def _data(parent: ET.Element, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(parent, "data", key=name).text = str(value)


write_graphml.wants_relations = True  # type: ignore[attr-defined]


def write_gexf(records: Iterable[Mapping[str, Any]], out: TextIO, **options: Any) -> int:
    """Write the actor network as GEXF 1.3; return the number of edges."""
    net = _network(records, options)
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for owner, fields in (("node", NODE_FIELDS[1:]), ("edge", EDGE_FIELDS)):
        attributes = ET.SubElement(graph, "attributes", {"class": owner})
        for name, kind in fields:
            gexf_type = {"int": "integer", "double": "double"}.get(kind, "string")
            ET.SubElement(attributes, "attribute", id=name, title=name, type=gexf_type)
    ids = {key: f"n{i}" for i, key in enumerate(sorted(net.nodes))}
    nodes = ET.SubElement(graph, "nodes")
    for key in sorted(net.nodes):
        node = net.nodes[key]
        element = ET.SubElement(nodes, "node", id=ids[key], label=node.label)
        _attvalues(element, {k: v for k, v in _node_values(node).items() if k != "label"})
    edges_element = ET.SubElement(graph, "edges")
    edges = net.sorted_edges()
    for i, edge in enumerate(edges):
        element = ET.SubElement(
            edges_element,
            "edge",
            id=f"e{i}",
            source=ids[edge.source],
            target=ids[edge.target],
            weight=str(edge.weight),
            label=edge.kind,
        )
        _attvalues(element, _edge_values(edge))
    _write(root, out)
    return len(edges)


def _attvalues(parent: ET.Element, values: Mapping[str, Any]) -> None:
    present = {k: v for k, v in values.items() if v is not None}
    if present:
        holder = ET.SubElement(parent, "attvalues")
        for name, value in present.items():
            ET.SubElement(holder, "attvalue", {"for": name, "value": str(value)})


write_gexf.wants_relations = True  # type: ignore[attr-defined]
