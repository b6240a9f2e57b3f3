"""Ingest: turn paths and stdin into :class:`~whimbrel.model.Document` records.

Every input gives a Document. A good one has status ``"pending"``; one that cannot be read has
status ``"failed"`` or ``"skipped"`` (from the :class:`~whimbrel.errors.InputError` subclass that
describes it), a one-line ``reason``, empty ``text`` and ``content_hash``, and the id
``"input:" + sha256(origin)[:16]`` so that a re-run of the same bad input upserts the same row.
Nothing here raises on bad input; only invalid :class:`IngestOptions` raise :class:`ConfigError`.

Formats are told apart by their content first and their name second, the same way for a file
named on the command line, a file in a directory and an archive member: plain text, JSON Lines,
HTML (``markup``), PDF (``pdf``), RSS/Atom (``feeds``), CSV/TSV/Parquet (``tables``), ZIP and
tar archives and gzip files (``archives``) and pages saved by ``whimbrel fetch`` (``fetched``).
Each document's language is detected (``language``); one in another language than those wanted
is skipped with the language in its reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from whimbrel.model import Document
from whimbrel.stages.ingest.common import content_hash, describe, document_from_text, normalise_text
from whimbrel.stages.ingest.language import check_language
from whimbrel.stages.ingest.options import READ_EXTENSIONS, IngestOptions
from whimbrel.stages.ingest.walk import STDIN, read_all

__all__ = [
    "READ_EXTENSIONS",
    "STDIN",
    "IngestOptions",
    "content_hash",
    "describe",
    "document_from_text",
    "normalise_text",
    "read_inputs",
]


def read_inputs(
    paths: Sequence[str], options: IngestOptions, *, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Yield one Document per input (per row, item or member for tables, feeds and archives).

    A path is a file, a directory (walked recursively in sorted order, hidden entries skipped) or
    ``-`` for stdin (``stdin`` or else ``sys.stdin.buffer``). Bad inputs give failed or skipped
    Documents with their reason.
    """
    for doc in read_all(list(paths), options, stdin):
        yield check_language(doc, options.languages)
