"""Query parameters shared by the API's endpoints, checked into an EventFilter (bad ones get a 422).

List parameters take comma-separated values (``event=ASSAULT,PROTEST``), so a dashboard view fits in
a short URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import HTTPException, Query

from whimbrel.knowledge.lexicon import PLOVER_EVENTS, STATUSES
from whimbrel.store.filters import EventFilter


def _split(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _bad(name: str, message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=f"{name}: {message}")


def event_filter(
    date_from: Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")] = None,
    event: Annotated[str | None, Query(description="PLOVER events, comma-separated.", max_length=400)] = None,
    quad: Annotated[
        str | None, Query(description="Quad classes 1-4, comma-separated.", max_length=20)
    ] = None,
    mode: Annotated[str | None, Query(description="PLOVER modes, comma-separated.", max_length=400)] = None,
    status: Annotated[str | None, Query(description="Statuses, comma-separated.", max_length=400)] = None,
    country: Annotated[
        str | None, Query(description="ISO 3166 alpha-3 codes of the place, comma-separated.", max_length=400)
    ] = None,
    actor: Annotated[
        str | None,
        Query(description="Actor ids, codes or names (actor or recipient), comma-separated.", max_length=400),
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    max_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    doc: Annotated[
        str | None, Query(description="Only events reported by this document.", max_length=200)
    ] = None,
    q: Annotated[
        str | None, Query(description="Free text in sentence, actors or place.", max_length=200)
    ] = None,
) -> EventFilter:
    """The event filter of a request's query string."""
    events = tuple(e.upper() for e in _split(event))
    unknown = [e for e in events if e not in PLOVER_EVENTS]
    if unknown:
        raise _bad("event", f"{', '.join(unknown)} not PLOVER events ({', '.join(PLOVER_EVENTS)})")
    statuses = _split(status)
    bad_status = [s for s in statuses if s not in STATUSES]
    if bad_status:
        raise _bad("status", f"{', '.join(bad_status)} not statuses ({', '.join(sorted(STATUSES))})")
    quads: list[int] = []
    for part in _split(quad):
        if part not in {"1", "2", "3", "4"}:
            raise _bad("quad", f"{part!r} is not a quad class 1-4")
        quads.append(int(part))
    countries = tuple(c.upper() for c in _split(country))
    bad_country = [c for c in countries if len(c) != 3 or not c.isascii() or not c.isalpha()]
    if bad_country:
        raise _bad("country", f"{', '.join(bad_country)} not ISO 3166 alpha-3 codes")
    if date_from and date_to and date_from > date_to:
        raise _bad("date_from", f"{date_from} is after date_to {date_to}")
    if min_confidence is not None and max_confidence is not None and min_confidence > max_confidence:
        raise _bad("min_confidence", f"{min_confidence} is above max_confidence {max_confidence}")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        event=events,
        quad=tuple(quads),
        mode=_split(mode),
        status=statuses,
        country=countries,
        actor=_split(actor),
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        doc_id=doc or None,
        q=(q or "").strip() or None,
    )
