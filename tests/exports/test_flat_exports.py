"""CSV, Parquet and CAMEO TSV exports, provenance on every record, filters, read_events."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.store_builders import load_builders

import whimbrel
from whimbrel.errors import StoreError, UsageError
from whimbrel.exports import acled
from whimbrel.exports.cameo_tsv import COLUMNS as TSV_COLUMNS
from whimbrel.exports.cameo_tsv import write_cameo_tsv
from whimbrel.exports.csvfile import write_csv
from whimbrel.exports.filters import EventFilter
from whimbrel.exports.flat import COLUMNS
from whimbrel.exports.jsonl import write_jsonl
from whimbrel.exports.parquet import write_parquet, write_parquet_dataset
from whimbrel.model import ActorRef, Place
from whimbrel.store import Store

B = load_builders()
PRODUCED = {"whimbrel": "0.1.0", "knowledge": "abc123", "model": "m 1.0", "coded_date": "2024-04-01"}
VILLAGERS = ActorRef(entity_text="villagers", code="NGA", sector="CVL")
GUNMEN = ActorRef(entity_text="gunmen", code=None, sector="UAF")
KANO = Place(text="Kano", name="Kano", lat=12.0, lon=8.5, country="NGA", admin1="Kano", precision="city")


def _store_with_events(path: Path) -> None:
    first = B.make_doc("doc-aaa1", events=2)
    events = list(first.events)
    events[1] = replace(events[1], id="ev-future", status="future", event="THREATEN", mode=(), cameo="138")
    second = B.make_doc("doc-bbb2", events=1, origin="/corpus/rows.csv:7")
    attack = replace(
        second.events[0],
        id="ev-kano",
        actor=(GUNMEN,),
        recipient=(VILLAGERS,),
        mode=("firearms",),
        event_loc=KANO,
        date="2024-01-20",
        cameo="190",
    )
    with Store(path) as store:
        run = store.start_run({}, PRODUCED)
        store.write([replace(first, events=tuple(events)), replace(second, events=(attack,))], run)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    _store_with_events(path)
    return path


def _records(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return list(store.event_records())


def test_every_record_carries_cite_info_and_produced_by(db: Path, schema: dict[str, Any]) -> None:
    import jsonschema

    records = _records(db)
    assert len(records) == 3
    for record in records:
        jsonschema.validate(record, schema)
        assert record["produced_by"] == PRODUCED
        keys = list(record)
        assert keys.index("cite_info") == keys.index("produced_by") - 1 == keys.index("confidence") - 2
    kano = next(r for r in records if r["id"] == "ev-kano")
    assert kano["cite_info"] == {
        "title": "Report doc-bbb2",
        "url": "https://example.org/doc-bbb2",
        "source": "example.org",
        "published": "2023-11-01",
        "file": "/corpus/rows.csv:7",
    }


def test_csv_holds_what_acled_would_and_opens_in_pandas_and_duckdb(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        assert write_csv(_records(db), fh) == 2  # the future event is left out
    frame = pd.read_csv(out)
    assert tuple(frame.columns) == COLUMNS
    kano = frame[frame["event_id"] == "ev-kano"].iloc[0]
    assert (kano["event_type"], kano["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (kano["inter1"], kano["inter2"], kano["interaction"]) == (3, 7, 37)
    assert kano["civilian_targeting"] == "Civilian targeting"
    assert (kano["country"], kano["iso3"], kano["geo_precision"]) == ("Nigeria", "NGA", 1)
    assert (kano["title"], kano["published"], kano["file"]) == (
        "Report doc-bbb2",
        "2023-11-01",
        "/corpus/rows.csv:7",
    )
    drone = frame[frame["event_id"] != "ev-kano"].iloc[0]
    assert (drone["event_type"], drone["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (drone["inter1"], drone["inter2"], drone["interaction"], drone["fatalities"]) == (2, 1, 12, 2)
    assert drone["mode"] == "heavy-weapons; drone" and drone["time_precision"] == 1
    with duckdb.connect() as con:
        names = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_csv_auto('{out}')").fetchall()]
        assert tuple(names) == COLUMNS
        assert con.execute(f"SELECT count(*) FROM read_csv_auto('{out}')").fetchone() == (2,)
    every = io.StringIO()
    assert write_csv(_records(db), every, all_statuses=True) == 3
    assert "ev-future" in every.getvalue()


def test_parquet_round_trips_the_jsonl_records(db: Path, tmp_path: Path) -> None:
    records = _records(db)
    path = tmp_path / "events.parquet"
    with path.open("wb") as fh:
        assert write_parquet(records, fh) == 3
    table = pq.read_table(path)
    assert table.to_pylist() == records
    actor = table.schema.field("actor").type
    assert pa.types.is_list(actor) and pa.types.is_struct(actor.value_type)
    assert actor.value_type.field("entity_text").type == pa.string()
    assert pa.types.is_struct(table.schema.field("event_loc").type)
    with duckdb.connect() as con:
        got = con.execute(f"SELECT id, event_loc.country, actor[1].code FROM '{path}' ORDER BY id").fetchall()
    assert got[-1] == ("ev-kano", "NGA", None)
    assert pl.read_parquet(path).height == 3 and len(pd.read_parquet(path)) == 3
    jsonl = io.StringIO()
    write_jsonl(records, jsonl)
    assert [json.loads(line) for line in jsonl.getvalue().splitlines()] == table.to_pylist()


def test_parquet_partitions_by_year_and_country(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    assert write_parquet_dataset(_records(db), out) == 3
    folders = sorted(str(p.relative_to(out).parent) for p in out.rglob("*.parquet"))
    assert folders == ["year=2023/country=IRQ", "year=2024/country=NGA"]
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT year, country, count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true) "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    assert rows == [(2023, "IRQ", 2), (2024, "NGA", 1)]  # DuckDB reads the year as a number


def test_cameo_tsv_is_phoenix_style(db: Path) -> None:
    out = io.StringIO()
    assert write_cameo_tsv(_records(db), out) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == TSV_COLUMNS
    first = dict(zip(TSV_COLUMNS, rows[1], strict=True))
    assert (first["Date"], first["Year"], first["SourceActorFull"], first["TargetActorFull"]) == (
        "20231007", "2023", "IRQREB", "USAMIL"
    )  # fmt: skip
    assert (first["EventCode"], first["EventRootCode"], first["QuadClass"]) == ("195", "19", "4")


def test_filters(db: Path) -> None:
    records = _records(db)

    def ids(**values: Any) -> list[str]:
        return [r["id"] for r in EventFilter.parse(**values).apply(records)]

    assert ids(country=["Nigeria"]) == ["ev-kano"] == ids(country=["nga"])
    assert ids(since="2024-01-01") == ["ev-kano"]
    assert ids(until="2023-10-07", status=["future"]) == ["ev-future"]
    assert ids(actor="islamic resistance", event=["assault"]) == ["ev-doc-aaa1-0"]
    assert ids(doc_ids=["doc-bbb2"]) == ["ev-kano"]
    for bad in ({"status": ["foo"]}, {"event": ["BOMB"]}, {"country": ["Atlantis"]}, {"since": "last week"}):
        with pytest.raises(UsageError):
            EventFilter.parse(**bad)


def test_resolve_document_by_prefix_and_file_name(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert store.resolve_document("doc-b") == ["doc-bbb2"]
        assert store.resolve_document("rows.csv") == ["doc-bbb2"]
        assert store.resolve_document("/corpus/doc-aaa1.txt") == ["doc-aaa1"]
        with pytest.raises(StoreError, match="fits several documents"):
            store.resolve_document("doc-")
        with pytest.raises(StoreError, match="no stored document"):
            store.resolve_document("zzz")


def test_read_events_pandas_and_polars(db: Path) -> None:
    frame = whimbrel.read_events(db)
    assert tuple(frame.columns) == COLUMNS and len(frame) == 3
    assert str(frame["inter1"].dtype) == "Int64"
    assert len(whimbrel.read_events(db, all_statuses=False)) == 2
    polars = whimbrel.read_events(db, engine="polars")
    assert tuple(polars.columns) == COLUMNS and polars.height == 3
    assert polars.schema["latitude"] == pl.Float64


def test_acled_tables() -> None:
    assert acled.interaction(1, None) == 10 and acled.interaction(7, 2) == 27
    assert acled.inter_code({"sector": "CVL"}, event="PROTEST") == 6
    assert acled.inter_code({"sector": "CVL"}, event="PROTEST", modes=["riot"]) == 5
    assert acled.inter_code({"code": "UNO", "sector": "MIL"}) == 8
    assert acled.inter_code({"entity_text": "an ethnic militia", "sector": "UAF"}) == 4
    assert acled.event_type({"event": "PROTEST", "mode": ["riot"]}) == ("Riots", "Violent demonstration")
    assert acled.event_type({"event": "COERCE", "mode": ["arrest"]}) == ("Strategic developments", "Arrests")
    assert acled.event_type({"event": "CONSULT"}) == ("", "")
