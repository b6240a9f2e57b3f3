"""Ranking a name's candidates by the document's context, population, feature class and admin level.

The score of a candidate adds:

- **context country**: the share of the document's country evidence (countries and demonyms it
  names, its actors' countries, its dateline's country) that is the candidate's country, plus a
  bonus for being one of them at all;
- **container**: lying in a division or country the text puts it in ("Alexandria, Louisiana") or that
  the document names elsewhere;
- **proximity**: lying near a place of the document already resolved;
- **size and kind**: population (logarithmic), capitals, curated places (bases, crossings, regions),
  divisions, admin seats; a match on the entry's primary name beats one on an alternate name;
- **shape of the mention**: a division phrase ("Anbar province") wants a division; a bare name that
  is both a division and its seat ("Kirkuk") means the town.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from whimbrel.adapters.gazetteer import Candidate

_DIVISIONS = frozenset({"ADM1", "ADM2"})
_TOWNS = frozenset({"PPL", "PPLA", "PPLC"})
_NEAR_KM = ((50.0, 1.5), (150.0, 1.0), (400.0, 0.3))
_EARTH_KM = 6371.0088


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Context:
    """What a document says about where it is, gathered as its places resolve."""

    countries: Counter[str] = field(default_factory=Counter)
    divisions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (country, admin1 name)
    points: list[tuple[float, float]] = field(default_factory=list)

    def add_country(self, code: str | None, weight: float = 1.0) -> None:
        if code:
            self.countries[code] += weight  # type: ignore[assignment]

    def add_place(self, c: Candidate) -> None:
        self.add_country(c.country)
        if c.country and c.admin1:
            self.divisions[c.country, c.admin1] += 1
        if c.lat is not None and c.lon is not None and c.feature_code not in {"ADM1", "PCLI"}:
            self.points.append((c.lat, c.lon))


@dataclass(frozen=True, slots=True)
class Hint:
    """What the mention's own wording says: a division phrase, a container named beside it."""

    division: bool = False
    container_country: str | None = None
    container_admin1: str | None = None


def score(c: Candidate, ctx: Context, hint: Hint) -> float:
    """The candidate's score (higher is better); see the module docstring."""
    s = 0.0
    total = sum(ctx.countries.values())
    seen = ctx.countries.get(c.country or "", 0)
    if seen:
        s += 1.5 + 3.0 * seen / total
    if hint.container_country is not None:
        s += 4.0 if c.country == hint.container_country else -4.0
    if hint.container_admin1 is not None:
        s += 4.0 if c.admin1 == hint.container_admin1 else -1.0
    if c.country and c.admin1 and c.feature_code != "ADM1" and ctx.divisions.get((c.country, c.admin1)):
        s += 2.0
    if c.lat is not None and c.lon is not None and ctx.points:
        nearest = min(km(c.lat, c.lon, lat, lon) for lat, lon in ctx.points)
        s += next((bonus for limit, bonus in _NEAR_KM if nearest <= limit), 0.0)
    s += 0.6 * math.log10(_size(c) + 1)
    if c.feature_code == "PPLC":
        s += 1.5
    elif c.feature_code == "PPLA":
        s += 0.5
    elif c.feature_code == "ADM1":
        s += 2.5
    elif c.feature_code == "ADM2":
        s += 0.5
    elif c.tier == 2 and c.feature_code not in _TOWNS:
        s += 3.0  # curated: bases, crossings, regions, seas
    if c.primary:
        s += 1.5
    elif c.tier == 0 and c.population < 15000 and not seen:
        s -= 2.0  # an alternate name of an ordinary town far from the document's countries
    if hint.division and c.feature_code in _TOWNS:
        s -= 5.0
    return s


def _size(c: Candidate) -> int:
    """A population to weigh: divisions count as large places whatever their towns add up to."""
    if c.feature_code == "ADM1":
        return 1_000_000
    if c.feature_code == "ADM2":
        return 100_000
    return c.population


def rank(candidates: Sequence[Candidate], ctx: Context, hint: Hint) -> list[tuple[float, Candidate]]:
    """The candidates with their scores, best first (ties keep the index's order)."""
    seats = _seats(candidates)
    scored = []
    for order, c in enumerate(candidates):
        s = score(c, ctx, hint)
        if not hint.division and c.entry in seats:
            s += 4.0  # "Kirkuk", "Odessa": the town, not the division it is the seat of
        scored.append((s, -order, c))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [(s, c) for s, _, c in scored]


def _seats(candidates: Sequence[Candidate]) -> frozenset[int]:
    """Towns that lie in a same-named division among the candidates (its seat, usually), and capitals
    and big cities named like a division ("Washington", "New York")."""
    units: set[tuple[str | None, str | None]] = {
        (c.country, c.admin1) for c in candidates if c.feature_code in _DIVISIONS and c.admin1
    }
    if not units:
        return frozenset()
    return frozenset(c.entry for c in candidates if c.feature_code in _TOWNS and _seat(c, units))


def _seat(c: Candidate, units: set[tuple[str | None, str | None]]) -> bool:
    """A town named like a division: its seat (in it, or in it under another name when it is big),
    a capital, or a big city."""
    inside = (c.country, c.admin1) in units
    return (
        (inside and (c.primary or c.population >= 100_000))
        or c.feature_code == "PPLC"
        or c.population >= 500_000
    )
