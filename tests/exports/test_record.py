"""Tests of the export record: the DESIGN key order, every field, the schema and the round trip."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings

from whimbrel.exports.record import RECORD_KEYS, dumps_record, event_to_record, record_to_event
from whimbrel.model import ActorRef, Attribution, Size, Span


def load_builders() -> ModuleType:
    """tests/store/builders.py, loaded by path under a name no other test helper uses."""
    name = "whimbrel_tests_store_builders"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "store" / "builders.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


B = load_builders()

# Written out rather than imported, so that a change to RECORD_KEYS cannot pass unnoticed.
DESIGN_ORDER = [
    "id",
    "event",
    "mode",
    "context",
    "quad_code",
    "cameo",
    "date",
    "date_precision",
    "actor",
    "recipient",
    "event_loc",
    "event_text",
    "text",
    "text_info",
    "size",
    "status",
    "attribution",
    "claimant",
    "incident_id",
    "planned_date",
    "date_end",
    "confidence",
    "mentions",
    "sources",
]
ENTITY_KEYS = ["entity_text", "code", "sector", "identifier_id", "identifier_text", "inferred"]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = B.load_schema()
    if schema is None:
        pytest.skip(f"../shared/record.schema.json not found: {B.SCHEMA_PATH}")
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_keys_are_in_the_design_order() -> None:
    record = event_to_record(B.make_event())
    assert list(record) == DESIGN_ORDER
    assert list(RECORD_KEYS) == DESIGN_ORDER


def test_every_field_of_a_full_event() -> None:
    event = B.make_event("doc-7", start=120)
    record = event_to_record(event)
    assert record["id"] == "ev-doc-7-120"
    assert record["event"] == "ASSAULT"
    assert record["mode"] == ["heavy-weapons", "drone"]
    assert record["context"] == ["military"]
    assert (record["quad_code"], record["cameo"]) == (4, "195")
    assert (record["date"], record["date_precision"]) == ("2023-10-07", "day")
    assert [list(a) for a in record["actor"]] == [ENTITY_KEYS]
    assert record["actor"][0]["identifier_id"] == "whimbrel:islamic-resistance-in-iraq"
    assert record["recipient"][0]["code"] == "USA"
    assert list(record["event_loc"]) == [
        "text",
        "name",
        "geonameid",
        "lat",
        "lon",
        "country",
        "admin1",
        "feature_code",
        "precision",
        "admin2",
    ]
    assert record["event_loc"]["geonameid"] == 98182
    assert record["event_text"] == "carried out two unusual attacks"
    assert record["text"] == B.SENTENCE
    assert record["text_info"] == {"doc_id": "doc-7", "start": 120, "end": 120 + len(B.SENTENCE)}
    assert record["size"] == {
        "count": 2,
        "count_qualifier": "exactly",
        "dead": 2,
        "dead_qualifier": "at least",
        "injured": None,
        "injured_qualifier": None,
        "arrested": None,
        "arrested_qualifier": None,
        "count_max": None,
        "dead_max": None,
        "injured_max": None,
        "arrested_max": None,
    }
    assert record["status"] == "asserted"
    assert record["claimant"]["entity_text"] == "the militias"
    assert list(record["claimant"]) == ENTITY_KEYS
    assert record["mentions"] == [{"doc_id": "doc-7", "start": 120, "end": 120 + len(B.SENTENCE)}]
    assert record["sources"] == ["doc-7"]


def test_rationale_is_not_exported() -> None:
    event = B.make_event(rationale=("SECRET-RATIONALE",))
    record = event_to_record(event)
    assert "rationale" not in record
    assert "SECRET-RATIONALE" not in dumps_record(record)


def test_confidence_is_rounded_to_three_decimals() -> None:
    assert event_to_record(B.make_event(confidence=0.123456))["confidence"] == 0.123
    assert event_to_record(B.make_event(confidence=1))["confidence"] == 1.0


def test_empty_parts_keep_a_stable_shape() -> None:
    event = B.make_event(event_loc=None, claimant=None, size=Size(), actor=(), recipient=(), cameo=None)
    record = event_to_record(event)
    assert record["event_loc"] is None
    assert record["claimant"] is None
    assert record["size"] == dict.fromkeys(record["size"])
    assert len(record["size"]) == 12
    assert (record["attribution"], record["incident_id"]) == (None, None)
    assert (record["planned_date"], record["date_end"]) == (None, None)
    assert (record["actor"], record["recipient"], record["cameo"]) == ([], [], None)


def test_sources_lead_with_the_own_document_and_include_every_mention() -> None:
    event = B.make_event(
        "doc-1",
        mentions=(Span("doc-1", 0, 10), Span("doc-3", 5, 9)),
        sources=("doc-2", "doc-1"),
    )
    record = event_to_record(event)
    assert record["sources"] == ["doc-1", "doc-2", "doc-3"]
    assert record["mentions"] == [
        {"doc_id": "doc-1", "start": 0, "end": 10},
        {"doc_id": "doc-3", "start": 5, "end": 9},
    ]


def test_full_and_minimal_records_fit_the_schema(validator: Any) -> None:
    minimal = B.make_event(
        event_loc=None,
        claimant=None,
        size=Size(),
        actor=(ActorRef("someone"),),
        recipient=(),
        quad_code=None,
        cameo=None,
        date=None,
        date_precision="unknown",
        mode=(),
        context=(),
    )
    for event in (B.make_event(), minimal):
        validator.validate(event_to_record(event))


def test_attribution_range_and_plan_fields_fit_the_schema(validator: Any) -> None:
    gunmen = ActorRef("unidentified gunmen", code="NGA", sector="UAF", inferred=True)
    event = B.make_event(
        actor=(gunmen,),
        attribution=Attribution("claimed", B.MILITIAS),
        incident_id="inc-9",
        planned_date="2023-10-13",
        date_end="2023-10-31",
        size=Size(dead=20, dead_qualifier="between", dead_max=30),
    )
    record = event_to_record(event)
    validator.validate(record)
    assert record["actor"][0]["inferred"] is True
    assert record["attribution"]["kind"] == "claimed"
    assert record["attribution"]["by"]["identifier_id"] == B.MILITIAS.identifier_id
    assert (record["size"]["dead"], record["size"]["dead_max"]) == (20, 30)
    assert record_to_event(record).attribution == event.attribution


def test_a_record_written_before_the_new_fields_still_reads() -> None:
    # guards old stores and files: a record without attribution, incident, range or "inferred" keys
    record = event_to_record(B.make_event())
    for key in ("attribution", "incident_id", "planned_date", "date_end"):
        del record[key]
    for key in ("count_max", "dead_max", "injured_max", "arrested_max"):
        del record["size"][key]
    for entity in (*record["actor"], *record["recipient"], record["claimant"]):
        del entity["inferred"]
    back = record_to_event(record)
    assert (back.attribution, back.incident_id, back.planned_date, back.date_end) == (None,) * 4
    assert back.actor[0].inferred is False
    assert back.size.dead_max is None


def test_schema_rejects_a_broken_record(validator: Any) -> None:
    # guards that validation is real: a record without sources must not pass
    record = event_to_record(B.make_event())
    record["sources"] = []
    assert not validator.is_valid(record)


def test_dumps_record_is_one_line_of_stable_utf8_json() -> None:
    event = B.make_event(text="هجوم على القاعدة\nsecond line", event_text="هجوم")
    line = dumps_record(event_to_record(event))
    assert "\n" not in line
    assert "هجوم" in line
    assert line.startswith('{"id": ')
    assert line == dumps_record(event_to_record(event))
    assert list(json.loads(line)) == DESIGN_ORDER


def test_record_to_event_restores_the_event_without_rationale() -> None:
    event = B.make_event("doc-2", start=40)
    back = record_to_event(event_to_record(event))
    assert back == replace(
        event, rationale=(), confidence=0.812, sentence=-1, mentions=back.mentions, sources=("doc-2",)
    )
    assert back.mentions == (Span("doc-2", 40, 40 + len(B.SENTENCE)),)
    assert (back.trigger_start, back.trigger_end) == (event.trigger_start, event.trigger_end)


def test_record_to_event_without_a_findable_trigger() -> None:
    record = event_to_record(B.make_event(start=10, event_text="not in the sentence"))
    back = record_to_event(record)
    assert (back.trigger_start, back.trigger_end) == (10, 10)


def test_record_to_event_needs_the_required_fields() -> None:
    record = event_to_record(B.make_event())
    del record["text_info"]
    with pytest.raises(KeyError):
        record_to_event(record)


@settings(max_examples=200, deadline=None)
@given(B.events())
def test_round_trip(event: Any) -> None:
    record = event_to_record(event)
    assert list(record) == DESIGN_ORDER
    assert json.loads(dumps_record(record)) == record
    back = record_to_event(record)
    # the record is a fixed point: exporting the restored event gives the same record
    assert event_to_record(back) == record
    expected = replace(
        event,
        sentence=-1,
        trigger_start=back.trigger_start,
        trigger_end=back.trigger_end,
        confidence=round(event.confidence, 3),
        mentions=tuple(dict.fromkeys(event.mentions)) or (Span(event.doc_id, event.start, event.end),),
        sources=tuple(record["sources"]),
        rationale=(),
    )
    assert back == expected
    assert set(back.sources) >= {event.doc_id, *event.sources, *(m.doc_id for m in back.mentions)}


@settings(max_examples=100, deadline=None)
@given(B.events())
def test_generated_records_fit_the_schema(validator: Any, event: Any) -> None:
    validator.validate(event_to_record(event))
