"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None, typer.Option("--db", help="DuckDB store file [default: whimbrel.duckdb, or [store] path].")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", "-c", help="A TOML config file layered over the defaults.")
]
ReviewsOption = Annotated[
    Path | None, typer.Option("--reviews", help="Reviews file [default: <store>.reviews.jsonl].")
]
