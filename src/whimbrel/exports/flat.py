"""One flat row per event: ACLED's columns, then whimbrel's own (CSV export and ``read_events``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from whimbrel.exports import acled

ACLED_COLUMNS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)  # fmt: skip
"""ACLED's columns, in ACLED's order."""

WHIMBREL_COLUMNS: tuple[str, ...] = (
    "event_id", "plover_event", "mode", "context", "quad_code", "cameo", "status", "attribution",
    "claimant", "confidence", "iso3", "actor1_code", "actor1_sector", "actor2_code", "actor2_sector",
    "date_precision", "planned_date", "date_end", "incident_id", "event_text",
    "doc_id", "title", "url", "published", "file", "start", "end",
)  # fmt: skip
"""whimbrel's own columns (docs/fields.md)."""

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + WHIMBREL_COLUMNS
"""Every column of the CSV export and of ``read_events``, in order."""

INTEGER_COLUMNS = frozenset(
    {"time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities", "quad_code"}
    | {"start", "end"}
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})

LIST_SEPARATOR = "; "


def _name(entity: Mapping[str, Any]) -> str:
    return str(entity.get("identifier_text") or entity.get("entity_text") or "")


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The English short name of an ISO 3166 alpha-3 code (the code itself when unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or found.name) if found is not None else code


def _attribution(record: Mapping[str, Any]) -> str:
    value = record.get("attribution")
    if not isinstance(value, Mapping):
        return ""
    kind = str(value.get("kind") or "")
    by = value.get("by") or {}
    who = str(by.get("entity_text") or "") if isinstance(by, Mapping) else ""
    return f"{kind} by {who}" if who and kind else kind


def _side(entities: Sequence[Mapping[str, Any]], event: str, modes: Sequence[str]) -> tuple[Any, ...]:
    first = entities[0] if entities else {}
    return (
        _name(first),
        LIST_SEPARATOR.join(_name(e) for e in entities[1:]),
        acled.inter_code(first, event=event, modes=modes) if entities else None,
        first.get("code"),
        first.get("sector"),
    )


def flat_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The flat row of an export record: every key of :data:`COLUMNS`, None where unknown."""
    event = str(record.get("event") or "")
    modes = [str(m) for m in record.get("mode") or ()]
    actors = list(record.get("actor") or ())
    recipients = list(record.get("recipient") or ())
    actor1, assoc1, inter1, code1, sector1 = _side(actors, event, modes)
    actor2, assoc2, _inter2, code2, sector2 = _side(recipients, "", modes)
    inter2 = acled.inter_code(recipients[0]) if recipients else None
    kind, sub = acled.event_type(record)
    loc = record.get("event_loc") or {}
    size = record.get("size") or {}
    cite = record.get("cite_info") or {}
    info = record.get("text_info") or {}
    claimant = record.get("claimant") or {}
    country = loc.get("country")
    return {
        "event_date": record.get("date"),
        "time_precision": acled.TIME_PRECISION.get(str(record.get("date_precision") or "unknown"), 3),
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": acled.civilian_targeting(kind, recipients),
        "country": country_name(country) if country else None,
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "location": loc.get("name") or loc.get("text"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": acled.GEO_PRECISION.get(str(loc.get("precision") or "")) if loc else None,
        "source": cite.get("source"),
        "notes": record.get("text"),
        "fatalities": size.get("dead") or 0,
        "event_id": record.get("id"),
        "plover_event": event,
        "mode": LIST_SEPARATOR.join(modes),
        "context": LIST_SEPARATOR.join(str(c) for c in record.get("context") or ()),
        "quad_code": record.get("quad_code"),
        "cameo": record.get("cameo"),
        "status": record.get("status"),
        "attribution": _attribution(record),
        "claimant": claimant.get("entity_text") if isinstance(claimant, Mapping) else None,
        "confidence": record.get("confidence"),
        "iso3": country,
        "actor1_code": code1,
        "actor1_sector": sector1,
        "actor2_code": code2,
        "actor2_sector": sector2,
        "date_precision": record.get("date_precision"),
        "planned_date": record.get("planned_date"),
        "date_end": record.get("date_end"),
        "incident_id": record.get("incident_id"),
        "event_text": record.get("event_text"),
        "doc_id": info.get("doc_id"),
        "title": cite.get("title"),
        "url": cite.get("url"),
        "published": cite.get("published"),
        "file": cite.get("file"),
        "start": info.get("start"),
        "end": info.get("end"),
    }
