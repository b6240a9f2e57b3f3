"""A behavioural case: a short report, its publication date, and what its exported records must show.

A case passes when every ``want`` is met by some record, no record meets a ``forbid``, each ``exactly``
expectation is met by exactly that many records, and no actor or recipient is one of the
``not_entities`` (a dateline's city, a news agency) or carries one of the ``not_codes``. Fields are
judged by :mod:`whimbrel.evaluation.expectations`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from whimbrel.evaluation.expectations import Expected, agrees, fold

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Case:
    """One generated case of a template."""

    text: str
    published: dt.date | None  # None: the document gives no publication date
    want: tuple[Expected, ...] = ()
    forbid: tuple[Expected, ...] = ()
    exactly: tuple[tuple[Expected, int], ...] = ()
    not_entities: tuple[str, ...] = ()
    not_codes: tuple[str, ...] = ()
    id: str = ""
    template: str = ""


def describe(expected: Expected) -> str:
    """A short description of an expectation, for failure messages."""
    parts = []
    for name in expected.judged():
        if name == "event":
            parts.append(str(expected.event))
        elif name == "actor":
            actor = sorted(expected.actor) if expected.actor is not None else "?"
            parts.append(f"actor={actor}{' inferred' if expected.actor_inferred else ''}")
        elif name == "recipient":
            parts.append(f"recipient={sorted(expected.recipient or ())}")
        elif name == "place":
            parts.append(f"place={list(expected.place_names or ()) or expected.place_country}")
        elif name == "date":
            dates = expected.date or ()
            parts.append(f"date={dates[0] if len(dates) == 1 else f'{dates[0]}..{dates[-1]}'}")
        else:
            parts.append(f"{name}={getattr(expected, name)}")
    return " ".join(parts)


def _entity_texts(record: Record) -> list[Record]:
    return [*(record.get("actor") or ()), *(record.get("recipient") or ())]


def verdict(case: Case, records: Sequence[Record]) -> str | None:
    """None when ``records`` pass ``case``, else the first reason they do not."""
    for want in case.want:
        if not any(agrees(r, want) for r in records):
            return f"missing: {describe(want)}"
    for forbid in case.forbid:
        hit = next((r for r in records if agrees(r, forbid)), None)
        if hit is not None:
            return f"unwanted: {describe(forbid)} ({hit.get('event_text')!r})"
    for expected, n in case.exactly:
        found = sum(agrees(r, expected) for r in records)
        if found != n:
            return f"{found} records of {describe(expected)}, expected {n}"
    banned = {fold(t) for t in case.not_entities}
    for record in records:
        for entity in _entity_texts(record):
            if fold(str(entity.get("entity_text") or "")) in banned:
                return f"{entity.get('entity_text')!r} coded as a participant of {record.get('event')}"
            if entity.get("code") in case.not_codes:
                return f"code {entity.get('code')} ({entity.get('entity_text')!r}) in {record.get('event')}"
    return None


def expect(
    event: str | None = None,
    *,
    actor: Sequence[str] | None = None,
    recipient: Sequence[str] | None = None,
    inferred: bool = False,
    place: str | None = None,
    country: str | None = None,
    date: dt.date | str | Sequence[str] | None = None,
    size: Mapping[str, int | tuple[int, int] | None] | None = None,
    status: str | None = None,
    attribution: tuple[str, str | None] | None = None,
) -> Expected:
    """An Expected from plain values (``place`` a town name, ``country`` a code for a country-level place)."""
    dates: tuple[str, ...] | None
    if date is None:
        dates = None
    elif isinstance(date, dt.date):
        dates = (date.isoformat(),)
    elif isinstance(date, str):
        dates = (date,)
    else:
        dates = tuple(date)
    return Expected(
        event=event,
        actor=None if actor is None else frozenset(actor),
        recipient=None if recipient is None else frozenset(recipient),
        actor_inferred=inferred,
        place_names=None if place is None and country is None else ((place,) if place else ()),
        place_country=country,
        date=dates,
        size=size,
        status=status,
        attribution=attribution,
    )


@dataclass(frozen=True, slots=True)
class Template:
    """A phenomenon: a name (``group.phenomenon``), what it tests, and how to draw its cases."""

    name: str
    about: str
    build: Callable[[random.Random], list[Case]]  # one draw's cases: a minimal pair, or a single case
    draws: int = 14
