"""The REST API, in process: filters, paging, detail, documents, statistics, network, export, errors."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from whimbrel import registry
from whimbrel.knowledge.lexicon import PLOVER_EVENTS

HOSTILE_EVENT = "hostile-event"


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = get(client, "/api/events", limit=500, offset=len(items), **params)
        items += page["items"]
        if len(items) >= page["total"]:
            return items


def test_events_page_and_total(client: TestClient) -> None:
    first = get(client, "/api/events", limit=10)
    assert first["total"] == 301 and len(first["items"]) == 10
    second = get(client, "/api/events", limit=10, offset=10)
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_each_filter_keeps_only_matching_events(client: TestClient) -> None:
    everything = all_events(client)
    assault = all_events(client, event="ASSAULT")
    assert assault and all(e["event"] == "ASSAULT" for e in assault)
    assert len(assault) == sum(e["event"] == "ASSAULT" for e in everything)
    two = all_events(client, event="assault,protest")
    assert len(two) == sum(e["event"] in {"ASSAULT", "PROTEST"} for e in everything)
    irq = all_events(client, country="IRQ")
    assert irq and {e["country"] for e in irq} == {"IRQ"}
    sure = all_events(client, min_confidence=0.8)
    assert sure and all(e["confidence"] >= 0.8 for e in sure)
    unverified = all_events(client, status="unverified")
    assert unverified and {e["status"] for e in unverified} == {"unverified"}
    dated = all_events(client, date_from="2024-01-01", date_to="2024-03-31")
    assert dated and all("2024-01-01" <= e["date"] <= "2024-03-31" for e in dated)
    text = all_events(client, q="BAGHDAD")
    assert text and all("Baghdad" in e["sentence"] for e in text)
    drone = all_events(client, mode="drone")
    assert drone and all("drone" in e["mode"] for e in drone)


def test_actor_filter_matches_actor_or_recipient(client: TestClient) -> None:
    top = get(client, "/api/actors", limit=1)["items"][0]
    events = all_events(client, actor=top["id"])
    assert len(events) == top["events"]
    assert all(top["label"] in (e["actor"] + "; " + e["recipient"]) for e in events)


def test_sorting(client: TestClient) -> None:
    asc = get(client, "/api/events", sort="confidence", limit=50)["items"]
    assert [e["confidence"] for e in asc] == sorted(e["confidence"] for e in asc)
    desc = get(client, "/api/events", sort="-date", limit=50)["items"]
    assert [e["date"] for e in desc] == sorted((e["date"] for e in desc), reverse=True)


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"event": "EXPLODE"}, "event"),
        ({"status": "maybe"}, "status"),
        ({"country": "IRAQ"}, "country"),
        ({"quad": "5"}, "quad"),
        ({"date_from": "2024-13-01"}, "date_from"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_from"),
        ({"min_confidence": "2"}, "min_confidence"),
        ({"limit": "0"}, "limit"),
        ({"sort": "colour"}, "sort"),
    ],
)
def test_bad_parameters_get_a_clear_422(client: TestClient, params: dict[str, str], word: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert word in response.json()["detail"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/events/nope", "/api/documents/nope", "/api/actors/nope"):
        response = client.get(url)
        assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_event_detail_highlights_the_fields(client: TestClient) -> None:
    event = get(client, "/api/events", limit=1)["items"][0]
    detail = get(client, f"/api/events/{event['id']}")
    assert detail["record"]["id"] == event["id"]
    highlight = detail["highlight"]
    roles = {span["role"]: highlight["text"][span["start"] : span["end"]] for span in highlight["spans"]}
    assert set(roles) == {"trigger", "actor", "recipient", "place", "date"}
    record = detail["record"]
    assert roles["trigger"] == record["event_text"]
    assert roles["actor"] == record["actor"][0]["entity_text"]
    assert roles["place"] == record["event_loc"]["text"]
    assert detail["mentions"][0]["text"] == record["text"]
    assert detail["review"] is None


def test_document_spans_point_into_its_text(client: TestClient) -> None:
    event = get(client, "/api/events", limit=1)["items"][0]
    doc = get(client, f"/api/documents/{event['doc_id']}")
    assert doc["events"] and doc["spans"]
    for span in doc["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(doc["text"])
    trigger = next(s for s in doc["spans"] if s["role"] == "trigger" and s["event_id"] == event["id"])
    assert doc["text"][trigger["start"] : trigger["end"]] == event["event_text"]


def test_hostile_document_text_comes_back_verbatim(client: TestClient) -> None:
    doc = get(client, "/api/documents/hostile-doc")
    assert "<script>" in doc["text"]  # the API returns text; the page renders it as text
    response = client.get("/api/documents/hostile-doc")
    assert response.headers["content-type"].startswith("application/json")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_overview_and_timeseries_agree_with_the_events(client: TestClient) -> None:
    everything = all_events(client)
    overview = get(client, "/api/stats/overview")
    assert overview["totals"]["events"] == len(everything)
    by_type = {row["event"]: row["count"] for row in overview["by_type"]}
    assert by_type == dict(Counter(e["event"] for e in everything))
    assert sum(p["count"] for p in overview["trend"]) == len(everything)
    assert overview["top_dyads"][0]["count"] >= overview["top_dyads"][-1]["count"]
    series = get(client, "/api/stats/timeseries", by="type", interval="month", top=50)
    assert {s["key"]: s["total"] for s in series["series"]} == by_type
    daily = get(client, "/api/stats/timeseries", interval="day", event="ASSAULT")
    assert daily["series"][0]["total"] == by_type["ASSAULT"]
    dyads = get(client, "/api/stats/timeseries", by="dyad", top=3)
    assert len(dyads["series"]) == 3 and all(" → " in s["key"] for s in dyads["series"])


def test_network_nodes_and_edges(client: TestClient) -> None:
    net = get(client, "/api/network", nodes=20)
    ids = {n["id"] for n in net["nodes"]}
    assert len(ids) == 20 and net["edges"]
    activities = [n["activity"] for n in net["nodes"]]
    assert activities == sorted(activities, reverse=True)
    for edge in net["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["quad"] in {1, 2, 3, 4} and sum(edge["by_quad"].values()) == edge["weight"]
    protest = get(client, "/api/network", event="PROTEST")
    assert all(e["by_quad"].keys() == {"4"} for e in protest["edges"])


def test_actor_detail(client: TestClient) -> None:
    top = get(client, "/api/actors", limit=1)["items"][0]
    detail = get(client, f"/api/actors/{top['id']}", interval="month")
    total = sum(p["count"] for p in detail["activity"]["actor"]) + sum(
        p["count"] for p in detail["activity"]["recipient"]
    )
    assert total == top["as_actor"] + top["as_recipient"]
    assert detail["dyads"] and {d["direction"] for d in detail["dyads"]} <= {"to", "from"}


def test_places_and_map(client: TestClient) -> None:
    places = get(client, "/api/places")["items"]
    located = get(client, "/api/map")
    assert sum(p["events"] for p in places) == located["total"] == len(located["points"])
    assert all(-90 <= p[1] <= 90 and -180 <= p[2] <= 180 and p[3] in PLOVER_EVENTS for p in located["points"])


@pytest.mark.shared
def test_export_jsonl_with_filters_is_valid(client: TestClient, schema: dict[str, Any]) -> None:
    response = client.get("/api/export", params={"format": "jsonl", "event": "PROTEST"})
    assert response.status_code == 200
    records = [json.loads(line) for line in response.text.splitlines()]
    assert records and {r["event"] for r in records} == {"PROTEST"}
    assert len(records) == get(client, "/api/events", event="PROTEST")["total"]
    for record in records:
        jsonschema.validate(record, schema)


def test_export_every_registered_format(client: TestClient) -> None:
    for fmt in registry.exporters.available():
        response = client.get("/api/export", params={"format": fmt, "event": "AID"})
        assert response.status_code == 200, (fmt, response.text)
    graph = client.get("/api/export", params={"format": "graphml", "event": "AID"}).text
    assert graph.startswith("<?xml") and "<edge" in graph


def test_export_unknown_format(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "docx"})
    assert response.status_code == 422 and "jsonl" in response.json()["detail"]


def test_reviews_are_refused_when_not_allowed(client: TestClient) -> None:
    response = client.post(f"/api/events/{HOSTILE_EVENT}/review", json={"verdict": "wrong"})
    assert response.status_code == 403 and "--allow-review" in response.json()["detail"]
    assert get(client, "/api/status")["allow_review"] is False


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/places",
        "/api/documents/{doc_id}",
        "/api/stats/timeseries",
        "/api/network",
        "/api/explain",
        "/api/export",
    ):
        assert path in paths
