"""Ingest: turn paths and stdin into :class:`~whimbrel.model.Document` records.

Every input gives a Document. A good one has status ``"pending"``; one that cannot be read has
status ``"failed"`` or ``"skipped"`` (from the :class:`~whimbrel.errors.InputError` subclass that
describes it), a one-line ``reason``, empty ``text`` and ``content_hash``, and the id
``"input:" + sha256(origin)[:16]`` so that a re-run of the same bad input upserts the same row.
Nothing here raises on bad input; only invalid :class:`IngestOptions` raise :class:`ConfigError`.

Text is normalised once, here: byte-order mark removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``,
Unicode NFC. All later character offsets refer to the normalised text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import stat
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from whimbrel.errors import (
    BinaryInput,
    ConfigError,
    EmptyInput,
    EncodingInput,
    InputError,
    MalformedInput,
    MissingInput,
    OversizeInput,
)
from whimbrel.model import Document, DocumentStatus

__all__ = [
    "STDIN",
    "IngestOptions",
    "content_hash",
    "describe",
    "document_from_text",
    "normalise_text",
    "read_inputs",
]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
JSONL_SUFFIX = ".jsonl"
_SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 20

# Leading bytes of common binary formats, for a clearer reason than "NUL bytes".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read.

    ``published`` is the date given to plain files, and the fallback for JSONL rows without one.
    ``max_bytes`` limits a plain file (checked with ``stat`` before reading) and each JSONL line.
    ``extensions`` are the suffixes read from directories (case-insensitive); files named
    explicitly are always read.
    """

    published: dt.date | None = None
    encoding: str = "utf-8"
    max_bytes: int = 10_000_000
    extensions: tuple[str, ...] = (".txt", ".md", ".jsonl")

    def __post_init__(self) -> None:
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ConfigError(f"unknown encoding {self.encoding!r}") from None
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        for ext in self.extensions:
            if not ext.startswith(".") or len(ext) < 2:
                raise ConfigError(f"extension {ext!r} must look like '.txt'")


# ---------------------------------------------------------------- public helpers


def normalise_text(text: str) -> str:
    """Strip a leading BOM, turn ``\\r\\n`` and ``\\r`` into ``\\n``, and apply Unicode NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """The sha256 hex digest of the normalised text (normalising is idempotent)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def describe(doc: Document) -> str:
    """The one-line stderr message for a document: ``whimbrel: ORIGIN: REASON``."""
    return f"whimbrel: {doc.origin}: {doc.reason if doc.reason is not None else doc.status}"


