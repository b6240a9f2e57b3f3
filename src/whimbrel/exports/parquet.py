"""Parquet export: the export records as one Arrow table, nested fields kept as structs and lists.

Each record is one row; ``actor`` and ``recipient`` are lists of structs, ``event_loc``, ``size``,
``text_info``, ``cite_info`` and ``produced_by`` are structs, ``mode``, ``context`` and ``sources``
lists of strings. Reading the file back (pyarrow, DuckDB, Polars, pandas) gives the JSONL records:
a key that some records lack is written for all of them, as null where it was missing. A field
that is null in every record is written as a string column. ``write_parquet_dataset`` partitions
the rows by event year and country (hive style: ``year=2024/country=IRQ/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

UNKNOWN_PARTITION = "unknown"


def _no_null_types(kind: Any) -> Any:
    """``kind`` with every Arrow null type (a field null in every row) made a string."""
    import pyarrow as pa

    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _no_null_types(f.type)) for f in kind])
    if pa.types.is_list(kind):
        return pa.list_(_no_null_types(kind.value_type))
    return kind


def record_table(records: Iterable[Mapping[str, Any]]) -> Any:
    """The Arrow table of the records (an empty table with no columns when there are none)."""
    import pyarrow as pa

    rows = [dict(r) for r in records]
    table = pa.Table.from_pylist(rows)
    schema = pa.schema([pa.field(f.name, _no_null_types(f.type)) for f in table.schema])
    return table.cast(schema) if schema != table.schema else table


def write_parquet(records: Iterable[Mapping[str, Any]], out: BinaryIO) -> int:
    """Write the records as one Parquet file to the binary stream ``out``; return how many."""
    import pyarrow.parquet as pq

    table = record_table(records)
    pq.write_table(table, out, compression="zstd")
    return int(table.num_rows)


def _partition_keys(record: Mapping[str, Any]) -> tuple[str, str]:
    date = str(record.get("date") or "")
    loc = record.get("event_loc") or {}
    year = date[:4] if date[:4].isdigit() else UNKNOWN_PARTITION
    return year, str(loc.get("country") or UNKNOWN_PARTITION)


def write_parquet_dataset(records: Iterable[Mapping[str, Any]], directory: Path) -> int:
    """Write the records under ``directory`` partitioned by year and country; return how many."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    rows = [dict(r) for r in records]
    table = record_table(rows)
    keys = [_partition_keys(r) for r in rows]
    table = table.append_column("year", pa.array([k[0] for k in keys], pa.string()))
    table = table.append_column("country", pa.array([k[1] for k in keys], pa.string()))
    directory.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(
        table,
        directory,
        format="parquet",
        partitioning=["year", "country"],
        partitioning_flavor="hive",
        existing_data_behavior="delete_matching",
        basename_template="part-{i}.parquet",
    )
    return len(rows)
