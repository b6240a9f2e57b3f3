"""``whimbrel eval wire``: the wire corpus (50 reports written for whimbrel) scored through run + export.

Each report (``data/wire_reports.jsonl``) has hand-coded expected events (``data/wire_gold.jsonl``). The
reports are coded by :func:`whimbrel.evaluation.exported.export_records` (``whimbrel run`` then
``whimbrel export``), and the records are matched to the expected events of the same report:

- **lenient**: a record and an expected event match when type, actor codes and recipient codes agree;
- **strict**: when every field agrees (type, actor, recipient, place, date, size, status, attribution);
  each is a one-to-one maximum matching, so a second record of one incident is a false positive.
- **per field**: each expected event is first aligned with at most one record: a record is a candidate
  when its sentence overlaps one of the event's anchors (the passages of the report that tell it), and
  candidates are taken best first (type agreeing counts most, then actor and recipient, then the other
  fields). A field's recall is the share of expected events whose aligned record has it right; its
  precision is the share of all records that are aligned and have it right.

Field rules are those of :mod:`whimbrel.evaluation.expectations`. Reports are split into dev and test by
the hash of their id (:mod:`whimbrel.evaluation.splits`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from whimbrel.evaluation import splits
from whimbrel.evaluation.expectations import FIELDS, LENIENT, Expected, agrees, field_ok, from_gold
from whimbrel.evaluation.exported import InputDocument, Record, export_records
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport
from whimbrel.pipeline import Resources
from whimbrel.stages.ingest import normalise_text

VIOLENT = frozenset({"ASSAULT", "COERCE"})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An expected event of a report: its id, expectation and anchor spans in the ingested text."""

    id: str
    expected: Expected
    anchors: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class WireReport:
    """One report of the corpus with its expected events."""

    id: str
    text: str
    published: dt.date
    events: tuple[GoldEvent, ...]


def _read(name: str) -> list[dict[str, Any]]:
    text = resources.files("whimbrel.evaluation").joinpath("data", name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _spans(text: str, anchors: Sequence[str]) -> tuple[tuple[int, int], ...]:
    found = []
    for anchor in anchors:
        start = text.find(anchor)
        while start >= 0:
            found.append((start, start + len(anchor)))
            start = text.find(anchor, start + 1)
    return tuple(found)


def load_corpus() -> list[WireReport]:
    """Every report of the wire corpus with its expected events, in file order."""
    gold = {str(g["id"]): g for g in _read("wire_gold.jsonl")}
    out = []
    for row in _read("wire_reports.jsonl"):
        text = normalise_text(str(row["text"]))
        events = tuple(
            GoldEvent(str(e["id"]), from_gold(e), _spans(text, e["anchors"]))
            for e in gold[row["id"]]["events"]
        )
        out.append(WireReport(str(row["id"]), text, dt.date.fromisoformat(row["published"]), events))
    return out


def _overlaps(record: Record, spans: Sequence[tuple[int, int]]) -> bool:
    info = record["text_info"]
    places = [(int(info["start"]), int(info["end"]))]
    places += [(int(m["start"]), int(m["end"])) for m in record.get("mentions") or ()]
    return any(s < end and start < e for s, e in spans for start, end in places)


def _matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> int:
    """The size of a maximum one-to-one matching of gold i to prediction j where ``ok(i, j)``."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in range(n_pred):
            if j not in seen and ok(i, j):
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(assign(i, set()) for i in range(n_gold))


def _score(record: Record, expected: Expected) -> int:
    weights = {"event": 8, "actor": 4, "recipient": 4}
    return sum(weights.get(f, 1) for f in expected.judged() if field_ok(record, expected, f))


def align(report: WireReport, records: Sequence[Record]) -> dict[int, int]:
    """Gold index -> record index: each expected event with its best record among those on its anchors."""
    pairs = [
        (-_score(r, g.expected), i, j)
        for i, g in enumerate(report.events)
        for j, r in enumerate(records)
        if _overlaps(r, g.anchors)
    ]
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in taken and j not in used:
            taken[i] = j
            used.add(j)
    return taken


@dataclass
class Tally:
    """Counts over the scored reports."""

    gold: int = 0
    predicted: int = 0
    lenient: int = 0
    strict: int = 0
    no_event_reports: int = 0
    no_event_reports_violent: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, report: WireReport, records: Sequence[Record]) -> None:
        """Count one report's expected events against its records."""
        gold = [g.expected for g in report.events]
        self.gold += len(gold)
        self.predicted += len(records)
        self.lenient += _matching(len(gold), len(records), lambda i, j: agrees(records[j], gold[i], LENIENT))
        self.strict += _matching(len(gold), len(records), lambda i, j: agrees(records[j], gold[i]))
        for i, j in align(report, records).items():
            for name in FIELDS:
                self.fields[name] += field_ok(records[j], gold[i], name)
        if not gold:
            self.no_event_reports += 1
            self.no_event_reports_violent += any(r.get("event") in VIOLENT for r in records)


def _task(name: str, hits: Mapping[str, int], tally: Tally) -> TaskReport:
    classes = [ClassScore(k, v, tally.predicted - v, tally.gold - v) for k, v in hits.items()]
    return TaskReport(name, classes, tally.gold)


def score(corpus: Sequence[WireReport], records: Mapping[str, Sequence[Record]]) -> Tally:
    """Tally the records of each report (by id) against the corpus."""
    tally = Tally()
    for report in corpus:
        tally.add(report, records.get(report.id, ()))
    return tally


def evaluate(
    data_dir: Path | None = None,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = "test",
    resources: Resources | None = None,
) -> Report:
    """Code the ``split`` reports of the wire corpus with run + export and score them.

    ``data_dir`` is not read: the corpus ships inside the package.
    """
    corpus = splits.select(load_corpus(), split, lambda r: r.id)[:limit]
    docs = [InputDocument(r.id, r.text, r.published) for r in corpus]
    records = export_records(docs, resources=resources)
    tally = score(corpus, records)
    report = Report("wire", "wire reports written for whimbrel: events matched to hand-coded gold")
    report.tasks.append(_task("fields (aligned on anchors)", tally.fields, tally))
    report.tasks.append(_task("events", {"lenient": tally.lenient, "strict": tally.strict}, tally))
    report.notes.append(
        f"{len(corpus)} reports, {tally.gold} expected events, {tally.predicted} exported records; "
        "lenient = type + actor + recipient, strict = every field (docs/evaluation.md)"
    )
    report.notes.append(
        f"{tally.no_event_reports_violent} of {tally.no_event_reports} reports with no expected event "
        "(disasters, accidents) gave an ASSAULT or COERCE"
    )
    return report


def figures(report: Report) -> dict[str, float]:
    """The report's precision and recall as flat names ("lenient precision", "date recall"...)."""
    out: dict[str, float] = {}
    for task in report.tasks:
        for c in task.classes:
            out[f"{c.label} precision"] = c.precision
            out[f"{c.label} recall"] = c.recall
    return out
