"""The geocoder on sentences written for these tests, through the real pipeline (spaCy, gazetteer)."""

from __future__ import annotations

from typing import Any

import pytest

from whimbrel.geo.geocoder import Geocoder
from whimbrel.model import Document, Place

pytestmark = pytest.mark.slow


def _places(doc: Document) -> dict[str, Place]:
    return {m.text: m.place for m in doc.mentions if m.kind == "place" and m.place is not None}


def test_old_and_new_transliterations_resolve_alike(code: Any) -> None:
    doc = code(
        "Drones hit Odesa on Monday. Later, officials in Odessa, Kyiv, Kiev and Mykolaiv counted damage."
    )
    places = _places(doc)
    assert places["Odesa"].geonameid == places["Odessa"].geonameid is not None
    assert places["Kyiv"].geonameid == places["Kiev"].geonameid is not None
    assert places["Mykolaiv"].country == "UKR" and places["Mykolaiv"].precision == "point"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Fighting spread across Kachin State this week.", "Kachin State", "MMR"),
        ("Farmers in Cauca blocked a highway to protest.", "Cauca", "COL"),
        ("Shelling was reported in Donetsk Oblast overnight.", "Donetsk Oblast", "UKR"),
        ("A convoy was ambushed in Anbar province on Friday.", "Anbar province", "IRQ"),
    ],
)
def test_first_level_divisions_by_the_names_analysts_use(
    code: Any, text: str, name: str, country: str
) -> None:
    place = _places(code(text))[name]
    assert (place.country, place.precision, place.feature_code) == (country, "admin1", "ADM1")


def test_a_country_is_a_country_at_its_own_point_not_its_capital(code: Any) -> None:
    doc = code("The European Union imposed new sanctions on Russia on Tuesday.")
    russia = _places(doc)["Russia"]
    assert (russia.country, russia.precision, russia.feature_code) == ("RUS", "country", "PCLI")
    assert (russia.lat, russia.lon) == (60.0, 100.0)  # GeoNames' point; Moscow is at 55.75, 37.62
    for e in doc.events:  # no event is pinned on Moscow
        assert e.event_loc is None or (e.event_loc.lat, e.event_loc.lon) != (55.75222, 37.61556)


def test_a_demonym_gives_its_country(code: Any) -> None:
    place = _places(code("Sudanese troops crossed the border."))["Sudanese"]
    assert (place.country, place.precision) == ("SDN", "country")


def test_the_container_after_a_comma_decides_between_same_named_towns(code: Any) -> None:
    us = _places(code("The fire started in a warehouse in Alexandria, Louisiana, late on Sunday."))[
        "Alexandria"
    ]
    eg = _places(code("The fire started in a warehouse in Alexandria, Egypt, late on Sunday."))["Alexandria"]
    assert (us.country, us.admin1) == ("USA", "Louisiana")
    assert eg.country == "EGY"


def test_a_vague_place_is_kept_unresolved_with_its_reason(code: Any) -> None:
    doc = code("Two strikes hit Baghdad and another province on Thursday.")
    vague = [m.place for m in doc.mentions if m.kind == "place" and m.place and m.place.unresolved]
    assert [p.text for p in vague] == ["another province"]
    assert vague[0].unresolved == "vague: no name" and vague[0].lat is None
    assert _places(doc)["Baghdad"].precision == "point"


def test_an_attack_on_a_place_is_placed_there_and_invents_no_recipient(code: Any) -> None:
    doc = code("Israeli tanks shelled Rafah on Wednesday.")
    attack = next(e for e in doc.events if e.event == "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.text == "Rafah"
    assert (attack.event_loc.country, attack.event_loc.precision) == ("PSE", "point")
    assert not any(r.entity_text == "Rafah" for r in attack.recipient)


def test_a_sentence_without_a_place_takes_its_paragraph_s(code: Any) -> None:
    doc = code("Protesters gathered in Kampala on Monday. Police fired tear gas at the crowd.")
    gas = next(e for e in doc.events if "tear gas" in e.text)
    assert gas.event_loc is not None and gas.event_loc.name == "Kampala"


def test_each_mention_is_resolved_on_its_own(code: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from whimbrel.adapters.gazetteer import GeoNamesGazetteer

    real = GeoNamesGazetteer.candidates

    def broken(self: GeoNamesGazetteer, name: str, **kw: Any) -> Any:
        if name == "Mosul":
            raise RuntimeError("broken entry")
        return real(self, name, **kw)

    monkeypatch.setattr(GeoNamesGazetteer, "candidates", broken)
    doc = code("Aid reached Mosul and Kirkuk on Saturday.")
    places = {m.text: m.place for m in doc.mentions if m.kind == "place" and m.place is not None}
    assert places["Mosul"].unresolved is not None and places["Mosul"].unresolved.startswith("error")
    assert places["Kirkuk"].country == "IRQ" and places["Kirkuk"].precision == "point"


def test_resolve_dateline(resources: Any) -> None:
    geo = Geocoder(resources.gazetteer, {})
    baghdad = geo.resolve_dateline("BAGHDAD")
    assert baghdad is not None and baghdad.feature_code == "PPLC" and baghdad.country == "IRQ"
    tripoli = geo.resolve_dateline("TRIPOLI, Lebanon")
    assert tripoli is not None and tripoli.country == "LBN"
    assert geo.resolve_dateline("  ") is None
