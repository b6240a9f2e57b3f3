"""The API's read endpoints: events, documents, actors, places, statistics and the network."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from whimbrel.reviews import ReviewLog
from whimbrel.store import aggregates, queries
from whimbrel.store.filters import SORTS, EventFilter
from whimbrel.web.cache import cached
from whimbrel.web.params import event_filter
from whimbrel.web.source import SnapshotSource

router = APIRouter(prefix="/api")

Filter = Annotated[EventFilter, Depends(event_filter)]
SORT_PATTERN = "^(" + "|".join(re.escape(key) for key in SORTS) + ")$"
Interval = Literal["day", "week", "month"]
Id = Annotated[str, Path(min_length=1, max_length=300)]


def source_of(request: Request) -> SnapshotSource:
    """The app's snapshot source."""
    source: SnapshotSource = request.app.state.source
    return source


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-model cursor for the length of one request; its generation goes to request.state."""
    with source_of(request).cursor() as (cur, generation):
        request.state.generation = generation
        yield cur


def answer(request: Request, compute: Callable[[], Any], *extra: object) -> Response:
    """The JSON answer of a read-only request, cached for the read model it was computed from (and
    for ``extra``, anything else the answer depends on)."""
    key = (request.state.generation, request.url.path, request.url.query, *extra)
    return cached(request.app.state.cache, key, compute)


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def review_log(request: Request) -> ReviewLog:
    """The reviews file of the served store."""
    log: ReviewLog = request.app.state.reviews
    return log


@router.get("/status", summary="The server: the snapshot it shows and whether reviews are allowed.")
def status(request: Request, con: Cursor) -> dict[str, Any]:
    source = source_of(request)
    events, docs = queries.rows(con, "SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM documents)")[0]
    return {
        "store": str(source.store_path),
        "snapshot_written": source.loaded_at,
        "generation": source.generation,
        "events": int(events),
        "documents": int(docs),
        "allow_review": bool(request.app.state.allow_review),
    }


@router.get("/events", summary="Events matching the filters, one page at a time.")
def list_events(
    request: Request,
    con: Cursor,
    flt: Filter,
    sort: Annotated[
        str, Query(pattern=SORT_PATTERN, description="Sort key; a leading - sorts descending.")
    ] = "-date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    return answer(request, lambda: queries.list_events(con, flt, sort=sort, limit=limit, offset=offset))


@router.get("/events/{event_id}", summary="One event: its record, mentions and highlighted sentence.")
def event_detail(request: Request, con: Cursor, event_id: Id) -> Response:
    log = review_log(request)

    def compute() -> dict[str, Any]:
        detail = queries.event_detail(con, event_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        review = log.latest().get(event_id)
        detail["review"] = None if review is None else review.as_dict()
        return detail

    # The answer also depends on the reviews file, so its state is part of the key.
    return answer(request, compute, log.stamp())


@router.get("/documents", summary="Stored documents (without text), newest first.")
def list_documents(
    con: Cursor,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    return queries.documents(con, limit=limit, offset=offset, q=q)


@router.get("/documents/{doc_id}", summary="A document's text with its events and their spans.")
def document(request: Request, con: Cursor, doc_id: Id) -> Response:
    def compute() -> dict[str, Any]:
        doc = queries.document(con, doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
        return doc

    return answer(request, compute)


@router.get("/actors", summary="Actors of the matching events, most active first.")
def list_actors(
    request: Request,
    con: Cursor,
    flt: Filter,
    name: Annotated[str | None, Query(max_length=200, description="Part of the actor's name.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    return answer(request, lambda: aggregates.actors(con, flt, limit=limit, offset=offset, q=name))


@router.get("/actors/{actor_id}", summary="One actor: activity over time and dyads.")
def actor_detail(
    request: Request, con: Cursor, flt: Filter, actor_id: Id, interval: Interval = "week"
) -> Response:
    def compute() -> dict[str, Any]:
        detail = aggregates.actor_detail(con, actor_id, flt, interval=interval)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no actor {actor_id!r}")
        return detail

    return answer(request, compute)


@router.get("/places", summary="Places of the matching events with their counts.")
def list_places(
    con: Cursor, flt: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    return aggregates.places(con, flt, limit=limit)


@router.get("/map", summary="Located events as [id, lat, lon, event, quad_code] rows.")
def map_points(
    request: Request, con: Cursor, flt: Filter, limit: Annotated[int, Query(ge=1, le=50_000)] = 20_000
) -> Response:
    return answer(request, lambda: queries.map_points(con, flt, limit=limit))


@router.get("/stats/overview", summary="Totals, top actors and dyads, and the weekly trend.")
def overview(
    request: Request, con: Cursor, flt: Filter, top: Annotated[int, Query(ge=1, le=100)] = 10
) -> Response:
    return answer(request, lambda: aggregates.overview(con, flt, top=top))


@router.get("/stats/timeseries", summary="Event counts per day, week or month, by type, country or dyad.")
def timeseries(
    request: Request,
    con: Cursor,
    flt: Filter,
    interval: Interval = "week",
    by: Literal["none", "type", "quad", "country", "dyad"] = "none",
    top: Annotated[int, Query(ge=1, le=50)] = 8,
) -> Response:
    return answer(request, lambda: aggregates.timeseries(con, flt, interval=interval, by=by, top=top))


@router.get("/network", summary="The actor network of the matching events: nodes and edges.")
def network(
    request: Request,
    con: Cursor,
    flt: Filter,
    nodes: Annotated[int, Query(ge=1, le=1000)] = 100,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    return answer(request, lambda: aggregates.network(con, flt, nodes=nodes, min_weight=min_weight))


@router.get("/reviews", summary="The newest review of each reviewed event.")
def list_reviews(request: Request) -> dict[str, Any]:
    latest = review_log(request).latest()
    return {"items": [review.as_dict() for review in latest.values()]}
