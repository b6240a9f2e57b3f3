"""The API's other endpoints: explain pasted text, export the matching events, review an event."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from whimbrel import api, registry
from whimbrel.errors import RegistryError, ReviewError
from whimbrel.exports.record import event_to_record
from whimbrel.reviews import VERDICTS, apply_reviews, make_review
from whimbrel.store import queries
from whimbrel.web.routes_read import Cursor, Filter, Id, review_log

router = APIRouter(prefix="/api")

MAX_EXPLAIN_CHARS = 20_000
_pipeline_lock = threading.Lock()  # one pipeline per process, not safe to share between threads

_BINARY = {"parquet": "application/vnd.apache.parquet"}  # formats written to a binary stream
_MEDIA = {
    "jsonl": "application/x-ndjson",
    "relations-jsonl": "application/x-ndjson",
    "places-jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "cameo-tsv": "text/tab-separated-values",
    "geojson": "application/geo+json",
    "graphml": "application/xml",
    "gexf": "application/xml",
}


class ExplainRequest(BaseModel):
    """Text to code on the spot; nothing is stored."""

    text: str = Field(min_length=1, max_length=MAX_EXPLAIN_CHARS)
    published: dt.date | None = None


class ReviewRequest(BaseModel):
    """An analyst's verdict: ``wrong``, ``correct``, or ``corrected`` with the fields' new values."""

    verdict: str = Field(description="One of " + ", ".join(VERDICTS))
    changes: dict[str, Any] = Field(
        default_factory=dict, description="New values of event, actor, recipient or event_loc."
    )
    note: str | None = Field(default=None, max_length=2000)
    reviewer: str | None = Field(default=None, max_length=200)


@router.post("/explain", summary="Code pasted text and explain each sentence, without storing it.")
def explain(body: ExplainRequest) -> dict[str, Any]:
    if not body.text.strip():
        raise HTTPException(status_code=422, detail="text: nothing to explain, the text is blank")
    with _pipeline_lock:  # the NLP model is loaded by the first explain, not when the server starts
        doc = api.code_document(body.text, body.published)
        explanation = api.explain_document(doc)
    explanation["events"] = [event_to_record(event) for event in doc.events]
    return explanation


@router.get("/export", summary="The matching events in one of the CLI's export formats.")
def export(
    request: Request,
    con: Cursor,
    flt: Filter,
    format: Annotated[str, Query(max_length=40)] = "jsonl",
    reviewed: Annotated[bool, Query(description="Apply the analysts' reviews.")] = False,
) -> Response:
    try:
        writer: Any = registry.exporters.get(format)
    except RegistryError:
        available = ", ".join(registry.exporters.available())
        raise HTTPException(
            status_code=422, detail=f"format: unknown {format!r}; available: {available}"
        ) from None
    records = queries.event_records(con, flt)
    if reviewed:
        records = list(apply_reviews(records, review_log(request).latest()))
    options: dict[str, Any] = {}
    if getattr(writer, "wants_relations", False):  # the network formats, as the CLI gives them
        options = {"relations": queries.relations(con), "published": queries.published_dates(con)}
    if format in _BINARY:
        raw = io.BytesIO()
        writer(records, raw, **options)
        return Response(
            raw.getvalue(),
            media_type=_BINARY[format],
            headers={"Content-Disposition": f'attachment; filename="events.{format}"'},
        )
    out = io.StringIO()
    writer(records, out, **options)
    media = _MEDIA.get(format, "text/plain")
    return Response(
        out.getvalue(),
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="events.{format}"'},
    )


@router.post("/events/{event_id}/review", summary="Record an analyst's review (needs --allow-review).")
def review(request: Request, con: Cursor, event_id: Id, body: ReviewRequest) -> dict[str, Any]:
    if not request.app.state.allow_review:
        raise HTTPException(status_code=403, detail="reviews are off; start the server with --allow-review")
    detail = queries.event_detail(con, event_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
    try:
        made = make_review(
            detail["record"], body.verdict, body.changes, reviewer=body.reviewer, note=body.note
        )
    except ReviewError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    review_log(request).append(made)
    return made.as_dict()
