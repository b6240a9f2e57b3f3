"""Tests of the JSONL exporter: one record per line, in order, stable and valid."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from whimbrel.exports.jsonl import write_jsonl
from whimbrel.exports.record import event_to_record
from whimbrel.store import Store


def load_builders() -> ModuleType:
    """tests/store/builders.py, loaded by path under a name no other test helper uses."""
    name = "whimbrel_tests_store_builders"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "store" / "builders.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


B = load_builders()


def test_one_line_per_record_in_order() -> None:
    records = [event_to_record(B.make_event("doc-1", start=s)) for s in (0, 100, 200)]
    out = io.StringIO()
    assert write_jsonl(records, out) == 3
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""  # every line, the last included, ends with a newline
    assert [json.loads(line) for line in lines[:-1]] == records
    assert [json.loads(line)["id"] for line in lines[:-1]] == ["ev-doc-1-0", "ev-doc-1-100", "ev-doc-1-200"]


def test_nothing_to_write() -> None:
    out = io.StringIO()
    assert write_jsonl([], out) == 0
    assert out.getvalue() == ""


def test_text_with_newlines_and_non_ascii_stays_on_one_line() -> None:
    record = event_to_record(B.make_event(text="الميليشيات\nhit the base", event_text="hit"))
    out = io.StringIO()
    assert write_jsonl(iter([record]), out) == 1
    assert out.getvalue().count("\n") == 1
    assert "الميليشيات" in out.getvalue()
    assert json.loads(out.getvalue()) == record


def test_output_is_stable() -> None:
    records = [event_to_record(B.make_event("doc-1", start=s)) for s in (0, 100)]
    first, second = io.StringIO(), io.StringIO()
    write_jsonl(records, first)
    write_jsonl(records, second)
    assert first.getvalue() == second.getvalue()


def test_store_export_fits_the_schema() -> None:
    schema = B.load_schema()
    if schema is None:
        pytest.skip(f"../shared/record.schema.json not found: {B.SCHEMA_PATH}")
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    with Store(":memory:") as store:
        run = store.start_run({})
        store.write([B.make_doc("doc-1", events=3), B.make_doc("doc-2", events=2)], run)
        out = io.StringIO()
        assert write_jsonl(store.event_records(), out) == 5
    lines = out.getvalue().splitlines()
    assert len(lines) == 5
    for line in lines:
        validator.validate(json.loads(line))
