"""The offline gazetteer: the real GeoNames index (built once per session) and the fake."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from whimbrel.adapters import gazetteer_index
from whimbrel.adapters.gazetteer import FakeGazetteer, Gazetteer, GeoNamesGazetteer
from whimbrel.adapters.gazetteer_index import (
    cache_path,
    default_cache_dir,
    fold,
    load_index,
    parse_supplement,
    read_supplement_text,
)
from whimbrel.errors import KnowledgeError
from whimbrel.model import Place


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gaz(cache_dir: Path) -> GeoNamesGazetteer:
    return GeoNamesGazetteer.load(cache_dir)


# -- the real gazetteer -----------------------------------------------------------------------------


def test_implements_the_protocol(gaz: GeoNamesGazetteer) -> None:
    assert isinstance(gaz, Gazetteer)
    assert isinstance(FakeGazetteer({}), Gazetteer)


def test_baghdad_is_the_capital_of_iraq(gaz: GeoNamesGazetteer) -> None:
    place = gaz.resolve("Baghdad")
    assert place is not None
    assert place.geonameid == 98182
    assert place.lat == pytest.approx(33.34, abs=0.01)
    assert place.lon == pytest.approx(44.40, abs=0.01)
    assert (place.country, place.feature_code, place.precision) == ("IRQ", "PPLC", "point")
    assert place.admin1 == "Baghdad"
    assert place.text == "Baghdad"
    assert place.name == "Baghdad"


def test_country_names_resolve_to_the_country(gaz: GeoNamesGazetteer) -> None:
    iraq = gaz.resolve("Iraq")
    assert iraq is not None
    assert (iraq.country, iraq.precision, iraq.feature_code, iraq.geonameid) == (
        "IRQ",
        "country",
        "PCLI",
        99237,
    )
    # GeoNames' own point for the country, never the capital's (Baghdad is at 33.34, 44.40).
    assert (iraq.lat, iraq.lon) == pytest.approx((33.0, 44.0), abs=0.01)
    for name in ("Syria", "Syrian Arab Republic", "the Syrian Arab Republic"):
        syria = gaz.resolve(name)
        assert syria is not None and (syria.country, syria.precision) == ("SYR", "country"), name
    for name in ("US", "U.S.", "United States", "the United States of America"):
        usa = gaz.resolve(name)
        assert usa is not None and (usa.country, usa.precision) == ("USA", "country"), name
    # A country name beats any same-named town, and comes first in lookup.
    lebanon = gaz.lookup("Lebanon")
    assert lebanon[0].country == "LBN" and lebanon[0].precision == "country"
    assert any(p.country == "USA" and p.precision == "point" for p in lebanon[1:])


def test_country_by_name_or_code(gaz: GeoNamesGazetteer) -> None:
    for query in ("Iraq", "IRQ", "IQ", "iq", "Republic of Iraq"):
        place = gaz.country(query)
        assert place is not None and place.country == "IRQ" and place.precision == "country", query
        assert place.text == query
    palestine = gaz.country("PS")
    assert palestine is not None and palestine.country == "PSE"
    kosovo = gaz.country("Kosovo")
    assert kosovo is not None and kosovo.country == "XKX"
    assert gaz.country("Baghdad") is None
    assert gaz.country("ZZZ") is None


def test_gaza_is_the_strip_and_gaza_city_the_city(gaz: GeoNamesGazetteer) -> None:
    strip = gaz.resolve("Gaza")
    assert strip is not None
    assert (strip.name, strip.country, strip.precision, strip.geonameid) == (
        "Gaza Strip",
        "PSE",
        "admin1",
        None,
    )
    assert strip.lat == pytest.approx(31.4, abs=0.2)
    city = gaz.resolve("Gaza City")
    assert city is not None and city.geonameid == 281133 and city.precision == "point"


def test_kyiv_and_kiev_are_the_same_city(gaz: GeoNamesGazetteer) -> None:
    kyiv, kiev = gaz.resolve("Kyiv"), gaz.resolve("Kiev")
    assert kyiv is not None and kiev is not None
    assert kyiv.geonameid == kiev.geonameid == 703448
    assert kiev.country == "UKR" and kiev.feature_code == "PPLC"
    assert kiev.text == "Kiev" and kiev.name == "Kyiv"


def test_mosul_is_the_seat_of_nineveh(gaz: GeoNamesGazetteer) -> None:
    mosul = gaz.resolve("Mosul")
    assert mosul is not None
    assert (mosul.geonameid, mosul.country, mosul.admin1, mosul.feature_code) == (
        99072,
        "IRQ",
        "Nineveh",
        "PPLA",
    )


def test_context_countries_pick_among_same_named_places(gaz: GeoNamesGazetteer) -> None:
    default = gaz.resolve("Paris")
    in_france = gaz.resolve("Paris", countries=["FRA"])
    in_usa = gaz.resolve("Paris", countries=["USA"])
    assert default is not None and in_france is not None and in_usa is not None
    assert default.geonameid == in_france.geonameid == 2988507
    assert in_usa.country == "USA" and in_usa.geonameid == 4717560  # Paris, Texas: the largest US Paris
    tripoli = gaz.resolve("Tripoli")
    tripoli_lb = gaz.resolve("Tripoli", countries=["LBN"])
    assert tripoli is not None and tripoli.country == "LBY"
    assert tripoli_lb is not None and tripoli_lb.country == "LBN"
    # Alpha-2 context codes work too.
    assert gaz.resolve("Tripoli", countries=["LB"]) == tripoli_lb


def test_ambiguous_tiny_places_need_a_context_country(gaz: GeoNamesGazetteer) -> None:
    # Two hamlets of fewer than 1000 people, in the USA and in England.
    candidates = gaz.lookup("Chilmark")
    assert {p.country for p in candidates} == {"USA", "GBR"}
    assert gaz.resolve("Chilmark") is None
    in_gbr = gaz.resolve("Chilmark", countries=["GBR"])
    assert in_gbr is not None and in_gbr.country == "GBR"


def test_names_match_without_diacritics_case_or_punctuation(gaz: GeoNamesGazetteer) -> None:
    places = [gaz.resolve(name) for name in ("Bogotá", "Bogota", "BOGOTA", "bogotá")]
    assert all(p is not None and p.geonameid == 3688689 and p.country == "COL" for p in places)
    assert [p.text for p in places if p] == ["Bogotá", "Bogota", "BOGOTA", "bogotá"]
    sanaa = {gaz.resolve(n).geonameid for n in ("Sanaa", "Sana'a", "Sana’a")}  # type: ignore[union-attr]
    assert sanaa == {71137}
    assert fold("  The Golan-Heights ") == "golan heights"


def test_unknown_names_resolve_to_nothing(gaz: GeoNamesGazetteer) -> None:
    assert gaz.resolve("Qwertzuiopland") is None
    assert gaz.lookup("Qwertzuiopland") == ()
    assert gaz.resolve("") is None
    assert gaz.resolve("  ...  ") is None


def test_organisations_and_acronyms_are_not_places(gaz: GeoNamesGazetteer) -> None:
    # GeoNames has a "Hamas" (Lithuanian for Hamm), a town "Nato" and a town "Un".
    for name in ("Hamas", "Taliban", "NATO", "UN", "EU", "IDF", "Police", "March"):
        assert gaz.resolve(name) is None, name
    assert gaz.lookup("Hamas") == ()


def test_a_country_name_can_mean_a_state_in_that_context(gaz: GeoNamesGazetteer) -> None:
    country = gaz.resolve("Georgia")
    state = gaz.resolve("Georgia", countries=["USA"])
    assert country is not None and country.country == "GEO" and country.precision == "country"
    assert state is not None and (state.country, state.precision, state.feature_code) == (
        "USA",
        "admin1",
        "ADM1",
    )
    texas = gaz.resolve("Texas")
    assert texas is not None and texas.admin1 == "Texas" and 25 < (texas.lat or 0) < 37
    austin = gaz.resolve("Austin", countries=["USA"])
    assert austin is not None and austin.admin1 == "Texas"


def test_supplement_regions_bases_and_provinces(gaz: GeoNamesGazetteer) -> None:
    base = gaz.resolve("Ain al-Asad")
    assert base is not None
    assert (base.name, base.country, base.admin1, base.feature_code, base.precision) == (
        "Ain al-Asad Air Base",
        "IRQ",
        "Anbar",
        "MILB",
        "point",
    )
    tanf = gaz.resolve("al-Tanf")
    assert tanf is not None and tanf.country == "SYR" and tanf.feature_code == "MILB"
    for name in ("Anbar", "al-Anbar", "Anbar province", "Al Anbar Governorate"):
        anbar = gaz.resolve(name)
        assert anbar is not None and anbar.name == "Anbar Governorate" and anbar.precision == "admin1", name
    # The town keeps its name; "province" asks for the unit.
    kirkuk = gaz.resolve("Kirkuk")
    province = gaz.resolve("Kirkuk province")
    assert kirkuk is not None and kirkuk.precision == "point" and kirkuk.geonameid == 94787
    assert province is not None and province.name == "Kirkuk Governorate"
    # A suffix the supplement does not list is tried against the other unit words.
    region = gaz.resolve("Kirkuk region")
    assert region is not None and region.name == "Kirkuk Governorate"
    for name, country in (
        ("West Bank", "PSE"),
        ("Golan Heights", "SYR"),
        ("Donbas", "UKR"),
        ("Darfur", "SDN"),
    ):
        place = gaz.resolve(name)
        assert place is not None and place.country == country and place.precision == "admin1", name
    crimea = gaz.resolve("Crimea")
    assert crimea is not None and crimea.precision == "admin1" and crimea.country == "UKR"
    sea = gaz.resolve("Strait of Hormuz")
    assert sea is not None and sea.country is None and sea.lat is not None


def test_arabic_article_variants(gaz: GeoNamesGazetteer) -> None:
    hodeidah = gaz.resolve("Hodeidah")  # GeoNames: "Al Ḩudaydah", alternate "El-Hodeidah"
    assert hodeidah is not None and hodeidah.geonameid == 79415 and hodeidah.country == "YEM"
    fallujah = gaz.resolve("Fallujah")
    assert fallujah is not None and fallujah.country == "IRQ" and fallujah.admin1 == "Anbar"


def test_every_supplement_row_is_usable(gaz: GeoNamesGazetteer) -> None:
    assert gaz.index.meta["unresolved_seats"] == []
    for row in parse_supplement(read_supplement_text()):
        if row.feature_code in ("STOP", "PCLI"):
            continue
        place = gaz.resolve(row.name, countries=[row.country] if row.country else [])
        assert place is not None and place.name == row.name, row.name


# -- the cache --------------------------------------------------------------------------------------


def test_load_is_memoised_and_reuses_the_cache(gaz: GeoNamesGazetteer, cache_dir: Path) -> None:
    assert GeoNamesGazetteer.load(cache_dir) is gaz
    path = cache_path(cache_dir)
    stamp = path.stat().st_mtime_ns
    again = GeoNamesGazetteer(load_index(cache_dir))
    assert path.stat().st_mtime_ns == stamp  # read, not rebuilt
    assert again.resolve("Mosul") == gaz.resolve("Mosul")


def test_corrupt_cache_is_rebuilt(gaz: GeoNamesGazetteer, cache_dir: Path, tmp_path: Path) -> None:
    good = cache_path(cache_dir).read_bytes()
    broken = bytearray(good)
    broken[len(broken) // 2] ^= 0xFF
    target = cache_path(tmp_path)
    target.write_bytes(bytes(broken))
    rebuilt = GeoNamesGazetteer.load(tmp_path)
    assert target.read_bytes() == good  # rebuilt and rewritten, byte for byte
    place = rebuilt.resolve("Baghdad")
    assert place is not None and place.geonameid == 98182


def test_out_of_date_cache_is_not_used(cache_dir: Path) -> None:
    expected = gazetteer_index._versions(read_supplement_text())
    path = cache_path(cache_dir)
    assert gazetteer_index._read(path, expected) is not None
    assert gazetteer_index._read(path, {**expected, "supplement": "something else"}) is None
    assert gazetteer_index._read(path.with_name("missing.marshal"), expected) is None


def test_default_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("WHIMBREL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "whimbrel"


# -- the supplement parser --------------------------------------------------------------------------


def test_supplement_rows_parse() -> None:
    rows = parse_supplement(
        "# comment\nname\talternates\tcountry\tlat\tlon\tfeature_code\tadmin1\tseat\n"
        "Anbar Governorate\tAnbar|al-Anbar\tIRQ\t33.4\t42.0\tADM1\tAnbar\tRamadi\n"
        "Red Sea\t\t\t20\t38.5\tSEA\t\n"
    )
    assert [r.name for r in rows] == ["Anbar Governorate", "Red Sea"]
    assert rows[0].alternates == ("Anbar", "al-Anbar") and rows[0].seat == "Ramadi" and rows[0].line == 3
    assert rows[1].country == "" and rows[1].lat == 20.0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Foo\t\tIRQ\t33\t44\tRGN", "columns"),
        ("Foo\t\tIraq\t33\t44\tRGN\t", "alpha-3"),
        ("Foo\t\tIRQ\tnorth\t44\tRGN\t", "coordinates"),
        ("Foo\t\tIRQ\t133\t44\tRGN\t", "out of range"),
        ("Foo\t\tIRQ\t33\t44\trgn\t", "feature code"),
        ("Foo\t\tIRQ\t33\t44\tRGN\t\tMosul", "seat"),
    ],
)
def test_bad_supplement_rows_name_their_line(line: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=rf"places_supplement\.tsv:2: .*{message}"):
        parse_supplement("# header\n" + line + "\n")


# -- the fake ---------------------------------------------------------------------------------------


def test_fake_gazetteer() -> None:
    baghdad = Place(text="Baghdad", name="Baghdad", geonameid=98182, lat=33.34, lon=44.4, country="IRQ")
    iraq = Place(text="Iraq", name="Iraq", country="IRQ", precision="country", feature_code="PCLI")
    fake = FakeGazetteer({"Baghdad": baghdad, "Iraq": iraq})
    found = fake.resolve("BAGHDAD", countries=["IRQ"])
    assert found is not None and found.geonameid == 98182 and found.text == "BAGHDAD"
    assert fake.lookup("baghdad") == (replace(baghdad, text="baghdad"),)
    assert fake.resolve("Mosul") is None and fake.lookup("Mosul") == ()
    by_code = fake.country("IRQ")
    assert by_code is not None and by_code.name == "Iraq" and by_code.text == "IRQ"
    assert fake.country("iraq") is not None
    assert fake.country("Baghdad") is None


def test_a_country_with_an_admin_word_is_the_country(resources: Any) -> None:
    place = resources.gazetteer.resolve("Montenegro province")
    assert place is not None and place.country == "MNE" and place.precision == "country"
