"""The plover-gsr harness: gold loading, label mappings, scoring, and a short real run."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.evaluation import plover_gsr
from whimbrel.evaluation.metrics import NONE, TaskReport
from whimbrel.evaluation.plover_gsr import Compared, GoldRecord
from whimbrel.evaluation.product import ProductCoder

DATA = SHARED / "data"
GOLD = DATA / plover_gsr.RELATIVE_PATH
LIMIT = 30


@pytest.fixture(scope="module")
def coder(resources: Any) -> ProductCoder:
    return ProductCoder(resources=resources)


def _raw() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(need_shared(GOLD).read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT"]


def _gold(event: str, source: tuple[str, ...] = ("USA",), target: tuple[str, ...] = ("IRQ",)) -> GoldRecord:
    return GoldRecord("x", "text", event, source, ("GOV",), target, "aerial", event, "aerial")


def _item(gold: GoldRecord, event: str, conf: float | None, actors: tuple[str, ...] = ()) -> Compared:
    return Compared(gold, event, conf, (event,) if conf is not None else (), actors, (), (), ("aerial",))


def _numbers(task: TaskReport) -> list[float]:
    values = [v for c in task.classes for v in (c.precision, c.recall, c.f1)]
    values += [task.macro_f1, task.micro.f1, *task.extra.values(), *(b.accuracy for b in task.reliability)]
    return values + ([task.accuracy] if task.accuracy is not None else [])


def test_load_maps_old_events_and_keeps_every_sentence() -> None:
    raw = _raw()
    gold = plover_gsr.load(DATA)
    assert len(gold) == len(raw) == 322
    expected = Counter(plover_gsr.OLD_EVENTS.get(r["event"], r["event"]) for r in raw)
    assert Counter(g.event for g in gold) == expected
    assert expected["REQUEST"] == 34 and expected["ACCUSE"] == 25 and expected["ASSAULT"] == 32
    assert not {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"} & {g.event for g in gold}
    assert all(g.text for g in gold)
    assert len(plover_gsr.load(DATA, limit=7)) == 7


def test_gold_codes_modes_and_sectors_are_normalised() -> None:
    need_shared(GOLD)
    gold = plover_gsr.load(DATA)
    codes = {c for g in gold for c in (*g.source_codes, *g.target_codes)}
    assert not {"JAP", "ITL", "VTN"} & codes and {"JPN", "ITA", "IGO"} <= codes
    modes = {g.mode for g in gold if g.mode}
    assert {"hunger", "demo", "riot", "heavy-weapons"} <= modes
    assert not {"strike-hun", "demo-org", "riot-spon", "other"} & modes
    assert all(len(s) == 3 and s.isalpha() for g in gold for s in g.source_sectors)


def test_code_matching() -> None:
    assert plover_gsr.code_matches("IGO", "IGOUNO")
    assert plover_gsr.code_matches("USA", "USA")
    assert not plover_gsr.code_matches("USA", "USAGOV")
    assert not plover_gsr.code_matches("IGO", "NGOHRIAMN")


def test_score_counts_right_and_wrong_items() -> None:
    items = [
        _item(_gold("ASSAULT"), "ASSAULT", 0.9, ("USA",)),
        _item(_gold("ASSAULT"), "COERCE", 0.85, ("IGOUNO",)),
        _item(_gold("AGREE", source=("IGO",)), "AGREE", 0.5, ("IGOUNO",)),
        _item(_gold("REQUEST"), NONE, None),
    ]
    report = plover_gsr.score(items)
    event, actor = report.tasks[0], report.tasks[1]
    assert event.accuracy == pytest.approx(0.5)
    assert event.extra["precision_at_conf_0.8"] == pytest.approx(0.5)
    assert event.extra["no_event_rate"] == pytest.approx(0.25)
    assert [b.n for b in event.reliability] == [0, 0, 1, 0, 2]
    assert event.confusion["ASSAULT"] == {"ASSAULT": 1, "COERCE": 1} and event.confusion["REQUEST"] == {
        NONE: 1
    }
    assert actor.accuracy == pytest.approx(0.5)  # USA right, IGOUNO for USA wrong, IGO right, none wrong
    assert [t.name for t in report.tasks] == [
        "event type",
        "actor code",
        "actor sector",
        "recipient code",
        "mode",
    ]


def test_repeated_sentences_are_each_coded(coder: ProductCoder, schema: dict[str, Any]) -> None:
    text = "Rebels attacked an army base in northern Mali on Monday, killing five soldiers."
    first, other, third = coder.records([text, "Nothing happened.", text])
    assert first and not other
    assert [r["event"] for r in third] == [r["event"] for r in first]
    again = coder.records([text])[0]  # a later run is not linked to the earlier one either
    assert [r["event"] for r in again] == [r["event"] for r in first]
    for record in first:  # what is scored is the exported record of the contract
        jsonschema.validate(record, schema)


def test_splits_partition_the_gold_by_record_id() -> None:
    need_shared(GOLD)
    dev, test = plover_gsr.load(DATA, split="dev"), plover_gsr.load(DATA, split="test")
    assert len(dev) + len(test) == 322 and len(dev) > 100 and len(test) > 100
    assert not {g.id for g in dev} & {g.id for g in test}


def test_short_run_report(coder: ProductCoder) -> None:
    need_shared(GOLD)
    report = plover_gsr.evaluate(DATA, limit=LIMIT, split="all", coder=coder)
    gold = plover_gsr.load(DATA, limit=LIMIT)
    assert report.dataset == "plover-gsr" and report.notes
    event = report.tasks[0]
    assert event.n == LIMIT
    assert sum(sum(row.values()) for row in event.confusion.values()) == LIMIT
    assert {g: sum(row.values()) for g, row in event.confusion.items()} == Counter(g.event for g in gold)
    predicted = LIMIT - sum(row.get(NONE, 0) for row in event.confusion.values())
    assert sum(b.n for b in event.reliability) == predicted
    assert "precision_at_conf_0.8" in event.extra
    assert report.tasks[1].n == sum(1 for g in gold if g.source_codes)
    assert report.tasks[3].n == sum(1 for g in gold if g.target_codes)
    for task in report.tasks:
        assert all(0.0 <= v <= 1.0 for v in _numbers(task)), task.name
