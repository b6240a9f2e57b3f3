"""The actor network exports, end to end: run a store, export GraphML, GEXF and relations-jsonl.

The report is written for this test. The network must hold the relations the text states (with
their evidence sentence) apart from the knowledge base's links, and the event dyads.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import SEED, need_shared, whimbrel

pytestmark = pytest.mark.slow

REPORT = (
    "Rwandan-backed M23 rebels shelled the town of Sake on Monday, killing four civilians. "
    "The rebels, part of the Congo River Alliance, said they were responding to attacks.\n\n"
    "Fighting between the Congolese army and the rebels has displaced thousands. "
    "Katiba Macina fighters attacked a village in central Mali on Tuesday.\n"
)
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    done = whimbrel("run", "report.txt", "--published", "2024-02-14", "--db", "n.duckdb", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def export(folder: Path, fmt: str) -> str:
    done = whimbrel("export", "--db", "n.duckdb", "--format", fmt, cwd=folder)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_relations_jsonl_keeps_text_and_kb_apart(store: Path) -> None:
    rows = [json.loads(line) for line in export(store, "relations-jsonl").splitlines()]
    text = {
        (r["source"]["identifier_id"], r["kind"], r["target"]["identifier_id"])
        for r in rows
        if r["origin"] == "text"
    }
    assert ("iso:RWA", "backs", "whimbrel:m23") in text
    assert ("sector:rebel", "member_of", "whimbrel:congo-river-alliance") in text
    kb = [r for r in rows if r["origin"] == "kb"]
    assert any(r["kind"] == "member_of" and r["target"]["identifier_id"].endswith("muslimin") for r in kb)
    for row in rows:
        assert REPORT[row["start"] : row["end"]] == row["evidence"] or row["origin"] == "kb"
        assert row["status"] == "asserted"


def test_graphml_has_event_and_relation_edges(store: Path) -> None:
    root = ET.fromstring(export(store, "graphml"))
    keys = {k.get("id") for k in root.iter(f"{GRAPHML}key")}
    assert {"kind", "weight", "first_date", "last_date", "evidence"} <= keys
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None
    labels = {
        n.get("id"): next(d.text for d in n if d.get("key") == "label") for n in graph.iter(f"{GRAPHML}node")
    }
    edges = []
    for e in graph.iter(f"{GRAPHML}edge"):
        data = {d.get("key"): d.text for d in e}
        edges.append((labels[e.get("source")], data["kind"], labels[e.get("target")], data))
    backs = [e for e in edges if e[1] == "backs" and e[3]["origin"] == "text"]
    assert any(source == "Rwanda" and target == "M23" for source, _, target, _ in backs)
    assert all(d["first_date"] == "2024-02-14" and d["evidence"] for _, _, _, d in backs)
    assert any(kind == "events" for _, kind, _, _ in edges)


def test_gexf_is_well_formed_with_weights(store: Path) -> None:
    root = ET.fromstring(export(store, "gexf"))
    edges = list(root.iter(f"{GEXF}edge"))
    nodes = {n.get("id") for n in root.iter(f"{GEXF}node")}
    assert edges and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    assert all(int(e.get("weight") or 0) >= 1 for e in edges)


def test_the_example_document_states_its_alignments(tmp_path: Path) -> None:
    seed = need_shared(SEED)
    done = whimbrel("run", str(seed), "--published", "2023-12-10", "--db", "s.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = whimbrel("export", "--db", "s.duckdb", "--format", "relations-jsonl", cwd=tmp_path)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    stated = {
        (r["source"]["entity_text"], r["kind"], r["target"]["identifier_id"] or r["target"]["entity_text"])
        for r in rows
        if r["origin"] == "text"
    }
    assert ("militias", "member_of", "whimbrel:coordination-framework") in stated
    assert ("Coordination Framework", "backs", "iso:IRQ") in stated
    assert ("Iranian", "backs", "sector:militia") in stated
