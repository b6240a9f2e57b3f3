"""The export record: one Event as the JSON object of the DESIGN contract, and back.

The record's keys and their order are the contract (``../shared/record.schema.json``); every
exporter and the store's ``events.record`` column use :func:`event_to_record`. ``Event.rationale``
is for ``explain`` and is not exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from whimbrel.model import (
    ActorRef,
    Attribution,
    AttributionKind,
    DatePrecision,
    Event,
    EventStatus,
    Place,
    Size,
    Span,
)

RECORD_KEYS: tuple[str, ...] = (
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
)
"""The record's keys, in the order they are written."""

CONFIDENCE_DIGITS = 3


def event_to_record(event: Event) -> dict[str, Any]:
    """The export record of an event, keys in contract order.

    Repeated mentions are written once, and an event without mentions is reported by its own span.
    ``sources`` lists the event's own document first, then its other sources, then any other
    document its mentions point to.
    """
    own = Span(event.doc_id, event.start, event.end)
    mentions = tuple(dict.fromkeys(event.mentions)) or (own,)
    sources = _unique((event.doc_id, *event.sources, *(m.doc_id for m in mentions)))
    return {
        "id": event.id,
        "event": event.event,
        "mode": list(event.mode),
        "context": list(event.context),
        "quad_code": event.quad_code,
        "cameo": event.cameo,
        "date": event.date,
        "date_precision": event.date_precision,
        "actor": [actor_to_dict(a) for a in event.actor],
        "recipient": [actor_to_dict(a) for a in event.recipient],
        "event_loc": None if event.event_loc is None else place_to_dict(event.event_loc),
        "event_text": event.event_text,
        "text": event.text,
        "text_info": span_to_dict(own),
        "size": size_to_dict(event.size),
        "status": event.status,
        "attribution": None if event.attribution is None else attribution_to_dict(event.attribution),
        "claimant": None if event.claimant is None else actor_to_dict(event.claimant),
        "incident_id": event.incident_id,
        "planned_date": event.planned_date,
        "date_end": event.date_end,
        "confidence": round(float(event.confidence), CONFIDENCE_DIGITS),
        "mentions": [span_to_dict(m) for m in mentions],
        "sources": sources,
    }


def record_to_event(record: Mapping[str, Any]) -> Event:
    """The Event of an export record (raises KeyError when a required field is missing).

    The record does not carry the sentence index, so it is -1; the trigger span is where
    ``event_text`` first occurs in ``text``, else the empty span at the sentence start. The
    rationale is empty.
    """
    info = record["text_info"]
    start, end = int(info["start"]), int(info["end"])
    text = str(record["text"])
    event_text = record.get("event_text") or ""
    offset = text.find(event_text) if event_text else -1
    trigger_start, trigger_end = (
        (start + offset, start + offset + len(event_text)) if offset >= 0 else (start, start)
    )
    loc = record.get("event_loc")
    claimant = record.get("claimant")
    attribution = record.get("attribution")
    size = record.get("size") or {}
    return Event(
        id=str(record["id"]),
        event=str(record["event"]),
        doc_id=str(info["doc_id"]),
        sentence=-1,
        start=start,
        end=end,
        text=text,
        event_text=event_text,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        mode=tuple(record.get("mode") or ()),
        context=tuple(record.get("context") or ()),
        quad_code=record.get("quad_code"),
        cameo=record.get("cameo"),
        date=record.get("date"),
        date_precision=cast(DatePrecision, record.get("date_precision") or "unknown"),
        actor=tuple(actor_from_dict(a) for a in record["actor"]),
        recipient=tuple(actor_from_dict(a) for a in record["recipient"]),
        event_loc=None if loc is None else place_from_dict(loc),
        size=Size(**{k: size.get(k) for k in _SIZE_KEYS}),
        status=cast(EventStatus, record["status"]),
        claimant=None if claimant is None else actor_from_dict(claimant),
        confidence=float(record.get("confidence", 0.5)),
        mentions=tuple(Span(str(m["doc_id"]), int(m["start"]), int(m["end"])) for m in record["mentions"]),
        sources=tuple(str(s) for s in record["sources"]),
        attribution=None if attribution is None else attribution_from_dict(attribution),
        incident_id=record.get("incident_id"),
        planned_date=record.get("planned_date"),
        date_end=record.get("date_end"),
    )


def dumps_record(record: Mapping[str, Any]) -> str:
    """The record as one line of stable JSON (keys in contract order, UTF-8 kept as is)."""
    return json.dumps(record, ensure_ascii=False)


def actor_to_dict(actor: ActorRef) -> dict[str, Any]:
    """An actor as the record's entity object."""
    return {
        "entity_text": actor.entity_text,
        "code": actor.code,
        "sector": actor.sector,
        "identifier_id": actor.identifier_id,
        "identifier_text": actor.identifier_text,
        "inferred": actor.inferred,
    }


def actor_from_dict(data: Mapping[str, Any]) -> ActorRef:
    """The ActorRef of a record's entity object."""
    return ActorRef(
        entity_text=str(data["entity_text"]),
        code=data.get("code"),
        sector=data.get("sector"),
        identifier_id=data.get("identifier_id"),
        identifier_text=data.get("identifier_text"),
        inferred=bool(data.get("inferred", False)),
    )


def attribution_to_dict(attribution: Attribution) -> dict[str, Any]:
    """The record's ``attribution`` object: its kind, and the entity it is attributed by (or null)."""
    by = attribution.by
    return {"kind": attribution.kind, "by": None if by is None else actor_to_dict(by)}


def attribution_from_dict(data: Mapping[str, Any]) -> Attribution:
    """The Attribution of a record's ``attribution`` object."""
    by = data.get("by")
    kind = cast(AttributionKind, data["kind"])
    return Attribution(kind, None if by is None else actor_from_dict(by))


def place_to_dict(place: Place) -> dict[str, Any]:
    """A place as the record's ``event_loc`` object."""
    return {
        "text": place.text,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature_code": place.feature_code,
        "precision": place.precision,
        "admin2": place.admin2,
    }


def place_from_dict(data: Mapping[str, Any]) -> Place:
    """The Place of a record's ``event_loc`` object."""
    return Place(
        text=str(data.get("text") or ""),
        name=data.get("name"),
        geonameid=data.get("geonameid"),
        lat=data.get("lat"),
        lon=data.get("lon"),
        country=data.get("country"),
        admin1=data.get("admin1"),
        feature_code=data.get("feature_code"),
        precision=data.get("precision"),
        admin2=data.get("admin2"),
    )


_SIZE_KEYS = (
    "count",
    "count_qualifier",
    "dead",
    "dead_qualifier",
    "injured",
    "injured_qualifier",
    "arrested",
    "arrested_qualifier",
    "count_max",
    "dead_max",
    "injured_max",
    "arrested_max",
)


def size_to_dict(size: Size) -> dict[str, Any]:
    """The record's ``size`` object, every key present (null when unknown) for a stable shape."""
    return {key: getattr(size, key) for key in _SIZE_KEYS}


def span_to_dict(span: Span) -> dict[str, Any]:
    """A span as ``{doc_id, start, end}``."""
    return {"doc_id": span.doc_id, "start": span.start, "end": span.end}


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
