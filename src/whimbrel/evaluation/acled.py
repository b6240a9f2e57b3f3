"""ACLED event notes (``acled``): event type, sub-event type from modes, death toll, place and date.

``acled_notes/acled_notes.csv`` (research and evaluation only; see its SOURCE.md): one row per distinct
English note, with ACLED's event type, sub-event type, fatalities, point and date. Each note is coded
alone through ``whimbrel run`` + ``export``, published on its ``event_date``, and split into dev and test
by its ``doc_id``.

ACLED's types are read from the exported records by a crosswalk (:func:`acled_type`): PROTEST is Riots
with mode ``riot``, else Protests; ASSAULT is Explosions/Remote violence with a remote mode (explosives,
aerial, drone, heavy weapons, suicide attack, CBRN), Violence against civilians with a mode of one-sided
violence (abduct, sexual, torture, massacre) or when it has recipients none of whom is armed (military,
police, rebels, unidentified armed groups, paramilitaries, spies), else Battles; COERCE, MOBILIZE, AGREE,
RETREAT, SANCTION, AID, COOPERATE and CONCEDE are Strategic developments; other events (statements,
requests, threats) have no ACLED type. The note's main record is the highest-confidence record with a type
(:mod:`whimbrel.evaluation.incidents`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.incidents import Incident, csv_rows, incident_tasks, main_record, number
from whimbrel.evaluation.metrics import NONE, Report, TaskReport, rate, score_single
from whimbrel.evaluation.product import GoldText, ProductCoder, Record

NAME = "acled"
FOLDER = Path("acled_notes")
FILE = "acled_notes.csv"
COLUMNS = ("doc_id", "event_date", "time_precision", "event_type", "sub_event_type", "iso3", "fatalities")

REMOTE_MODES = frozenset({"explosives", "aerial", "drone", "heavy-weapons", "suicide-attack", "cbrn"})
ONE_SIDED_MODES = frozenset({"abduct", "sexual", "torture", "massacre"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "PRM", "SPY"})
STRATEGIC_EVENTS = frozenset(
    {"COERCE", "MOBILIZE", "AGREE", "RETREAT", "SANCTION", "AID", "COOPERATE", "CONCEDE"}
)

# ACLED sub-event types that name a PLOVER mode: right when any record of the note has one of them.
SUB_EVENT_MODES: Mapping[str, frozenset[str]] = {
    "Shelling/artillery/missile attack": frozenset({"heavy-weapons"}),
    "Air/drone strike": frozenset({"aerial", "drone"}),
    "Remote explosive/landmine/IED": frozenset({"explosives"}),
    "Grenade": frozenset({"explosives"}),
    "Suicide bomb": frozenset({"suicide-attack", "explosives"}),
    "Abduction/forced disappearance": frozenset({"abduct"}),
    "Sexual violence": frozenset({"sexual"}),
    "Peaceful protest": frozenset({"demo"}),
    "Protest with intervention": frozenset({"demo"}),
    "Violent demonstration": frozenset({"riot"}),
    "Mob violence": frozenset({"riot"}),
    "Arrests": frozenset({"arrest"}),
    "Looting/property destruction": frozenset({"destroy", "seize"}),
}


def acled_type(record: Record) -> str | None:
    """The ACLED event type of an exported record, or None for events ACLED does not code."""
    event, modes = str(record["event"]), set(record["mode"])
    if event == "PROTEST":
        return "Riots" if "riot" in modes else "Protests"
    if event == "ASSAULT":
        if modes & REMOTE_MODES:
            return "Explosions/Remote violence"
        recipients = record["recipient"]
        armed = any(r.get("sector") in ARMED_SECTORS for r in recipients)
        if modes & ONE_SIDED_MODES or (recipients and not armed):
            return "Violence against civilians"
        return "Battles"
    return "Strategic developments" if event in STRATEGIC_EVENTS else None


def load(data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all") -> list[Incident]:
    """The notes of ``split`` (by ``doc_id``) with their gold fields, the first ``limit`` when given."""
    items: list[Incident] = []
    for where, row in csv_rows(data_dir, FOLDER, FILE, (*COLUMNS, "notes"), NAME):
        if not splits.in_split(row["doc_id"], split):
            continue
        try:
            day = dt.date.fromisoformat(row["event_date"])
            dead = int(row["fatalities"])
        except ValueError:
            raise EvaluationError(f"{where}: bad event_date or fatalities") from None
        items.append(
            Incident(
                id=row["doc_id"],
                text=row["notes"],
                published=day,
                event_type=row["event_type"],
                sub_type=row["sub_event_type"],
                dead=dead,
                lat=number(row.get("latitude")),
                lon=number(row.get("longitude")),
                country=row["iso3"] or None,
                date=day if row["time_precision"] == "1" else None,
            )
        )
        if limit is not None and len(items) >= limit:
            break
    return items


def _sub_event_task(gold: Sequence[Incident], coded: Sequence[Sequence[Record]]) -> TaskReport:
    scored = [(g, records) for g, records in zip(gold, coded, strict=True) if g.sub_type in SUB_EVENT_MODES]
    hits = [
        bool(SUB_EVENT_MODES[g.sub_type] & {m for r in records for m in r["mode"]}) for g, records in scored
    ]
    task = rate("sub-event type from modes, where it names a mode", hits)
    for sub_type in SUB_EVENT_MODES:
        mine = [h for (g, _), h in zip(scored, hits, strict=True) if g.sub_type == sub_type]
        if mine:
            task.extra[sub_type] = sum(mine) / len(mine)
    return task


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the notes of ``split`` (the first ``limit``) with ``run`` + ``export`` and score them."""
    gold = load(data_dir, limit=limit, split=split)
    coded = (coder or ProductCoder(settings)).code([GoldText(g.text, g.published) for g in gold])
    mains = [main_record(records, acled_type) for records in coded]
    event = score_single(
        [g.event_type for g in gold],
        [acled_type(m) or NONE if m else NONE for m in mains],
        name="event type (ACLED)",
    )
    event.extra["no_typed_record"] = sum(m is None for m in mains) / len(mains) if mains else 0.0
    tasks = [event, _sub_event_task(gold, coded), *incident_tasks(gold, coded, acled_type)]
    return Report(
        NAME,
        "ACLED event notes: event type, sub-event type from modes, death toll, place, date",
        tasks,
        [
            f"{len(gold)} notes of {FOLDER / FILE}, each coded alone through run + export, published on "
            f"its event_date",
            "event type: the ACLED type of the note's main record (the highest-confidence record with an "
            "ACLED type) by the crosswalk of whimbrel.evaluation.acled.acled_type; NONE when no record has "
            "one",
            "sub-event type: over notes whose sub-event type names a mode ("
            + "; ".join(f"{k}: {'/'.join(sorted(v))}" for k, v in SUB_EVENT_MODES.items())
            + "); right when any record of the note has one of those modes",
            "death toll: the largest size.dead of the note's records (0 when none); ACLED codes some "
            "unknown tolls as 3 or 10 and splits some notes over several events",
            "place: the main record's event_loc (else the first record's) within 161 km of ACLED's point; "
            "country_right compares its country with iso3",
            "date: the main record's date equals event_date, over notes whose time_precision is 1 (a day)",
        ],
    )
