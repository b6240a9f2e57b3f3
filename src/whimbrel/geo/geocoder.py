"""The geocoder: every place mention of a document, resolved on its own in the document's context.

:meth:`Geocoder.place_mentions` finds the toponyms of each sentence (:mod:`whimbrel.geo.toponyms`),
then resolves them in three steps:

1. countries and demonyms resolve to their country, always; with the actors' countries and the
   dateline's place they make the document's country evidence;
2. every other toponym is ranked (:mod:`whimbrel.geo.ranking`); a mention whose best candidate wins
   clearly adds its country, division and point to the context;
3. then every toponym is ranked again with the whole context, so an early mention profits from a
   later one ("Alexandria" is read with "Rapides Parish" in view).

Each mention is resolved on its own: a mention that cannot be resolved (unknown, vague or broken) is
kept with its reason and never hides the others. :meth:`Geocoder.resolve_dateline` resolves a
dateline's city ("BAGHDAD", "KYIV, Ukraine") for the reader of datelines.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from whimbrel.adapters.gazetteer import Candidate, Gazetteer, GeoNamesGazetteer
from whimbrel.geo.ranking import Context, Hint, rank
from whimbrel.geo.toponyms import Toponym, find_toponyms
from whimbrel.model import Mention, Place, Sentence

log = logging.getLogger(__name__)

CLEAR_MARGIN = 2.0  # a best candidate this far ahead of the next informs the context in step 2
SIZEABLE = 20_000  # a town a name found by the gazetteer alone may stand for anywhere
SIZEABLE_IN_CONTEXT = 2_000  # ... or in one of the document's countries
SIZEABLE_PERSON = 100_000  # a name the NER reads as a person's stands for a town only this big


@dataclass(frozen=True, slots=True)
class _Found:
    sentence: Sentence
    top: Toponym
    hint: Hint


class Geocoder:
    """Toponyms to places, for a whole document at a time."""

    def __init__(self, gazetteer: Gazetteer, demonyms: Mapping[str, str]) -> None:
        self.gazetteer = gazetteer
        self.demonyms = {k.lower(): v for k, v in demonyms.items()}
        self._ranked = gazetteer if isinstance(gazetteer, GeoNamesGazetteer) else None

    # -- public -----------------------------------------------------------------------------------

    def place_mentions(
        self,
        sentences: Sequence[Sentence],
        *,
        actor_countries: Iterable[str] = (),
        fallback: Place | None = None,
    ) -> list[Mention]:
        """The place mentions of ``sentences`` (resolved or kept with a reason), in text order."""
        found = [f for sent in sentences for f in self._with_containers(sent, self._toponyms(sent))]
        ctx = Context()
        for code in actor_countries:
            ctx.add_country(code, 0.5)
        if fallback is not None and fallback.country:
            ctx.add_country(fallback.country, 2.0)
        places: list[Place | None] = [None] * len(found)
        for k, f in enumerate(found):  # step 1: countries and demonyms
            place = self._country(f.top)
            if place is not None and f.hint.container_country not in (None, place.country):
                place = None  # "Lebanon, Indiana": a country's name in another container is a town
            if place is not None:
                places[k] = place
                ctx.add_country(place.country)
        for k, f in enumerate(found):  # step 2: clear winners inform the context
            if places[k] is None and f.top.source != "vague":
                ranked = self._safe_rank(f, ctx)
                if ranked and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
                    ctx.add_place(ranked[0][1])
                elif ranked:
                    ctx.add_country(ranked[0][1].country, 0.5)
        mentions = []
        dominant = _dominant(ctx)
        for k, f in enumerate(found):  # step 3: each mention with the whole context
            place = places[k]
            if (
                place is not None
                and f.top.source != "demonym"
                and dominant not in (None, place.country)
                and self._ranked is not None
            ):
                # "Georgia" in a report from the United States: the state (a division, never a town)
                unit = self._ranked.resolve(f.top.name, countries=[dominant] if dominant else [])
                if unit is not None and unit.feature_code == "ADM1":
                    place = _with_text(unit, f.top.text)
            if place is None:
                place = self._resolve(f, ctx)
            mentions.append(_mention(f.sentence, f.top, place))
        return mentions

    def resolve_dateline(self, city: str) -> Place | None:
        """The place a dateline's city names ("BAGHDAD", "Kyiv, Ukraine", "GAZA CITY"): the country
        after a comma, if any, is the context; capitals and big cities win."""
        name, _, rest = city.partition(",")
        name = name.strip()
        if not name:
            return None
        ctx = Context()
        container = self.gazetteer.country(rest.strip()) if rest.strip() else None
        if container is not None:
            ctx.add_country(container.country)
        hint = Hint(container_country=container.country if container is not None else None)
        country = self.gazetteer.country(name)
        if country is not None:
            return country
        if self._ranked is None:
            return self.gazetteer.resolve(name, countries=[ctx_c for ctx_c in ctx.countries])
        ranked = rank(self._ranked.candidates(name), ctx, hint)
        return self._ranked.place_of(ranked[0][1].entry, name) if ranked else None

    # -- steps ------------------------------------------------------------------------------------

    def _toponyms(self, sent: Sentence) -> list[Toponym]:
        knows = self._ranked.knows if self._ranked is not None else _knows(self.gazetteer)
        region = self._ranked.is_region if self._ranked is not None else (lambda name: False)
        try:
            return find_toponyms(sent, knows, self.demonyms, region)
        except Exception:  # one broken sentence never hides the others' places
            log.exception("toponyms of sentence %d could not be read", sent.index)
            return []

    def _with_containers(self, sent: Sentence, tops: list[Toponym]) -> list[_Found]:
        """Each toponym with its hint: "Alexandria, Louisiana", "Aiken, S.C.", "Rafah, Gaza": the
        name after the comma contains the one before it."""
        out = []
        tokens = sent.tokens
        for k, top in enumerate(tops):
            hint = Hint(division=top.division)
            nxt = tops[k + 1] if k + 1 < len(tops) else None
            if (
                nxt is not None
                and nxt.start == top.end + 1
                and tokens[top.end].text == ","
                and top.source != "vague"
                and nxt.source not in {"vague", "demonym"}
            ):
                try:
                    hint = self._container(nxt, hint)
                except Exception:  # a broken container leaves the name without one
                    log.exception("container %r could not be read", nxt.text)
            out.append(_Found(sent, top, hint))
        return out

    def _container(self, top: Toponym, hint: Hint) -> Hint:
        country = self.gazetteer.country(top.name)
        if (
            country is not None
            and self._ranked is not None
            and self._ranked.country_entry(top.name) is not None
        ):
            return Hint(hint.division, container_country=country.country)
        if self._ranked is None:
            return hint
        ranked = rank(self._ranked.candidates(top.name), Context(), Hint())
        if ranked and ranked[0][1].feature_code == "ADM1":
            best = ranked[0][1]
            return Hint(hint.division, container_country=best.country, container_admin1=best.admin1)
        return hint

    def _country(self, top: Toponym) -> Place | None:
        if top.source == "vague":
            return None
        if top.source == "demonym" and top.country:
            country = self.gazetteer.country(top.country)
            return None if country is None else _with_text(country, top.text)
        if self._ranked is not None and self._ranked.country_entry(top.name) is not None:
            place = self._ranked.resolve(top.name)
            return None if place is None else _with_text(place, top.text)
        return None

    def _safe_rank(self, f: _Found, ctx: Context) -> list[tuple[float, Candidate]]:
        """:meth:`_rank`, or nothing when the mention's entries cannot be read (step 3 says why)."""
        try:
            return self._rank(f, ctx)
        except Exception:
            return []

    def _rank(self, f: _Found, ctx: Context) -> list[tuple[float, Candidate]]:
        if self._ranked is None:
            return []
        towns = f.hint.container_country is not None
        return rank(self._ranked.candidates(f.top.name, towns_of_countries=towns), ctx, f.hint)

    def _resolve(self, f: _Found, ctx: Context) -> Place:
        top = f.top
        if top.source == "vague":
            return Place(text=top.text, unresolved=top.reason or "vague")
        try:
            if self._ranked is None:
                place = self.gazetteer.resolve(top.name, countries=sorted(ctx.countries))
                return place if place is not None else Place(text=top.text, unresolved="not in the gazetteer")
            ranked = self._rank(f, ctx)
            if not ranked:
                return Place(text=top.text, unresolved="not in the gazetteer")
            best = ranked[0][1]
            if top.source == "gazetteer" and not (
                top.after_preposition or top.lookup or _sizeable(best, ctx, f.hint)
            ):
                return Place(
                    text=top.text, unresolved="a small place's name with nothing else saying it is one"
                )
            if top.person and not _big(best):
                return Place(text=top.text, unresolved="read as a person's name")
            return self._ranked.place_of(best.entry, top.text)
        except Exception as exc:  # each mention on its own
            log.exception("place %r could not be resolved", top.text)
            return Place(text=top.text, unresolved=f"error: {exc}")


