"""The embedded DuckDB store: schema migrations and the Store over them."""

from __future__ import annotations

from whimbrel.store.store import Store, WriteCounts

__all__ = ["Store", "WriteCounts"]
