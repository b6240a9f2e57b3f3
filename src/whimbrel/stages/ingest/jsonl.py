"""JSON Lines: one Document per non-blank line, with the line's id, title, url, source and date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from whimbrel.errors import BinaryInput, EmptyInput, InputError, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, binary_kind, decode, document_from_text, os_error, too_large
from whimbrel.stages.ingest.metadata import optional_published
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.sniff import SNIFF_BYTES

_SKIP_CHUNK = 1 << 20


def _skip_rest_of_line(fh: BinaryIO) -> int:
    """Discard bytes up to and including the next newline; return how many were discarded."""
    skipped = 0
    while True:
        chunk = fh.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _optional_str(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field {key!r} must be a string (got {type(value).__name__})")


def json_type(value: Any) -> str:
    """The JSON name of a value's type, for a reason."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def row_document(
    line: str, lineno: int, origin: str, options: IngestOptions, ids: dict[str, int]
) -> Document:
    """The Document of one JSON line (a bad line gives a failed Document naming what is wrong)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return bad(MalformedInput(origin, f"malformed JSON at line {lineno}: {exc.msg}"))
    except RecursionError:
        return bad(MalformedInput(origin, f"malformed JSON at line {lineno}: nested too deeply"))
    if not isinstance(row, dict):
        return bad(MalformedInput(origin, f"not a JSON object (got {json_type(row)})"))
    if "text" not in row:
        return bad(MalformedInput(origin, "no 'text' field"))
    text = row["text"]
    if not isinstance(text, str):
        return bad(MalformedInput(origin, f"'text' must be a string (got {json_type(text)})"))
    raw_id = row.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return bad(MalformedInput(origin, f"'id' must be a string or integer (got {json_type(raw_id)})"))
    doc_id = None if raw_id is None else str(raw_id)
    if doc_id == "":
        return bad(MalformedInput(origin, "'id' is empty"))
    try:
        title = _optional_str(row, "title")
        url = _optional_str(row, "url")
        source = _optional_str(row, "source")
        published = optional_published(row.get("published"), options.published)
    except ValueError as exc:
        return bad(MalformedInput(origin, str(exc)))
    if doc_id is not None:
        if doc_id in ids:
            return bad(MalformedInput(origin, f"duplicate id {doc_id!r} (first at line {ids[doc_id]})"))
        ids[doc_id] = lineno
    return document_from_text(
        text, origin=origin, doc_id=doc_id, title=title, url=url, source=source, published=published
    )


def read_jsonl(fh: BinaryIO, origin: str, options: IngestOptions) -> Iterator[Document]:
    """One Document per non-blank line, streamed; a bad line gives a bad Document for that line."""
    ids: dict[str, int] = {}
    records = 0
    try:
        head = fh.read(SNIFF_BYTES)
        if not head:
            yield bad(EmptyInput(origin, "empty file"))
            return
        kind = binary_kind(head, options.encoding)
        if kind is not None:
            yield bad(BinaryInput(origin, f"binary file ({kind})"))
            return
        fh.seek(0)
        offset = 0
        lineno = 0
        while True:
            raw = fh.readline(options.max_bytes + 1)
            if not raw:
                break
            lineno += 1
            line_origin = f"{origin}:{lineno}"
            start = offset
            offset += len(raw)
            if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_rest_of_line(fh)
                offset = start + size
                records += 1
                yield bad(too_large(line_origin, size, options.max_bytes))
                continue
            if not raw.strip():
                continue
            records += 1
            try:
                line = decode(raw, line_origin, options.encoding, offset=start)
            except InputError as exc:
                yield bad(exc)
                continue
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            yield row_document(line, lineno, line_origin, options, ids)
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    if records == 0:
        yield bad(EmptyInput(origin, "empty file (no records)"))
