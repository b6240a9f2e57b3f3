"""What an expected event says, field by field, and whether an exported record agrees with it.

The wire corpus's gold and the behavioural suite's cases both describe events this way, so a field is
judged by one rule everywhere (docs/evaluation.md lists them):

- ``event``: the PLOVER type, equal.
- ``actor`` / ``recipient``: the set of the entities' codes, equal (an empty set expects no entity).
  An expected inferred actor (an unidentified armed group, issue "Wire reports coded right") also needs
  one actor entity marked ``"inferred": true`` or in sector UAF.
- ``place``: one of the expected names equals the record's ``event_loc`` name or text (compared without
  case, accents or punctuation); an expected place with no name is a country, equal to the record's.
- ``date``: the record's ``date`` is one of the expected values (an ISO day, month or year).
- ``size``: each expected key (``count``, ``dead``, ``injured``, ``arrested``) holds the expected number,
  lies in the expected ``[low, high]`` range, or is null when null is expected.
- ``status``: equal.
- ``attribution``: the record's ``attribution.kind`` equals the expected kind and, when one is expected,
  ``attribution.by`` has the expected code; kind ``none`` expects no attribution. A record written before
  ``attribution`` existed is read from its ``status`` (``claimed``, ``alleged``, ``denied``) and
  ``claimant``.
A field an expectation leaves out (None) is not judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Record = Mapping[str, Any]
SizeSpec = int | tuple[int, int] | None

FIELDS: tuple[str, ...] = (
    "event",
    "actor",
    "recipient",
    "place",
    "date",
    "size",
    "status",
    "attribution",
)
"""Every judged field, in report order."""

LENIENT: tuple[str, ...] = ("event", "actor", "recipient")
"""The fields of a lenient match."""

SIZE_KEYS: tuple[str, ...] = ("count", "dead", "injured", "arrested")
LEGACY_ATTRIBUTIONS = frozenset({"claimed", "alleged", "denied"})


@dataclass(frozen=True, slots=True)
class Expected:
    """One expected event; a field left None is not judged."""

    event: str | None = None
    actor: frozenset[str] | None = None
    recipient: frozenset[str] | None = None
    actor_inferred: bool = False
    place_names: tuple[str, ...] | None = None  # () with a country: a country-level place
    place_country: str | None = None
    date: tuple[str, ...] | None = None
    size: Mapping[str, SizeSpec] | None = None
    status: str | None = None
    attribution: tuple[str, str | None] | None = None  # (kind, code of by); kind "none": no attribution

    def judged(self) -> tuple[str, ...]:
        """The fields this expectation judges."""
        place = self.place_names is not None or self.place_country is not None
        given = {
            "event": self.event is not None,
            "actor": self.actor is not None or self.actor_inferred,
            "recipient": self.recipient is not None,
            "place": place,
            "date": self.date is not None,
            "size": self.size is not None,
            "status": self.status is not None,
            "attribution": self.attribution is not None,
        }
        return tuple(f for f in FIELDS if given[f])


def codes(entities: Sequence[Record] | None) -> frozenset[str]:
    """The codes of a record's actor or recipient entities (entities without a code are left out)."""
    return frozenset(str(e["code"]) for e in entities or () if e.get("code"))


def _inferred(entities: Sequence[Record] | None) -> bool:
    return any(e.get("inferred") is True or e.get("sector") == "UAF" for e in entities or ())


def fold(text: str) -> str:
    """``text`` without case, accents, punctuation or spacing, for comparing place names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


def attribution_of(record: Record) -> tuple[str, str | None] | None:
    """(kind, code of by) of a record's attribution, read from ``status`` for older records; else None."""
    if "attribution" in record:
        value = record["attribution"]
        if not value or not value.get("kind"):
            return None
        by = value.get("by") or {}
        return str(value["kind"]), (str(by["code"]) if by.get("code") else None)
    if record.get("status") in LEGACY_ATTRIBUTIONS:
        claimant = record.get("claimant") or {}
        return str(record["status"]), (str(claimant["code"]) if claimant.get("code") else None)
    return None


def _size_ok(record: Record, size: Mapping[str, SizeSpec]) -> bool:
    have = record.get("size") or {}
    for key, want in size.items():
        value = have.get(key)
        if want is None:
            if value is not None:
                return False
        elif value is None:
            return False
        elif isinstance(want, tuple):
            if not want[0] <= int(value) <= want[1]:
                return False
        elif int(value) != want:
            return False
    return True


def _place_ok(record: Record, expected: Expected) -> bool:
    loc = record.get("event_loc") or {}
    if not expected.place_names:
        return bool(loc) and loc.get("country") == expected.place_country
    seen = {fold(str(loc[k])) for k in ("name", "text") if loc.get(k)}
    return any(fold(name) in seen for name in expected.place_names)


def _attribution_ok(record: Record, want: tuple[str, str | None]) -> bool:
    have = attribution_of(record)
    if want[0] == "none":
        return have is None
    return have is not None and have[0] == want[0] and (want[1] is None or have[1] == want[1])


def field_ok(record: Record, expected: Expected, name: str) -> bool:
    """Whether ``record`` agrees with ``expected`` on the field ``name`` (see the module docstring)."""
    if name == "event":
        return record.get("event") == expected.event
    if name == "actor":
        ok = expected.actor is None or codes(record.get("actor")) == expected.actor
        return ok and (not expected.actor_inferred or _inferred(record.get("actor")))
    if name == "recipient":
        return codes(record.get("recipient")) == expected.recipient
    if name == "place":
        return _place_ok(record, expected)
    if name == "date":
        return expected.date is not None and record.get("date") in expected.date
    if name == "size":
        return expected.size is not None and _size_ok(record, expected.size)
    if name == "status":
        return record.get("status") == expected.status
    if name == "attribution":
        return expected.attribution is not None and _attribution_ok(record, expected.attribution)
    raise ValueError(f"unknown field {name!r}")


def agrees(record: Record, expected: Expected, fields: Sequence[str] | None = None) -> bool:
    """Whether ``record`` agrees with ``expected`` on ``fields`` (default: every field it judges)."""
    judged = expected.judged()
    return all(
        field_ok(record, expected, f) for f in (fields if fields is not None else judged) if f in judged
    )


def from_gold(item: Mapping[str, Any]) -> Expected:
    """The Expected of one gold event of the wire corpus (``wire_gold.jsonl``)."""
    place = item.get("place") or {}
    name = place.get("name")
    names: tuple[str, ...] = () if name is None else (name,) if isinstance(name, str) else tuple(name)
    date = item["date"]
    attribution = item.get("attribution")
    size: dict[str, SizeSpec] = {}
    for key, value in (item.get("size") or {}).items():
        size[key] = (int(value[0]), int(value[1])) if isinstance(value, list) else value
    return Expected(
        event=str(item["event"]),
        actor=frozenset(str(a["code"]) for a in item["actor"]),
        recipient=frozenset(str(r["code"]) for r in item["recipient"]),
        actor_inferred=any(a.get("inferred") for a in item["actor"]),
        place_names=names,
        place_country=place.get("country"),
        date=tuple(date) if isinstance(date, list) else (str(date),),
        size=size,
        status=str(item["status"]),
        attribution=("none", None) if attribution is None else (attribution["kind"], attribution.get("by")),
    )
