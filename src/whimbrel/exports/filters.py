"""Which events an export or ``whimbrel events`` shows: dates, event, country, actor, status, doc.

:func:`EventFilter.parse` checks every value and raises :class:`~whimbrel.errors.UsageError`
naming the bad one, so the CLI turns it into exit code 2 before reading anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from whimbrel.errors import UsageError

STATUSES: tuple[str, ...] = (
    "asserted", "unverified", "negated", "hypothetical", "future", "historical",
    "claimed", "alleged", "denied",
)  # fmt: skip
"""Every event status; the last three are those of older stores."""

NOT_ACLED: frozenset[str] = frozenset({"future", "hypothetical", "negated"})
"""Statuses of events that did not (or not yet) happen: left out of the CSV unless asked for."""


def _iso_day(value: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def date_range(date: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an event date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) may mean."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        day = dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return day, day


def _names(record: Mapping[str, Any]) -> Iterator[str]:
    for role in ("actor", "recipient"):
        for entity in record.get(role) or ():
            for key in ("entity_text", "identifier_text", "identifier_id", "code"):
                value = entity.get(key)
                if value:
                    yield str(value).casefold()


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The conditions an event must meet; None means "any"."""

    since: dt.date | None = None
    until: dt.date | None = None
    events: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    actor: str | None = None
    statuses: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        event: Iterable[str] | None = None,
        country: Iterable[str] | None = None,
        actor: str | None = None,
        status: Iterable[str] | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> EventFilter:
        """A filter from command-line values; raises UsageError for an unknown value."""
        from whimbrel.knowledge.plover import PLOVER_EVENTS

        start = _iso_day(since, "--since") if since else None
        end = _iso_day(until, "--until") if until else None
        if start and end and start > end:
            raise UsageError(f"--since {since} is after --until {until}")
        events = None
        if event:
            events = frozenset(e.strip().upper() for e in event)
            for name in sorted(events - set(PLOVER_EVENTS)):
                raise UsageError(f"--event {name!r} is not a PLOVER event ({', '.join(PLOVER_EVENTS)})")
        statuses = None
        if status:
            statuses = frozenset(s.strip().lower() for s in status)
            for name in sorted(statuses - set(STATUSES)):
                raise UsageError(f"--status {name!r} is not a status ({', '.join(STATUSES[:6])})")
        countries = None
        if country:
            countries = frozenset(_country_code(c) for c in country)
        return cls(
            since=start,
            until=end,
            events=events,
            countries=countries,
            actor=actor.casefold() if actor else None,
            statuses=statuses,
            doc_ids=frozenset(doc_ids) if doc_ids is not None else None,
        )

    def matches(self, record: Mapping[str, Any]) -> bool:
        """True when the record meets every condition."""
        if self.events is not None and record.get("event") not in self.events:
            return False
        if self.statuses is not None and record.get("status") not in self.statuses:
            return False
        if self.countries is not None:
            loc = record.get("event_loc") or {}
            if loc.get("country") not in self.countries:
                return False
        if self.since is not None or self.until is not None:
            span = date_range(record.get("date"))
            if span is None:
                return False
            if self.since is not None and span[1] < self.since:
                return False
            if self.until is not None and span[0] > self.until:
                return False
        if self.actor is not None and not any(self.actor in name for name in _names(record)):
            return False
        if self.doc_ids is not None:
            info = record.get("text_info") or {}
            reported = {info.get("doc_id"), *(record.get("sources") or ())}
            if not reported & self.doc_ids:
                return False
        return True

    def apply(self, records: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
        """The records that match, in order."""
        return (r for r in records if self.matches(r))


def _country_code(value: str) -> str:
    """The ISO 3166 alpha-3 code of a code or a country name; UsageError when there is none."""
    import pycountry

    text = value.strip()
    found: Any = None
    if len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    elif len(text) == 2:
        found = pycountry.countries.get(alpha_2=text.upper())
    if found is None:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    if found is None:
        raise UsageError(f"--country {value!r} is not an ISO 3166 country code or name")
    return str(found.alpha_3)
