"""Fields of an event record read off a finished draft: its size, its context and its attribution."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from whimbrel.coding.drafts import Draft, casualty_fields
from whimbrel.coding.place_time import EventDate
from whimbrel.coding.size import plain_size
from whimbrel.model import Attribution, EventStatus, Place, Size

_SIZE_FIELDS = tuple(f.name for f in fields(Size))

# PLOVER's context names the statuses that say an event did not (yet) happen as reported.
_CONTEXT_STATUSES = frozenset({"future", "hypothetical", "negated", "historical"})


def draft_size(d: Draft) -> tuple[Size, dict[str, Any]]:
    """The draft's size, and the figures it holds (for the rationale)."""
    count, qualifier = (d.count.value, d.count.qualifier) if d.count else (None, None)
    count_max = d.count.maximum if d.count else None
    if d.casualties or count_max is not None:
        found = casualty_fields(d.casualties)
        size = Size(count=count, count_qualifier=qualifier, count_max=count_max, **found)
        return size, {name: v for name in _SIZE_FIELDS if (v := getattr(size, name)) is not None}
    size = plain_size(count, qualifier)  # the common case: no dead, injured or arrested
    return size, {name: v for name, v in (("count", count), ("count_qualifier", qualifier)) if v is not None}


def with_status(context: tuple[str, ...], status: EventStatus) -> tuple[str, ...]:
    """The context, with the status added when it is one PLOVER keeps in context."""
    if status in _CONTEXT_STATUSES and status not in context:
        return (*context, status)
    return context


def draft_attribution(d: Draft) -> Attribution | None:
    """Who the draft's event is attributed to, and how."""
    if d.attribution is None:
        return None
    kind, by = d.attribution
    return Attribution(kind, by.actor if by is not None else None)  # type: ignore[arg-type]


def explain_fields(
    why: list[str], place: Place | None, when: EventDate, figures: dict[str, Any], modes: tuple[str, ...]
) -> None:
    """Add the place, date, size and mode an event got to its rationale."""
    why.append(f"place: {place.name} ({place.country})" if place else "place: none found")
    why.append(
        f"date: {when.date} ({when.precision})"
        + (f" to {when.end}" if when.end else "")
        + (f", planned for {when.planned}" if when.planned else "")
    )
    if figures:
        why.append("size: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    if modes:
        why.append(f"mode: {', '.join(modes)}")
