"""The event filter options shared by ``export`` and ``events``, and turning them into a filter."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from whimbrel.errors import StoreError, UsageError
from whimbrel.exports.filters import EventFilter
from whimbrel.store import Store

SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only events on or after this day (YYYY-MM-DD).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only events on or before this day (YYYY-MM-DD).")
]
EventOption = Annotated[
    list[str] | None, typer.Option("--event", "-e", help="Only this PLOVER event (repeatable).")
]
CountryOption = Annotated[
    list[str] | None,
    typer.Option("--country", help="Only events placed in this country: ISO code or name (repeatable)."),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Only events with an actor or recipient whose name or code has this."),
]
StatusOption = Annotated[
    list[str] | None, typer.Option("--status", "-s", help="Only this status (repeatable).")
]
DocOption = Annotated[
    list[str] | None,
    typer.Option(
        "--doc", help="Only events reported by this document: an id, a unique id prefix, a file name."
    ),
]


def parse_filter(
    *,
    since: str | None,
    until: str | None,
    event: list[str] | None,
    country: list[str] | None,
    actor: str | None,
    status: list[str] | None,
) -> EventFilter:
    """The filter of the options but ``--doc``; raises UsageError for a value that names nothing."""
    return EventFilter.parse(
        since=since, until=until, event=event, country=country, actor=actor, status=status
    )


def with_documents(store: Store, flt: EventFilter, doc: list[str] | None) -> EventFilter:
    """``flt`` limited to the documents ``--doc`` names (ids, id prefixes, file names)."""
    if not doc:
        return flt
    doc_ids: list[str] = []
    for ref in doc:
        try:
            doc_ids.extend(store.resolve_document(ref))
        except StoreError as exc:
            raise UsageError(str(exc)) from None
    return replace(flt, doc_ids=frozenset(doc_ids))
