"""Paths to Documents: files, directories (recursively, with ``glob``), stdin; each by its format."""

from __future__ import annotations

import fnmatch
import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from whimbrel.errors import BinaryInput, EmptyInput, MalformedInput, MissingInput
from whimbrel.model import Document
from whimbrel.stages.ingest import archives
from whimbrel.stages.ingest.common import (
    STDIN_ORIGIN,
    bad,
    binary_kind,
    os_error,
    skip,
    too_large,
)
from whimbrel.stages.ingest.feeds import read_feed
from whimbrel.stages.ingest.fetched import read_fetched
from whimbrel.stages.ingest.jsonl import read_jsonl
from whimbrel.stages.ingest.markup import read_html
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.pdf import read_pdf
from whimbrel.stages.ingest.plain import read_text
from whimbrel.stages.ingest.sniff import SNIFF_BYTES, STREAMED, by_content, by_name, sniff
from whimbrel.stages.ingest.tables import read_delimited, read_parquet

STDIN = "-"
_ARCHIVES = frozenset({"zip", "tar", "gzip"})


def read_stream(
    fh: BinaryIO, origin: str, name: str, options: IngestOptions, budget: archives.Budget
) -> Iterator[Document]:
    """The Documents of one input (a seekable binary stream called ``name``), by its format."""
    head = fh.read(SNIFF_BYTES)
    fh.seek(0)
    fmt = sniff(name, head)
    if fmt in _ARCHIVES and budget.depth >= archives.MAX_DEPTH:
        yield bad(MalformedInput(origin, f"archive nested more than {archives.MAX_DEPTH} deep, not read"))
    elif fmt == "zip":
        yield from archives.read_zip(fh, origin, options, budget, read_stream)
    elif fmt == "tar":
        yield from archives.read_tar(fh, origin, options, budget, read_stream)
    elif fmt == "gzip":
        yield from archives.read_gzip(fh, origin, name, options, budget, read_stream)
    elif fmt == "duckdb":
        yield skip(origin, "a DuckDB database (a whimbrel store?), not read")
    elif fmt in {"jsonl", "json"}:
        if fmt == "json" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            yield bad(MalformedInput(origin, "a JSON array: write one object per line, as .jsonl"))
        else:
            yield from read_jsonl(fh, origin, options)
    elif fmt == "csv":
        yield from read_delimited(fh, origin, options, delimiter=",")
    elif fmt == "tsv":
        yield from read_delimited(fh, origin, options, delimiter="\t")
    elif fmt == "parquet":
        yield from read_parquet(fh, origin, options)
    elif fmt == "feed":
        yield from read_feed(fh, origin, options)
    elif fmt == "fetched":
        yield from read_fetched(fh, origin, options)
    elif fmt == "html":
        yield from read_html(fh, origin, options)
    elif fmt == "pdf":
        yield from read_pdf(fh, origin, options)
    else:
        yield from read_text(fh, origin, options)


def read_stdin(stream: BinaryIO, options: IngestOptions) -> Iterator[Document]:
    """Standard input, read whole (up to ``max_bytes``) and then like a file without a name."""
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as exc:
        yield bad(os_error(STDIN_ORIGIN, exc))
        return
    if len(data) > options.max_bytes:
        yield bad(too_large(STDIN_ORIGIN, None, options.max_bytes))
        return
    yield from read_stream(io.BytesIO(data), STDIN_ORIGIN, "", options, archives.Budget.of(options))


def read_file(path: str, st: os.stat_result, options: IngestOptions) -> Iterator[Document]:
    """The Documents of one file; a file read whole is refused from its size before it is opened."""
    if stat.S_ISREG(st.st_mode) and st.st_size > options.max_bytes and by_name(path) not in STREAMED:
        yield bad(too_large(path, st.st_size, options.max_bytes))
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is drained)
    except OSError as exc:
        yield bad(os_error(path, exc))
        return
    with fh:
        stream: BinaryIO = fh if fh.seekable() else io.BytesIO(fh.read(options.max_bytes + 1))
        yield from read_stream(stream, path, os.path.basename(path), options, archives.Budget.of(options))


def read_path(path: str, options: IngestOptions) -> Iterator[Document]:
    """A file named on the command line (always read) or a directory."""
    try:
        st = os.stat(path)
    except OSError as exc:
        yield bad(os_error(path, exc))
        return
    except ValueError:  # embedded NUL in the path
        yield bad(MissingInput(path, "no such file (invalid path)"))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from walk(path, options)
    else:
        yield from read_file(path, st, options)


def _unlisted(path: str, st: os.stat_result, options: IngestOptions) -> Iterator[Document]:
    """A directory file whose extension is not read: read all the same when its content shows a format."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        yield bad(os_error(path, exc))
        return
    found = by_content(head)
    if found is not None and found != "duckdb":
        yield from read_file(path, st, options)
        return
    if found == "duckdb":
        yield skip(path, "a DuckDB database (a whimbrel store?), not read")
        return
    kind = binary_kind(head, options.encoding)
    if kind is not None:
        yield bad(BinaryInput(path, f"binary file ({kind})"))
        return
    suffix = os.path.splitext(path)[1]
    yield skip(path, f"unsupported extension {suffix!r} (reading {', '.join(options.extensions)})")


_STORE_SUFFIXES = (".duckdb", ".duckdb.wal")


def _excluded(path: str, options: IngestOptions) -> bool:
    """True for the files a walk never reads: DuckDB stores and their logs, and ``exclude``."""
    if path.lower().endswith(_STORE_SUFFIXES):
        return True
    if not options.exclude:
        return False
    real = os.path.realpath(path)
    return any(real == ex or real.startswith(ex + ".") for ex in options.exclude)  # store.duckdb.wal too


def _wanted(root: str, path: str, options: IngestOptions) -> bool:
    if options.glob is None:
        return True
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return fnmatch.fnmatch(rel, options.glob) or fnmatch.fnmatch(os.path.basename(path), options.glob)


def walk(root: str, options: IngestOptions) -> Iterator[Document]:
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
            yield bad(os_error(directory, exc))
            return
        for entry in entries:
            path = os.path.join(directory, entry.name)
            try:
                st = os.stat(path)
            except OSError as exc:  # e.g. a dangling symlink
                found += 1
                yield bad(os_error(path, exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from visit(path)
                continue
            if _excluded(path, options) or not _wanted(root, path, options):
                continue
            found += 1
            lower = entry.name.lower()
            suffix = os.path.splitext(lower)[1]
            if not stat.S_ISREG(st.st_mode):
                yield skip(path, "not a regular file")
            elif suffix and suffix not in allowed and not (lower.endswith(".tar.gz") and ".gz" in allowed):
                yield from _unlisted(path, st, options)
            else:  # an accepted extension, or none at all (corpora often number their files)
                yield from read_file(path, st, options)

    yield from visit(root)
    if found == 0:
        what = f"no input files matching {options.glob!r}" if options.glob else "no input files"
        yield bad(EmptyInput(root, f"empty directory ({what})"))


def read_all(paths: list[str], options: IngestOptions, stdin: BinaryIO | None) -> Iterator[Document]:
    """Every input of ``paths`` in order; ``-`` is ``stdin`` (or else ``sys.stdin.buffer``)."""
    for path in paths:
        if path == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
        else:
            yield from read_path(path, options)
