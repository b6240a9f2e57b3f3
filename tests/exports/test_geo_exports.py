"""GeoJSON and places-JSONL exports, as a user runs them: `whimbrel run` then `whimbrel export`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import whimbrel

from whimbrel.exports.geojson import feature, write_geojson
from whimbrel.exports.places_jsonl import KEYS, write_places_jsonl


def test_geojson_features_are_points_with_the_record_as_properties() -> None:
    located = {"id": "e1", "event": "ASSAULT", "event_loc": {"lat": 33.3, "lon": 44.4, "name": "Baghdad"}}
    nowhere = {"id": "e2", "event": "PROTEST", "event_loc": None}
    out = io.StringIO()
    assert write_geojson([located, nowhere], out) == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    (only,) = collection["features"]
    assert only["geometry"] == {"type": "Point", "coordinates": [44.4, 33.3]}  # lon, lat
    assert only["properties"] == located and only["id"] == "e1"
    assert feature(nowhere) is None
    empty = io.StringIO()
    assert write_geojson([], empty) == 0 and json.loads(empty.getvalue())["features"] == []


def test_places_jsonl_writes_the_listed_fields_in_order() -> None:
    out = io.StringIO()
    row = {key: None for key in KEYS} | {"doc_id": "d", "start": 3, "end": 9, "text": "Mosul", "extra": 1}
    assert write_places_jsonl([row], out) == 1
    line = json.loads(out.getvalue())
    assert list(line) == list(KEYS) and line["text"] == "Mosul" and "extra" not in line


@pytest.mark.slow
def test_run_then_export_both_formats(tmp_path: Path, schema: dict[str, Any]) -> None:
    text = (
        "Militants attacked a checkpoint near Kirkuk on Monday, killing two soldiers.\n\n"
        "Separately, protesters marched in Basra against power cuts.\n"
    )
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    done = whimbrel("run", "report.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    geo = whimbrel("export", "--format", "geojson", cwd=tmp_path)
    assert geo.returncode == 0, geo.stderr
    features = json.loads(geo.stdout)["features"]
    assert features, "no located event"
    for f in features:
        jsonschema.validate(f["properties"], schema)  # the properties are the record contract
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["event_loc"]["lat"], f["properties"]["event_loc"]["lon"])
    names = {f["properties"]["event_loc"]["name"] for f in features}
    assert names & {"Kirkuk", "Basra"}
    places = whimbrel("export", "--format", "places-jsonl", cwd=tmp_path)
    assert places.returncode == 0, places.stderr
    rows = [json.loads(line) for line in places.stdout.splitlines()]
    by_text = {r["text"]: r for r in rows}
    assert {"Kirkuk", "Basra"} <= set(by_text)
    kirkuk = by_text["Kirkuk"]
    assert text[kirkuk["start"] : kirkuk["end"]] == "Kirkuk"
    assert (
        kirkuk["country"] == "IRQ"
        and kirkuk["geonameid"]
        and kirkuk["admin1"]
        and kirkuk["precision"] == "point"
    )
    assert "place mentions" in places.stderr