def _dominant(ctx: Context) -> str | None:
    """The country most of the document's evidence points to, when it has at least half of it."""
    if not ctx.countries:
        return None
    code, weight = ctx.countries.most_common(1)[0]
    return code if weight >= 0.5 * sum(ctx.countries.values()) else None


def _big(c: Candidate) -> bool:
    """A place big enough to be meant by a name the NER reads as a person's ("Georgia", "Rafah")."""
    return c.population >= SIZEABLE_PERSON or c.feature_code not in {"PPL", "PPLA", "PPLC", "ADM2"}


def _sizeable(c: Candidate, ctx: Context, hint: Hint) -> bool:
    """A name only the gazetteer found (no NER, no preposition) is taken for a place when it names a
    division, a curated place or a sizeable town, or a town of the document's countries or container."""
    if c.tier >= 1 or c.population >= SIZEABLE or hint.container_country is not None:
        return True
    return bool(c.country and ctx.countries.get(c.country) and c.population >= SIZEABLE_IN_CONTEXT)


def _knows(gazetteer: Gazetteer) -> Callable[[str], bool]:
    def knows(name: str) -> bool:
        return bool(gazetteer.lookup(name))

    return knows


def _with_text(place: Place, text: str) -> Place:
    return Place(
        text,
        place.name,
        place.geonameid,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.feature_code,
        place.precision,
        place.admin2,
        place.unresolved,
    )


def _mention(sent: Sentence, top: Toponym, place: Place) -> Mention:
    tokens = sent.tokens
    last = tokens[top.end - 1]
    return Mention(
        "place",
        sent.index,
        tokens[top.start].idx,
        last.idx + len(last.text),
        top.start,
        top.end,
        top.text,
        place=place,
    )


def demonyms_of(entries: Iterable[tuple[str, Sequence[str]]]) -> dict[str, str]:
    """Demonym -> country from (alpha-3, demonyms) pairs ("Iraqi", "Iraqis" -> IRQ)."""
    out: dict[str, str] = {}
    for code, words in entries:
        for word in words:
            out.setdefault(word.lower(), code)
    return out
