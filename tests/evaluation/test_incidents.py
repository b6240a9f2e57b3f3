"""ACLED and GTD evaluations: crosswalks, loading and splitting, incident scoring, and a short real run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.errors import EvaluationError
from whimbrel.evaluation import acled, gtd, incidents
from whimbrel.evaluation.incidents import Incident
from whimbrel.evaluation.product import ProductCoder

DATA = SHARED / "data"


def _record(event: str, *modes: str, recipient: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "event": event,
        "mode": list(modes),
        "recipient": [] if recipient is None else [{"sector": recipient}],
        "confidence": extra.pop("confidence", 0.5),
        "size": {"dead": extra.pop("dead", None)},
        "event_loc": extra.pop("event_loc", None),
        "date": extra.pop("date", None),
    }


def test_acled_crosswalk() -> None:
    assert acled.acled_type(_record("PROTEST", "demo")) == "Protests"
    assert acled.acled_type(_record("PROTEST", "riot")) == "Riots"
    assert acled.acled_type(_record("ASSAULT", "aerial", recipient="MIL")) == "Explosions/Remote violence"
    assert acled.acled_type(_record("ASSAULT", "firearms", recipient="MIL")) == "Battles"
    assert acled.acled_type(_record("ASSAULT", "firearms", recipient="CVL")) == "Violence against civilians"
    assert acled.acled_type(_record("ASSAULT", "abduct", recipient="MIL")) == "Violence against civilians"
    assert acled.acled_type(_record("ASSAULT")) == "Battles"
    assert acled.acled_type(_record("COERCE", "arrest")) == "Strategic developments"
    assert acled.acled_type(_record("ACCUSE")) is None


def test_gtd_attack_types_follow_the_codebook_order() -> None:
    assert gtd.attack_type([_record("ASSAULT", "firearms"), _record("ASSAULT", "assassinate")]) == (
        "Assassination"
    )
    assert gtd.attack_type([_record("ASSAULT", "explosives", "firearms")]) == "Bombing/Explosion"
    assert gtd.attack_type([_record("COERCE", "destroy")]) == "Facility/Infrastructure Attack"
    assert gtd.attack_type([_record("COERCE", "arrest"), _record("ACCUSE", "firearms")]) == "NONE"
    assert gtd.split_summary("03/15/2011: Gunmen fired on a bus.") == (
        "Gunmen fired on a bus.",
        dt.date(2011, 3, 15),
    )
    assert gtd.split_summary("No date here: text") == ("No date here: text", None)


def _incident(**kw: Any) -> Incident:
    base: dict[str, Any] = {
        "id": "x",
        "text": "t",
        "published": None,
        "event_type": "Battles",
        "sub_type": "",
        "dead": 0,
        "lat": None,
        "lon": None,
        "country": None,
        "date": None,
    }
    return Incident(**(base | kw))


def test_incident_tasks_score_toll_place_and_date() -> None:
    near = {"lat": 12.6, "lon": -8.0, "country": "MLI"}  # about 11 km from the gold point
    far = {"lat": 16.3, "lon": -3.0, "country": "MLI"}
    gold = [
        _incident(dead=3, lat=12.65, lon=-7.99, country="MLI", date=dt.date(2020, 5, 1)),
        _incident(dead=2, lat=12.65, lon=-7.99, country="MLI", date=dt.date(2020, 5, 1)),
        _incident(dead=0),
    ]
    coded = [
        [
            _record("ASSAULT", dead=3, event_loc=near, date="2020-05-01", confidence=0.9),
            _record("ACCUSE", dead=1),
        ],
        [_record("ASSAULT", dead=5, event_loc=far, date="2020-04-24")],
        [],
    ]
    toll, place, date = incidents.incident_tasks(gold, coded, acled.acled_type)
    assert toll.n == 2 and toll.accuracy == pytest.approx(0.5)
    assert toll.extra["none_reported_where_gold_0"] == 1.0
    assert place.n == 2 and place.accuracy == pytest.approx(0.5) and place.extra["country_right"] == 1.0
    assert date.n == 2 and date.accuracy == pytest.approx(0.5)
    assert incidents.distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)


def test_loading_splits_by_doc_id() -> None:
    need_shared(DATA / "acled_notes" / "acled_notes.csv")
    need_shared(DATA / "gtd_2011" / "gtd_2011.csv")
    for module, total in ((acled, 4330), (gtd, 4452)):
        dev, test = module.load(DATA, split="dev"), module.load(DATA, split="test")
        assert len(dev) + len(test) == total and len(dev) > total // 3 and len(test) > total // 3
        assert not {i.id for i in dev} & {i.id for i in test}
    first = gtd.load(DATA, limit=1)[0]
    assert first.published is not None and not first.text[:3].isdigit()


def test_short_runs(resources: Any) -> None:
    need_shared(DATA / "acled_notes" / "acled_notes.csv")
    need_shared(DATA / "gtd_2011" / "gtd_2011.csv")
    coder = ProductCoder(resources=resources)
    for module in (acled, gtd):
        report = module.evaluate(DATA, limit=6, split="dev", coder=coder)
        assert report.tasks[0].n == 6
        assert [t.name.split(",")[0] for t in report.tasks[-3:]] == [
            "death toll",
            "place within 161 km",
            "date",
        ]
        for task in report.tasks:
            assert task.accuracy is not None and 0.0 <= task.accuracy <= 1.0


def test_bad_files_are_evaluation_errors(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="not found"):
        acled.load(tmp_path)
    (tmp_path / "gtd_2011").mkdir()
    (tmp_path / "gtd_2011" / "gtd_2011.csv").write_text("doc_id,summary\nx,y\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no column"):
        gtd.load(tmp_path)
