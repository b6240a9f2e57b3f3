"""Exporters: one module per format, all writing the export record of ``exports.record``.

An exporter is a function ``write(records, out) -> int``: it takes the export records (as
``Store.event_records`` yields them, already filtered with ``exports.filters.EventFilter``), writes
them to the stream ``out`` (text, or binary for Parquet) and returns how many it wrote. Each is
registered by format name in ``whimbrel.registry.exporters``: jsonl, csv (which also takes
``all_statuses``), parquet, cameo-tsv.
"""

from __future__ import annotations

from whimbrel.exports.jsonl import write_jsonl
from whimbrel.exports.record import RECORD_KEYS, dumps_record, event_to_record, record_to_event

__all__ = ["RECORD_KEYS", "dumps_record", "event_to_record", "record_to_event", "write_jsonl"]
