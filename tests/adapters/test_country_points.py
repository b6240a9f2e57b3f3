"""The table of GeoNames country points: each point lies among its own country's towns, and none is
the capital's."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.adapters.gazetteer import GeoNamesGazetteer
from whimbrel.adapters.gazetteer_admin import read_country_points
from whimbrel.adapters.gazetteer_build import COUNTRY_POINTS_RESOURCE, read_country_points_text
from whimbrel.errors import KnowledgeError

ANTIMERIDIAN = frozenset({"FJI", "KIR", "TUV"})  # their towns lie on both sides of 180°: no box holds them
POINTS = read_country_points(read_country_points_text(), COUNTRY_POINTS_RESOURCE)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> GeoNamesGazetteer:
    import os

    return GeoNamesGazetteer.load(Path(os.environ["WHIMBREL_CACHE_DIR"]))


def test_the_table_covers_the_sovereign_states() -> None:
    assert len(POINTS) >= 197
    assert POINTS["CAN"] == (60.10867, -113.64258)  # not Ottawa's 45.41, -75.70


def test_every_point_lies_within_its_country_s_towns(gaz: GeoNamesGazetteer) -> None:
    index = gaz.index
    extent: dict[str, list[float]] = {}
    for entry in range(len(index)):
        if index.feature_of(entry) not in ("PPL", "PPLA", "PPLC"):
            continue
        code = index.country_of(entry)
        lat, lon = index.coordinates(entry)
        if code is None or lat is None or lon is None:
            continue
        box = extent.setdefault(code, [lat, lat, lon, lon])
        box[:] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
    wrong = []
    for code, (lat, lon) in POINTS.items():
        box = extent.get(code)
        if box is None:
            continue
        margin = 2.0  # a point in a sparsely settled middle may lie a little beyond the towns' extent
        inside = box[0] - margin <= lat <= box[1] + margin and box[2] - margin <= lon <= box[3] + margin
        if not inside and code not in ANTIMERIDIAN:
            wrong.append(code)
    assert wrong == []


def test_no_country_is_placed_at_its_capital(gaz: GeoNamesGazetteer) -> None:
    index = gaz.index
    capitals = [e for e in range(len(index)) if index.feature_of(e) == "PPLC"]
    assert len(capitals) > 150
    at_capital = []
    for entry in capitals:
        code = index.country_of(entry)
        country = gaz.country(code) if code in POINTS else None  # a territory the table lacks: computed
        lat, lon = index.coordinates(entry)
        if (
            country is not None
            and lat is not None
            and (round(lat, 5), round(lon or 0, 5)) == (country.lat, country.lon)
        ):
            at_capital.append(code)
    # GeoNames' own point for the Marshall Islands is Majuro's: an atoll state has no other middle.
    assert at_capital == ["MHL"]


def test_a_bad_row_names_its_line() -> None:
    with pytest.raises(KnowledgeError, match="points:2"):
        read_country_points("alpha3\tlat\tlon\nIRQ\tnorth\t44\n", "points")
