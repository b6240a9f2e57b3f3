"""GTD 2011 attack summaries (``gtd``): attack, attack type from modes, death toll, place and date.

``gtd_2011/gtd_2011.csv`` (non-commercial research only; see its SOURCE.md): one attack per row, with
START's attack types, weapon, killed (``nkill``, attackers included), place and date. Each summary begins
``MM/DD/YYYY:``; that prefix is stripped and used as the publication date. Each summary is coded alone
through ``whimbrel run`` + ``export`` and split into dev and test by its ``doc_id``.

A record is an attack when it is an ASSAULT, or a COERCE with mode ``destroy`` (an attack on property).
Its attack type is read from the modes of the summary's attack records, by the GTD codebook's own
hierarchy when several apply: assassinate is Assassination, abduct Hostage Taking (Kidnapping),
explosives, suicide attack and heavy weapons Bombing/Explosion, firearms and primitive weapons Armed
Assault, destroy Facility/Infrastructure Attack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.incidents import Incident, csv_rows, incident_tasks, number
from whimbrel.evaluation.metrics import NONE, Report, TaskReport, score_single
from whimbrel.evaluation.product import GoldText, ProductCoder, Record, top_record

NAME = "gtd"
FOLDER = Path("gtd_2011")
FILE = "gtd_2011.csv"
COLUMNS = ("doc_id", "iyear", "imonth", "iday", "iso3", "attacktype1_txt", "attacktype2_txt", "nkill")
ATTACK = "attack"
UNKNOWN = "Unknown"

# Modes -> GTD attack types, in the GTD codebook's order of precedence (the first that applies wins).
MODE_ATTACK_TYPES: Sequence[tuple[frozenset[str], str]] = (
    (frozenset({"assassinate"}), "Assassination"),
    (frozenset({"abduct"}), "Hostage Taking (Kidnapping)"),
    (frozenset({"explosives", "suicide-attack", "heavy-weapons"}), "Bombing/Explosion"),
    (frozenset({"firearms", "primitive"}), "Armed Assault"),
    (frozenset({"destroy"}), "Facility/Infrastructure Attack"),
)


def is_attack(record: Record) -> bool:
    """An ASSAULT, or a COERCE that destroys property."""
    return record["event"] == "ASSAULT" or (record["event"] == "COERCE" and "destroy" in record["mode"])


def attack_kind(record: Record) -> str | None:
    """``attack`` for an attack record, else None (the type the incident scorer ranks records by)."""
    return ATTACK if is_attack(record) else None


def attack_type(records: Sequence[Record]) -> str:
    """The GTD attack type the modes of the attack records name, NONE when they name none."""
    modes = {m for r in records if is_attack(r) for m in r["mode"]}
    return next((name for cue, name in MODE_ATTACK_TYPES if modes & cue), NONE)


def _int(value: str) -> int | None:
    found = number(value)
    return None if found is None else int(found)


def split_summary(summary: str) -> tuple[str, dt.date | None]:
    """The summary without its ``MM/DD/YYYY:`` prefix, and that date (None when it is not a real day)."""
    head, sep, rest = summary.partition(":")
    parts = head.strip().split("/")
    if not sep or len(parts) != 3 or not all(p.isdigit() for p in parts):
        return summary.strip(), None
    try:
        day = dt.date(int(parts[2]), int(parts[0]), int(parts[1]))
    except ValueError:
        day = None
    return rest.strip(), day


def load(data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all") -> list[Incident]:
    """The incidents of ``split`` (by ``doc_id``) with their gold fields, the first ``limit`` when given."""
    items: list[Incident] = []
    for where, row in csv_rows(data_dir, FOLDER, FILE, (*COLUMNS, "summary"), NAME):
        if not splits.in_split(row["doc_id"], split):
            continue
        text, published = split_summary(row["summary"])
        year, month, day = _int(row["iyear"]), _int(row["imonth"]), _int(row["iday"])
        if year is None or month is None or day is None:
            raise EvaluationError(f"{where}: bad iyear, imonth or iday")
        try:
            when = dt.date(year, month, day) if month and day else None
        except ValueError:
            when = None
        types = [t for t in (row["attacktype1_txt"], row["attacktype2_txt"]) if t and t != "."]
        items.append(
            Incident(
                id=row["doc_id"],
                text=text,
                published=published or when,
                event_type=ATTACK,
                sub_type=" + ".join(types),
                dead=_int(row["nkill"]),
                lat=number(row.get("latitude")),
                lon=number(row.get("longitude")),
                country=row["iso3"] or None,
                date=when,
            )
        )
        if limit is not None and len(items) >= limit:
            break
    return items


def _event_task(coded: Sequence[Sequence[Record]]) -> TaskReport:
    tops = [top_record(records) for records in coded]
    task = score_single(
        [ATTACK] * len(coded),
        [(ATTACK if is_attack(t) else str(t["event"])) if t else NONE for t in tops],
        name="event type (the top record is an attack)",
    )
    task.extra["any_attack_record"] = (
        sum(any(is_attack(r) for r in records) for records in coded) / len(coded) if coded else 0.0
    )
    return task


def _attack_type_task(gold: Sequence[Incident], coded: Sequence[Sequence[Record]]) -> TaskReport:
    known: Mapping[str, str] = {name: name for _, name in MODE_ATTACK_TYPES}
    golds, preds = [], []
    for g, records in zip(gold, coded, strict=True):
        types = [t for t in g.sub_type.split(" + ") if t in known]
        if not types:  # Unknown, or types no mode names (hijacking, barricade, unarmed assault)
            continue
        pred = attack_type(records)
        golds.append(pred if pred in types else types[0])
        preds.append(pred)
    return score_single(golds, preds, name="attack type from modes")


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the summaries of ``split`` (the first ``limit``) with ``run`` + ``export`` and score them."""
    gold = load(data_dir, limit=limit, split=split)
    coded = (coder or ProductCoder(settings)).code([GoldText(g.text, g.published) for g in gold])
    tasks = [
        _event_task(coded),
        _attack_type_task(gold, coded),
        *incident_tasks(gold, coded, attack_kind),
    ]
    return Report(
        NAME,
        "GTD 2011 attack summaries: attack, attack type from modes, death toll, place, date",
        tasks,
        [
            f"{len(gold)} summaries of {FOLDER / FILE}, the MM/DD/YYYY: prefix stripped and used as the "
            f"publication date, each coded alone through run + export",
            "event type: right when the summary's highest-confidence record is an attack (an ASSAULT, or a "
            "COERCE with mode destroy); any_attack_record: when any of its records is",
            "attack type: from the modes of the attack records, by the GTD hierarchy ("
            + "; ".join(f"{'/'.join(sorted(c))}: {n}" for c, n in MODE_ATTACK_TYPES)
            + "); right when it is attacktype1 or attacktype2; Unknown and types no mode names not scored",
            "death toll: the largest size.dead of the summary's records (0 when none) against nkill, which "
            "includes attackers; the main record is the highest-confidence attack record",
            "place: within 161 km only where the row has coordinates (few rows in this release); "
            "country_right compares the place's country with iso3 over every row",
            "date: the main record's date equals iyear-imonth-iday, over rows whose day is known",
        ],
    )