def document_from_text(
    text: str,
    *,
    origin: str,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """A pending Document of normalised ``text``; its id is ``doc_id`` or the first 16 hex of its hash.

    Text with nothing but whitespace gives a skipped Document (reason "empty text") instead.
    """
    norm = normalise_text(text)
    if not norm.strip():
        return _bad(EmptyInput(origin, "empty text"))
    try:
        digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        return _bad(
            MalformedInput(origin, f"invalid Unicode at character {exc.start} (an unpaired surrogate)")
        )
    return Document(
        id=doc_id if doc_id is not None else digest[:16],
        text=norm,
        content_hash=digest,
        origin=origin,
        title=title,
        url=url,
        source=source,
        published=published,
    )


def read_inputs(
    paths: Sequence[str], options: IngestOptions, *, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Yield one Document per input (per line for JSONL); bad inputs give failed/skipped Documents.

    A path is a file, a directory (walked recursively in sorted order, hidden entries skipped) or
    ``-`` for stdin (``stdin`` or else ``sys.stdin.buffer``).
    """
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, options)
        else:
            yield from _read_path(path, options)


# ---------------------------------------------------------------- documents for bad inputs


def _input_id(origin: str) -> str:
    return "input:" + hashlib.sha256(origin.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _skip(origin: str, reason: str) -> Document:
    """A skipped Document for an input that is not an error but is not read either."""
    return Document(
        id=_input_id(origin), text="", content_hash="", origin=origin, status="skipped", reason=reason
    )


def _bad(error: InputError) -> Document:
    status: DocumentStatus = "skipped" if error.status == "skipped" else "failed"
    return Document(
        id=_input_id(error.origin),
        text="",
        content_hash="",
        origin=error.origin,
        status=status,
        reason=error.reason,
    )


def _os_error(origin: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return MissingInput(origin, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(origin, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(origin, "is a directory")
    return InputError(origin, f"cannot read: {exc.strerror or exc}")


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1e3:.1f} kB"
    if n < 1_000_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e9:.1f} GB"


def _too_large(origin: str, size: int | None, limit: int) -> OversizeInput:
    """Oversize; ``size`` is None when only "more than the limit" is known (a stream)."""
    shown_limit = _size(limit)
    if size is None:
        return OversizeInput(origin, f"too large: more than the {shown_limit} limit")
    shown = _size(size)
    if shown == shown_limit:  # e.g. 10,000,001 bytes vs 10,000,000: both "10.0 MB"
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return OversizeInput(origin, f"too large: {shown} > limit {shown_limit}")


# ---------------------------------------------------------------- bytes → text


def _is_wide_codec(encoding: str) -> bool:
    name = codecs.lookup(encoding).name
    return name.startswith(("utf-16", "utf-32"))


def _binary_kind(data: bytes, encoding: str) -> str | None:
    """Why ``data`` (a whole input or its first bytes) looks binary, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data and not _is_wide_codec(encoding) and not data.startswith(_UTF16_BOMS):
        return "NUL bytes"
    return None


def _decode(data: bytes, origin: str, encoding: str, *, offset: int = 0) -> str:
    """Strictly decode ``data``; ``offset`` is where it starts in its file, for the reason."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "latin-1" if codecs.lookup(encoding).name == "utf-8" else "utf-8"
        raise EncodingInput(
            origin, f"not valid {encoding} at byte {offset + exc.start} (try --encoding {hint})"
        ) from None


def _text_from_bytes(data: bytes, origin: str, options: IngestOptions) -> str:
    """Checks and decoding shared by plain files and stdin; raises an InputError."""
    if not data:
        raise EmptyInput(origin, "empty file")
    kind = _binary_kind(data, options.encoding)
    if kind is not None:
        raise BinaryInput(origin, f"binary file ({kind})")
    if data.startswith(_UTF16_BOMS) and not _is_wide_codec(options.encoding):
        raise EncodingInput(origin, "looks like UTF-16 (byte-order mark) (try --encoding utf-16)")
    text = normalise_text(_decode(data, origin, options.encoding))
    if not text.strip():
        raise EmptyInput(origin, "empty file (whitespace only)")
    return text


def _plain_document(data: bytes, origin: str, options: IngestOptions) -> Document:
    try:
        text = _text_from_bytes(data, origin, options)
    except InputError as exc:
        return _bad(exc)
    return document_from_text(text, origin=origin, published=options.published)


# ---------------------------------------------------------------- stdin and plain files


def _read_stdin(stream: BinaryIO, options: IngestOptions) -> Iterator[Document]:
    """Standard input: JSON Lines when it starts with ``{``, else one plain-text document."""
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as exc:
        yield _bad(_os_error(STDIN_ORIGIN, exc))
        return
    if len(data) > options.max_bytes:
        yield _bad(_too_large(STDIN_ORIGIN, None, options.max_bytes))
        return
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        ids: dict[str, int] = {}
        for lineno, raw in enumerate(data.splitlines(), start=1):
            if not raw.strip():
                continue
            origin = f"{STDIN_ORIGIN}:{lineno}"
            try:
                line = _decode(raw, origin, options.encoding).removeprefix("\ufeff")
            except InputError as exc:
                yield _bad(exc)
                continue
            yield _row_document(line, lineno, origin, options, ids)
        return
    yield _plain_document(data, STDIN_ORIGIN, options)


def _read_plain_file(path: str, st: os.stat_result, options: IngestOptions) -> Document:
    if stat.S_ISREG(st.st_mode) and st.st_size > options.max_bytes:
        return _bad(_too_large(path, st.st_size, options.max_bytes))
    try:
        with open(path, "rb") as fh:
            data = fh.read(options.max_bytes + 1)  # a pipe or a growing file has no reliable size
    except OSError as exc:
        return _bad(_os_error(path, exc))
    if len(data) > options.max_bytes:
        return _bad(_too_large(path, None, options.max_bytes))
    return _plain_document(data, path, options)


def _sniff_unlisted(path: str, options: IngestOptions) -> Document:
    """A skipped Document for a directory file whose extension is not read."""
    suffix = os.path.splitext(path)[1]
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        return _bad(_os_error(path, exc))
    kind = _binary_kind(head, options.encoding)
    if kind is not None:
        return _bad(BinaryInput(path, f"binary file ({kind})"))
    accepted = ", ".join(options.extensions)
    return _skip(path, f"unsupported extension {suffix!r} (reading {accepted})")


def _read_file(path: str, st: os.stat_result, options: IngestOptions) -> Iterator[Document]:
    if path.lower().endswith(JSONL_SUFFIX):
        yield from _read_jsonl(path, options)
    else:
        yield _read_plain_file(path, st, options)


def _read_path(path: str, options: IngestOptions) -> Iterator[Document]:
    try:
        st = os.stat(path)
    except OSError as exc:
        yield _bad(_os_error(path, exc))
        return
    except ValueError:  # embedded NUL in the path
        yield _bad(MissingInput(path, "no such file (invalid path)"))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, options)
    else:
        yield from _read_file(path, st, options)


# ---------------------------------------------------------------- directories


def _walk(root: str, options: IngestOptions) -> Iterator[Document]:
    """Every non-hidden file under ``root``, depth first, entries sorted by name."""
    allowed = {ext.lower() for ext in options.extensions}
    seen: set[tuple[int, int]] = set()
    found = 0

    def visit(directory: str) -> Iterator[Document]:
        nonlocal found
        try:
            dst = os.stat(directory)
            key = (dst.st_dev, dst.st_ino)
            if key in seen:  # a symlink loop
                return
            seen.add(key)
            with os.scandir(directory) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            found += 1
            yield _bad(_os_error(directory, exc))
            return
        for entry in entries:
            path = os.path.join(directory, entry.name)
            try:
                st = os.stat(path)
            except OSError as exc:  # e.g. a dangling symlink
                found += 1
                yield _bad(_os_error(path, exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from visit(path)
                continue
            found += 1
            suffix = os.path.splitext(entry.name)[1].lower()
            if not stat.S_ISREG(st.st_mode):
                yield _skip(path, "not a regular file")
            elif suffix and suffix not in allowed:
                yield _sniff_unlisted(path, options)
            else:  # an accepted extension, or none at all (corpora often number their files)
                yield from _read_file(path, st, options)

    yield from visit(root)
    if found == 0:
        yield _bad(EmptyInput(root, "empty directory (no input files)"))


# ---------------------------------------------------------------- JSONL


def _skip_rest_of_line(fh: BinaryIO) -> int:
    """Discard bytes up to and including the next newline; return how many were discarded."""
    skipped = 0
    while True:
        chunk = fh.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"bad published date {value!r} (expected an ISO date string)")
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"bad published date {value!r} (expected ISO 8601)") from None


def _optional_str(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field {key!r} must be a string (got {type(value).__name__})")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _row_document(
    line: str, lineno: int, origin: str, options: IngestOptions, ids: dict[str, int]
) -> Document:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(MalformedInput(origin, f"malformed JSON at line {lineno}: {exc.msg}"))
    except RecursionError:
        return _bad(MalformedInput(origin, f"malformed JSON at line {lineno}: nested too deeply"))
    if not isinstance(row, dict):
        return _bad(MalformedInput(origin, f"not a JSON object (got {_json_type(row)})"))
    if "text" not in row:
        return _bad(MalformedInput(origin, "no 'text' field"))
    text = row["text"]
    if not isinstance(text, str):
        return _bad(MalformedInput(origin, f"'text' must be a string (got {_json_type(text)})"))
    raw_id = row.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return _bad(MalformedInput(origin, f"'id' must be a string or integer (got {_json_type(raw_id)})"))
    doc_id = None if raw_id is None else str(raw_id)
    if doc_id == "":
        return _bad(MalformedInput(origin, "'id' is empty"))
    try:
        title = _optional_str(row, "title")
        url = _optional_str(row, "url")
        source = _optional_str(row, "source")
        published = options.published if row.get("published") is None else _parse_date(row["published"])
    except ValueError as exc:
        return _bad(MalformedInput(origin, str(exc)))
    if doc_id is not None:
        if doc_id in ids:
            return _bad(MalformedInput(origin, f"duplicate id {doc_id!r} (first at line {ids[doc_id]})"))
        ids[doc_id] = lineno
    return document_from_text(
        text, origin=origin, doc_id=doc_id, title=title, url=url, source=source, published=published
    )


def _read_jsonl(path: str, options: IngestOptions) -> Iterator[Document]:
    """One Document per non-blank line, streamed; a bad line gives a bad Document for that line."""
    ids: dict[str, int] = {}
    records = 0
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
            if not head:
                yield _bad(EmptyInput(path, "empty file"))
                return
            kind = _binary_kind(head, options.encoding)
            if kind is not None:
                yield _bad(BinaryInput(path, f"binary file ({kind})"))
                return
            fh.seek(0)
            offset = 0
            lineno = 0
            while True:
                raw = fh.readline(options.max_bytes + 1)
                if not raw:
                    break
                lineno += 1
                origin = f"{path}:{lineno}"
                start = offset
                offset += len(raw)
                if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                    size = len(raw) + _skip_rest_of_line(fh)
                    offset = start + size
                    records += 1
                    yield _bad(_too_large(origin, size, options.max_bytes))
                    continue
                if not raw.strip():
                    continue
                records += 1
                try:
                    line = _decode(raw, origin, options.encoding, offset=start)
                except InputError as exc:
                    yield _bad(exc)
                    continue
                if lineno == 1:
                    line = line.removeprefix("\ufeff")
                yield _row_document(line, lineno, origin, options, ids)
    except OSError as exc:
        yield _bad(_os_error(path, exc))
        return
    if records == 0:
        yield _bad(EmptyInput(path, "empty file (no records)"))
