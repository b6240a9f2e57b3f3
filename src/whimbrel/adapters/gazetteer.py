"""The offline gazetteer: place names to :class:`~whimbrel.model.Place` records.

:class:`GeoNamesGazetteer` answers from a compact index of GeoNames ``cities500`` (with alternate
names), the world's countries, the US states and whimbrel's curated supplement of regions,
governorates, bases and crossings (see :mod:`whimbrel.adapters.gazetteer_index`). The index is built
once and cached on disk; :meth:`GeoNamesGazetteer.load` reads it (about a quarter of a second).

Resolution policy (:meth:`GeoNamesGazetteer.resolve`):

1. A country name ("Iraq", "Syria", "the U.S.") resolves to the country, never to a same-named town.
   The one exception: when the context countries hold another country with a first-level unit of that
   name, the unit wins ("Georgia" with ``countries=["USA"]`` is the state).
2. Names the supplement marks as not places ("Hamas", "Police") resolve to nothing; so do acronyms of
   up to four capitals and names under three letters, unless a curated entry (not a town) has them.
3. The candidates are ranked: first those in one of the context ``countries``; then capitals, cities
   of a million people or more, and curated places; then admin seats; then other towns; then
   population, where a match on an alternate name only counts a tenth of the population.
4. A match on an alternate name only (GeoNames' alternates include translations and inflections) is
   kept for an ordinary town outside the context countries only if it has 15,000 people or more.
5. For an ambiguous name (several candidates), towns of fewer than 1000 people are rejected unless they
   lie in a context country, so an unknown hamlet never stands in for a mention.

Names match case-, diacritic- and punctuation-insensitively. When a name does not match as given, a few
variants are tried: "X province" as "X governorate"/"X oblast"/... or plain "X", "X city" as "X", and
with or without the Arabic article ("al-", "el-", ...).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, NamedTuple, Protocol, runtime_checkable

from whimbrel.adapters.gazetteer_build import UNKNOWN_TOWN_CODE
from whimbrel.adapters.gazetteer_index import (
    CITY_CODES,
    NO_ID,
    PRECISION_BY_CODE,
    GazetteerIndex,
    default_cache_dir,
    fold,
    load_index,
    strip_article,
)
from whimbrel.memo import Memo
from whimbrel.model import Place

__all__ = ["Candidate", "FakeGazetteer", "Gazetteer", "GeoNamesGazetteer"]

MIN_AMBIGUOUS_POPULATION = 1000
MIN_ALTERNATE_POPULATION = 15000

_ADMIN_SUFFIXES = ("governorate", "province", "oblast", "region", "state", "district", "prefecture")


@runtime_checkable
class Gazetteer(Protocol):
    """Place names to places."""

    def lookup(self, name: str) -> Sequence[Place]:
        """All candidates for a name (case- and diacritic-insensitive), best first."""
        ...

    def resolve(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        """The one place a name most likely means, given the document's context countries (alpha-3)."""
        ...

    def country(self, name_or_code: str) -> Place | None:
        """The country-level place for a name or an ISO alpha-2/alpha-3 code."""
        ...


def _precision(feature_code: str) -> str:
    """point (towns, bases, crossings, sites), admin2, admin1 (and regions, seas, straits) or country."""
    return PRECISION_BY_CODE.get(feature_code, "point")


def _looks_like_code(text: str, key: str) -> bool:
    """An acronym ("NATO", "IDF") or a very short name: only curated entries may answer it."""
    letters = text.replace(".", "").strip()
    return len(key) < 3 or (letters.isalpha() and letters.isupper() and len(letters) <= 4)


def _variants(key: str) -> Iterable[tuple[str, bool]]:
    """Keys to try after ``key`` itself misses; the flag asks for non-city entries only."""
    head, _, last = key.rpartition(" ")
    if head and last in _ADMIN_SUFFIXES:
        for suffix in _ADMIN_SUFFIXES:
            if suffix != last:
                yield f"{head} {suffix}", False
        yield head, True
        yield head, False
    elif head and last == "city":
        yield head, False
    stripped = strip_article(key)
    if stripped:
        yield stripped, False
    else:
        yield "al " + key, False


class _Entry(NamedTuple):
    """A candidate entry of a name, with what :meth:`GeoNamesGazetteer.resolve` asks of it."""

    entry: int
    primary: bool  # the name is the entry's primary name
    slot: int  # the entry's country slot, to compare with the context countries
    sizeable: bool  # an alternate name may stand for it even outside the context countries
    tiny: bool  # too small to win an ambiguous name outside the context countries


class _Name(NamedTuple):
    """What :meth:`GeoNamesGazetteer.resolve` learns from a name alone, before the context countries."""

    key: str
    country: int | None  # the country entry the name means, if it names one
    candidates: tuple[_Entry, ...]  # otherwise its entries, acronym-filtered


