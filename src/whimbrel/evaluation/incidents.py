"""Scoring one reported incident per text (ACLED notes, GTD summaries): toll, place and date.

Each gold text reports one incident. Its **main record** is the highest-confidence exported record that
the data set's crosswalk gives a type (records of talk with no incident type are passed over), or, when
none has one, no record. From the exported records:

- *death toll*: the largest ``size.dead`` among the text's records (0 when none gives one), scored exact
  where the gold toll is above zero, and separately as "none reported" where the gold toll is zero;
- *place*: the main record's ``event_loc``, else the first record's that has one; right within 161 km of
  the gold point (great-circle distance), where the gold has a point; and its country against the gold's;
- *date*: the main record's ``date`` equals the gold day, where the gold gives a day.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from whimbrel.errors import EvaluationError
from whimbrel.evaluation.metrics import TaskReport, rate
from whimbrel.evaluation.product import Record

WITHIN_KM = 161.0
EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Incident:
    """One gold incident: the text and the gold fields scored against its records."""

    id: str
    text: str
    published: dt.date | None
    event_type: str
    sub_type: str  # ACLED's sub-event type, GTD's attack type(s) joined by " + "
    dead: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-3
    date: dt.date | None  # None when the gold gives no day


def csv_rows(
    data_dir: Path, folder: Path, name: str, columns: Sequence[str], set_name: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """``(file:line, row)`` of a gold CSV under ``data_dir/folder`` (or ``data_dir`` itself).

    A missing file, a missing column or an unreadable file raises EvaluationError naming the file.
    """
    base = Path(data_dir)
    path = base / folder / name if (base / folder).is_dir() else base / name
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the {set_name} gold file is missing")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise EvaluationError(f"{path}: no column(s) {', '.join(missing)}")
            for lineno, row in enumerate(reader, start=2):
                yield f"{path}:{lineno}", row
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from None


def number(value: str | None) -> float | None:
    """A CSV cell as a number, None when it is empty or not a number."""
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None


def main_record(records: Sequence[Record], typed: Callable[[Record], str | None]) -> Record | None:
    """The highest-confidence record that ``typed`` gives a type (the first of equals), or None."""
    best: Record | None = None
    for record in records:
        if typed(record) is None:
            continue
        if best is None or float(record["confidence"]) > float(best["confidence"]):
            best = record
    return best


def death_toll(records: Sequence[Record]) -> int:
    """The largest death toll among the records, 0 when none gives one."""
    tolls = [int((r.get("size") or {}).get("dead") or 0) for r in records]
    return max(tolls, default=0)


def place_of(main: Record | None, records: Sequence[Record]) -> Record | None:
    """The incident's ``event_loc``: the main record's, else the first record's that has one."""
    if main is not None and main.get("event_loc"):
        loc: Record = main["event_loc"]
        return loc
    return next((r["event_loc"] for r in records if r.get("event_loc")), None)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _within(gold: Incident, loc: Record | None) -> bool:
    if loc is None or loc.get("lat") is None or loc.get("lon") is None:
        return False
    assert gold.lat is not None and gold.lon is not None
    return distance_km(gold.lat, gold.lon, float(loc["lat"]), float(loc["lon"])) <= WITHIN_KM


def _same_day(main: Record | None, day: dt.date | None) -> bool:
    return main is not None and day is not None and main.get("date") == day.isoformat()


def incident_tasks(
    gold: Sequence[Incident], coded: Sequence[Sequence[Record]], typed: Callable[[Record], str | None]
) -> list[TaskReport]:
    """Death toll, place and date tasks for incidents and their texts' exported records."""
    mains = [main_record(records, typed) for records in coded]
    tolls = [death_toll(records) for records in coded]
    places = [place_of(m, records) for m, records in zip(mains, coded, strict=True)]

    killed = [i for i, g in enumerate(gold) if g.dead is not None and g.dead > 0]
    spared = [i for i, g in enumerate(gold) if g.dead == 0]
    off_by = [abs(tolls[i] - (gold[i].dead or 0)) for i in killed]
    toll = rate(
        "death toll, exact where gold > 0",
        [tolls[i] == gold[i].dead for i in killed],
        none_reported_where_gold_0=sum(tolls[i] == 0 for i in spared) / len(spared) if spared else 0.0,
        some_toll_where_gold_gt_0=sum(tolls[i] > 0 for i in killed) / len(killed) if killed else 0.0,
        within_1_where_gold_gt_0=sum(d <= 1 for d in off_by) / len(off_by) if off_by else 0.0,
    )

    pointed = [i for i, g in enumerate(gold) if g.lat is not None and g.lon is not None]
    countried = [i for i, g in enumerate(gold) if g.country]
    place = rate(
        f"place within {WITHIN_KM:g} km, where gold has a point",
        [_within(gold[i], places[i]) for i in pointed],
        country_right=(
            sum(bool(places[i]) and (places[i] or {}).get("country") == gold[i].country for i in countried)
            / len(countried)
            if countried
            else 0.0
        ),
        no_place=sum(places[i] is None for i in range(len(gold))) / len(gold) if gold else 0.0,
    )

    dated = [i for i, g in enumerate(gold) if g.date is not None]
    date = rate(
        "date, exact day, where gold gives a day",
        [_same_day(mains[i], gold[i].date) for i in dated],
    )
    return [toll, place, date]
