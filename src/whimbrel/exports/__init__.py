"""Exporters: one module per format, all writing the export record of ``exports.record``."""

from __future__ import annotations

from whimbrel.exports.jsonl import write_jsonl
from whimbrel.exports.record import RECORD_KEYS, dumps_record, event_to_record, record_to_event

__all__ = ["RECORD_KEYS", "dumps_record", "event_to_record", "record_to_event", "write_jsonl"]