class Candidate(NamedTuple):
    """One entry a name may mean, with what a ranker weighs (see :mod:`whimbrel.geo.ranking`)."""

    entry: int
    primary: bool  # the name is the entry's primary name
    country: str | None
    feature_code: str  # the index's code (towns whose code no source states are "PPL")
    population: int
    lat: float | None
    lon: float | None
    admin1: str | None
    tier: int  # 2: capitals, big cities, curated places; 1: divisions and seats; 0: other towns


class GeoNamesGazetteer:
    """The shipped offline gazetteer (GeoNames cities500, countries, whimbrel's supplement)."""

    _loaded: ClassVar[dict[Path, GeoNamesGazetteer]] = {}  # per-process memo of load()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index
        self._contexts: dict[tuple[str, ...], frozenset[int]] = {}
        # The index is read-only and Place is frozen, so what resolve() derives from a name alone, and the
        # Place of an (entry, text), can be remembered; both tables are bounded (Memo's limit).
        self._names: Memo[str, _Name | None] = Memo(self._name)
        self._places: Memo[tuple[int, str], Place] = Memo(self._place_of)

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> GeoNamesGazetteer:
        """The gazetteer over the cached index in ``cache_dir`` (default: :func:`default_cache_dir`).

        The index is built and written there first when it is missing, out of date or damaged.
        Loads are memoised per process and cache directory.
        """
        directory = (cache_dir if cache_dir is not None else default_cache_dir()).expanduser().resolve()
        with cls._lock:
            found = cls._loaded.get(directory)
            if found is None:
                found = cls._loaded[directory] = cls(load_index(directory))
            return found

    @property
    def index(self) -> GazetteerIndex:
        """The underlying index (for statistics and diagnostics)."""
        return self._index

    # -- the protocol ---------------------------------------------------------------------------

    def lookup(self, name: str) -> tuple[Place, ...]:
        key = fold(name)
        if not key:
            return ()
        places: list[Place] = []
        country = self._index.country_keys.get(key)
        if country is not None:
            places.append(self._place(country, name))
        if key not in self._index.stop:
            places += [self._place(entry, name) for entry, _ in self._candidates(key)]
        return tuple(places)

    def resolve(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        found = self._names[name]
        if found is None:
            return None
        context = self._context(countries)
        if found.country is not None:
            return self._places[self._country_or_unit(found.country, found.key, context), name]
        # A match on an alternate name only must be sizeable or in a context country.
        candidates = [c for c in found.candidates if c.primary or c.sizeable or c.slot in context]
        if context:
            candidates.sort(key=lambda c: c.slot not in context)  # stable
        if len(candidates) > 1:
            candidates = [c for c in candidates if c.slot in context or not c.tiny]
        return self._places[candidates[0].entry, name] if candidates else None

    def country(self, name_or_code: str) -> Place | None:
        text = name_or_code.strip()
        entry = None
        if 2 <= len(text) <= 3 and text.isalpha():
            entry = self._index.country_keys.get("#" + text.upper())
        if entry is None:
            entry = self._index.country_keys.get(fold(text))
        return None if entry is None else self._place(entry, name_or_code)

    # -- for the geocoder ------------------------------------------------------------------------

    def knows(self, name: str) -> bool:
        """Whether a name is a key of the index (a country, or a place not on the stop list)."""
        key = fold(name)
        if not key:
            return False
        if key in self._index.country_keys:
            return True
        return key not in self._index.stop and key in self._index.keys

    def is_region(self, name: str) -> bool:
        """Whether a name is a country's or, as its own name, a first-level division's ("Texas")."""
        found = self._names[name]
        if found is None:
            return False
        if found.country is not None:
            return True
        return any(c.primary and self._index.feature_of(c.entry) == "ADM1" for c in found.candidates)

    def country_entry(self, name: str) -> int | None:
        """The country entry a name means, if it names one ("Iraq", "the U.S.")."""
        found = self._names[name]
        return None if found is None else found.country

    def candidates(self, name: str, *, towns_of_countries: bool = False) -> tuple[Candidate, ...]:
        """Every entry a (non-country) name may mean, acronym-filtered, in the index's default order;
        () for a stop-listed name or no match, and for a country name unless ``towns_of_countries``
        (then the towns and divisions named like the country: "Lebanon, Indiana")."""
        found = self._names[name]
        if found is None:
            return ()
        entries = found.candidates
        if found.country is not None:
            if not towns_of_countries:
                return ()
            entries = tuple(self._entry(e, primary) for e, primary in self._candidates(found.key))
        index = self._index
        out = []
        for c in entries:
            lat, lon = index.coordinates(c.entry)
            out.append(
                Candidate(
                    c.entry,
                    c.primary,
                    index.country_of(c.entry),
                    index.feature_of(c.entry),
                    int(index.population[c.entry]),
                    lat,
                    lon,
                    index.admin1_of(c.entry),
                    index.tier(c.entry),
                )
            )
        return tuple(out)

    def place_of(self, entry: int, text: str) -> Place:
        """The Place of an index entry, for the mention ``text``."""
        return self._places[entry, text]

    # -- internals ------------------------------------------------------------------------------

    def _name(self, name: str) -> _Name | None:
        """The context-free part of :meth:`resolve`: None for no key or a name that is no place."""
        index = self._index
        key = fold(name)
        if not key:
            return None
        country = index.country_keys.get(key)
        head, _, last = key.rpartition(" ")
        if country is None and last in _ADMIN_SUFFIXES:  # "Montenegro province": the country, not a town
            country = index.country_keys.get(head)
        if country is not None:
            return _Name(key, country, ())
        if key in index.stop:
            return None
        candidates = self._candidates(key)
        if _looks_like_code(name, key):
            candidates = [c for c in candidates if not index.is_town(c[0])]
        return _Name(key, None, tuple(self._entry(entry, primary) for entry, primary in candidates))

    def _entry(self, entry: int, primary: bool) -> _Entry:
        slot = self._index.country_slot(entry)
        return _Entry(entry, primary, slot, self._sizeable(entry), self._tiny(entry))

    def _candidates(self, key: str) -> list[tuple[int, bool]]:
        found = self._index.candidates(key)
        if found:
            return found
        for variant, non_city in _variants(key):
            found = self._index.candidates(variant)
            if non_city:
                found = [c for c in found if self._index.feature_of(c[0]) not in CITY_CODES]
            if found:
                return found
        return []

    def _context(self, countries: Sequence[str]) -> frozenset[int]:
        # Every place of a document is resolved with the same countries: look them up once.
        key = tuple(countries)
        found = self._contexts.get(key)
        if found is None:
            slots: set[int] = set()
            for code in countries:
                entry = self._index.country_keys.get("#" + code.strip().upper())
                if entry is not None:
                    slots.add(self._index.country_slot(entry))
            if len(self._contexts) >= 4096:
                self._contexts.clear()
            found = self._contexts[key] = frozenset(slots)
        return found

    def _country_or_unit(self, country: int, key: str, context: frozenset[int]) -> int:
        """A country, unless the context holds another country with a unit of that name: with
        ``countries=["USA"]``, "Georgia" is the state, not the country."""
        index = self._index
        if not context or index.country_slot(country) in context:
            return country
        for entry, primary in index.candidates(key):
            if primary and index.feature_of(entry) == "ADM1" and index.country_slot(entry) in context:
                return entry
        return country

    def _sizeable(self, entry: int) -> bool:
        """Whether a match on an alternate name only may stand outside the context countries (inside
        them it always may): GeoNames' alternates include translations and inflections ("Hamas" is
        Lithuanian for Hamm), so an ordinary town must be a sizeable place."""
        index = self._index
        return index.tier(entry) > 0 or index.population[entry] >= MIN_ALTERNATE_POPULATION

    def _tiny(self, entry: int) -> bool:
        index = self._index
        return index.tier(entry) == 0 and index.population[entry] < MIN_AMBIGUOUS_POPULATION

    def _place_of(self, entry_text: tuple[int, str]) -> Place:
        return self._place(*entry_text)

    def _place(self, entry: int, text: str) -> Place:
        index = self._index
        lat, lon = index.coordinates(entry)
        geonameid = int(index.geonameid[entry])
        feature = index.feature_of(entry)
        return Place(
            text=text,
            name=index.names[entry],
            geonameid=None if geonameid == NO_ID else geonameid,
            lat=None if lat is None else round(lat, 5),
            lon=None if lon is None else round(lon, 5),
            country=index.country_of(entry),
            admin1=index.admin1_of(entry),
            feature_code=None if feature == UNKNOWN_TOWN_CODE else feature,
            precision=_precision(feature),
            admin2=index.admin2_of(entry),
        )


class FakeGazetteer:
    """A tiny in-memory gazetteer for tests of other stages.

    ``places`` maps a name to the place it means; names match case- and diacritic-insensitively.
    Country-level places (precision "country") also answer :meth:`country` by their alpha-3 code.
    """

    def __init__(self, places: Mapping[str, Place]) -> None:
        self._places = {fold(name): place for name, place in places.items()}

    def lookup(self, name: str) -> tuple[Place, ...]:
        place = self.resolve(name)
        return () if place is None else (place,)

    def resolve(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        place = self._places.get(fold(name))
        return None if place is None else _with_text(place, name)

    def country(self, name_or_code: str) -> Place | None:
        code = name_or_code.strip().upper()
        for place in self._places.values():
            if place.precision == "country" and place.country == code:
                return _with_text(place, name_or_code)
        named = self._places.get(fold(name_or_code))
        if named is not None and named.precision == "country":
            return _with_text(named, name_or_code)
        return None


def _with_text(place: Place, text: str) -> Place:
    return replace(place, text=text)
