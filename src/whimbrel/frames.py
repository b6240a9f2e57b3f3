"""``whimbrel.read_events``: the stored events as a DataFrame, the columns of the CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from whimbrel.errors import StoreError
from whimbrel.exports.filters import NOT_ACLED
from whimbrel.exports.flat import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, flat_row


def read_events(
    db: str | Path = "whimbrel.duckdb",
    *,
    engine: Literal["pandas", "polars"] = "pandas",
    all_statuses: bool = True,
) -> Any:
    """The events of the store ``db`` as a pandas DataFrame (a Polars one with ``engine="polars"``).

    The columns are those of ``whimbrel export --format csv`` (docs/fields.md), one row per event;
    integer columns are nullable integers and coordinates floats. Unlike the CSV export every
    status is kept unless ``all_statuses=False``, which leaves out future, hypothetical and negated
    events as the CSV does.
    """
    from whimbrel.store import Store

    if engine not in ("pandas", "polars"):
        raise ValueError(f"engine must be 'pandas' or 'polars', not {engine!r}")
    if not str(db).startswith(":memory:") and not Path(db).exists():
        raise StoreError(f"{db}: no such store")
    with Store(db, read_only=True) as store:
        rows = [
            flat_row(r) for r in store.event_records() if all_statuses or r.get("status") not in NOT_ACLED
        ]
    columns = {name: [row[name] for row in rows] for name in COLUMNS}
    if engine == "polars":
        import polars as pl

        def kind(name: str) -> Any:
            return pl.Int64 if name in INTEGER_COLUMNS else pl.Float64 if name in FLOAT_COLUMNS else pl.Utf8

        text = {name for name in COLUMNS if kind(name) == pl.Utf8}
        data = {
            name: [str(v) if v is not None and name in text else v for v in values]
            for name, values in columns.items()
        }
        return pl.DataFrame(data, schema={name: kind(name) for name in COLUMNS})
    import pandas as pd

    frame = pd.DataFrame(columns, columns=list(COLUMNS))
    for name in COLUMNS:
        if name in INTEGER_COLUMNS:
            frame[name] = frame[name].astype("Int64")
        elif name in FLOAT_COLUMNS:
            frame[name] = frame[name].astype("float64")
    return frame
