"""Wire scoring rules on records written here: matchings, alignment on anchors, per-field counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whimbrel.evaluation import ratchet, wire
from whimbrel.evaluation.expectations import Expected, from_gold
from whimbrel.evaluation.exported import InputDocument, _rounds

TEXT = "DAKAR, May 2 (Reuters) - Soldiers fought rebels near Kolda. Later the army arrested nine men."
ATTACK = {
    "event": "ASSAULT",
    "actor": [{"code": "SEN"}],
    "recipient": [{"code": "SEN"}],
    "place": {"name": "Kolda", "country": "SEN"},
    "date": "2025-05-02",
    "size": {"dead": None},
    "status": "asserted",
    "attribution": None,
    "anchors": ["Soldiers fought rebels near Kolda"],
}


def _report(*events: dict[str, Any]) -> wire.WireReport:
    gold = tuple(
        wire.GoldEvent(f"g{i}", from_gold(e), wire._spans(TEXT, e["anchors"])) for i, e in enumerate(events)
    )
    return wire.WireReport("r1", TEXT, dt.date(2025, 5, 2), gold)


def _record(**change: Any) -> dict[str, Any]:
    start = TEXT.index("Soldiers")
    base = {
        "event": "ASSAULT",
        "actor": [{"entity_text": "Soldiers", "code": "SEN", "sector": "MIL"}],
        "recipient": [{"entity_text": "rebels", "code": "SEN", "sector": "REB"}],
        "event_loc": {"name": "Kolda", "text": "Kolda", "country": "SEN"},
        "date": "2025-05-02",
        "size": {"dead": None},
        "status": "asserted",
        "attribution": None,
        "text_info": {"doc_id": "r1", "start": start, "end": TEXT.index(".", start) + 1},
        "mentions": [],
    }
    return base | change


def test_a_perfect_record_scores_one_everywhere() -> None:
    tally = wire.score([_report(ATTACK)], {"r1": [_record()]})
    assert (tally.gold, tally.predicted, tally.lenient, tally.strict) == (1, 1, 1, 1)
    assert set(tally.fields.values()) == {1}


def test_a_second_record_of_the_incident_costs_precision_only() -> None:
    tally = wire.score([_report(ATTACK)], {"r1": [_record(), _record()]})
    assert (tally.lenient, tally.strict, tally.predicted) == (1, 1, 2)


def test_a_wrong_date_breaks_strict_not_lenient() -> None:
    tally = wire.score([_report(ATTACK)], {"r1": [_record(date="2025-04-25")]})
    assert (tally.lenient, tally.strict) == (1, 0)
    assert tally.fields["date"] == 0 and tally.fields["event"] == 1


def test_records_off_the_anchors_are_not_aligned() -> None:
    elsewhere = _record(text_info={"doc_id": "r1", "start": TEXT.index("Later"), "end": len(TEXT)})
    tally = wire.score([_report(ATTACK)], {"r1": [elsewhere]})
    assert tally.lenient == 1  # the matchings judge fields, not places in the text
    assert tally.fields["event"] == 0  # but nothing is aligned for the per-field counts


def test_reciprocal_and_inferred_actors() -> None:
    clash = ATTACK | {"actor": [{"code": "SEN"}, {"code": "GMB"}], "recipient": []}
    one_sided = _record(actor=[{"code": "SEN"}], recipient=[{"code": "GMB"}])
    both = _record(actor=[{"code": "SEN"}, {"code": "GMB"}], recipient=[])
    assert wire.score([_report(clash)], {"r1": [one_sided]}).lenient == 0
    assert wire.score([_report(clash)], {"r1": [both]}).lenient == 1
    unknown = ATTACK | {"actor": [{"code": "SEN", "sector": "UAF", "inferred": True}]}
    assert wire.score([_report(unknown)], {"r1": [_record()]}).lenient == 0
    inferred = _record(
        actor=[{"entity_text": "unidentified", "code": "SEN", "sector": "UAF", "inferred": True}]
    )
    assert wire.score([_report(unknown)], {"r1": [inferred]}).lenient == 1


def test_sizes_ranges_and_place_names() -> None:
    crowd = ATTACK | {
        "size": {"count": [10000, 99999]},
        "place": {"name": ["Kolda", "Casamance"], "country": "SEN"},
    }
    expected = from_gold(crowd)
    assert isinstance(expected, Expected) and expected.size == {"count": (10000, 99999)}
    inside = _record(size={"count": 20000}, event_loc={"name": "Casamance", "text": "Casamance"})
    assert wire.score([_report(crowd)], {"r1": [inside]}).strict == 1
    assert wire.score([_report(crowd)], {"r1": [_record(size={"count": 2000})]}).strict == 0


def test_no_event_reports_count_violent_records() -> None:
    quiet = wire.WireReport("r2", "A storm hit the coast.", dt.date(2025, 5, 2), ())
    tally = wire.score([quiet], {"r2": [_record()]})
    assert (tally.no_event_reports, tally.no_event_reports_violent, tally.predicted) == (1, 1, 1)


def test_corpus_loads_with_every_anchor_found() -> None:
    corpus = wire.load_corpus()
    assert len(corpus) >= 40
    assert all(g.anchors for r in corpus for g in r.events)


def test_repeated_texts_go_to_separate_runs() -> None:
    day = dt.date(2025, 1, 1)
    docs = [InputDocument("a", "x", day), InputDocument("b", "x", day), InputDocument("c", "y", day)]
    assert [[d.id for d in batch] for batch in _rounds(docs)] == [["a", "c"], ["b"]]


def test_ratchet_raises_and_reports_shortfalls(tmp_path: Any) -> None:
    floors = {"t": {"a": 0.5, "b": 0.9}}
    measured = {"t": {"a": 0.6666, "b": 0.8, "c": 0.1}}
    assert ratchet.raised(floors, measured) == {"t": {"a": 0.666, "b": 0.9, "c": 0.1}}
    problems = ratchet.shortfalls(floors, measured)
    assert any("b: 0.800 is below its floor 0.900" in p for p in problems)
    assert any("c: measured 0.100 but has no floor" in p for p in problems)
    path = tmp_path / "r.toml"
    path.write_text(ratchet.render(["# header"], {"wire.dev": {"lenient precision": 0.25}}), "utf-8")
    assert ratchet.read(path) == (["# header"], {"wire.dev": {"lenient precision": 0.25}})
