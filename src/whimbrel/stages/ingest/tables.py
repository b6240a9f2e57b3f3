"""Tables of articles (CSV, TSV, Parquet): one Document per row.

The columns holding the text, id, date, title and url are named by the ``*_col`` options or found
in the header: the first header (compared case-insensitively) among the candidates below.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from whimbrel.errors import EmptyInput, EncodingInput, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, os_error, too_large
from whimbrel.stages.ingest.metadata import optional_published
from whimbrel.stages.ingest.options import IngestOptions

CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "story",
        "article_text",
        "maintext",
        "notes",
        "summary",
        "description",
    ),
    "id": ("id", "doc_id", "document_id", "article_id", "guid", "uid", "uuid"),
    "date": (
        "published",
        "date",
        "pub_date",
        "publish_date",
        "published_at",
        "date_publish",
        "publication_date",
        "datetime",
        "timestamp",
    ),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "article_url", "href"),
    "source": ("source", "publisher", "outlet", "site", "source_name", "sitename", "domain"),
}
_BATCH_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Columns:
    """Which header holds each field (None: the table has no such column)."""

    text: str
    id: str | None
    date: str | None
    title: str | None
    url: str | None
    source: str | None


def choose_columns(header: Sequence[str], options: IngestOptions, origin: str) -> Columns:
    """The columns to read, from the options or the header; raises MalformedInput naming them."""
    lower = {name.strip().lower(): name for name in header}
    shown = ", ".join(repr(h) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    chosen: dict[str, str | None] = {}
    for field in ("text", "id", "date", "title", "url", "source"):
        asked = getattr(options, f"{field}_col", None)
        if asked is not None:
            if asked not in header and asked.lower() not in lower:
                raise MalformedInput(origin, f"no column {asked!r} for --{field}-col (have: {shown})")
            chosen[field] = asked if asked in header else lower[asked.lower()]
        else:
            chosen[field] = next((lower[c] for c in CANDIDATES[field] if c in lower), None)
    text = chosen.pop("text")
    if text is None:
        raise MalformedInput(origin, f"no text column (have: {shown}); name it with --text-col")
    return Columns(text=text, **chosen)


def _cell(row: Mapping[str, Any], column: str | None) -> str | None:
    if column is None:
        return None
    value = row.get(column)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def row_documents(
    rows: Iterable[Mapping[str, Any]], columns: Columns, origin: str, options: IngestOptions
) -> Iterator[Document]:
    """One Document per row (``ORIGIN:N``, data rows counted from 1)."""
    ids: dict[str, int] = {}
    count = 0
    for n, row in enumerate(rows, start=1):
        count = n
        row_origin = f"{origin}:{n}"
        value = row.get(columns.text)
        text = "" if value is None else str(value)
        if len(text) > options.max_bytes:
            yield bad(too_large(row_origin, len(text), options.max_bytes))
            continue
        doc_id = _cell(row, columns.id)
        if doc_id is not None:
            if doc_id in ids:
                yield bad(MalformedInput(row_origin, f"duplicate id {doc_id!r} (first at row {ids[doc_id]})"))
                continue
            ids[doc_id] = n
        raw_date = row.get(columns.date) if columns.date else None
        try:
            published = optional_published(raw_date, options.published)
        except ValueError as exc:
            yield bad(MalformedInput(row_origin, f"column {columns.date!r}: {exc}"))
            continue
        yield document_from_text(
            text,
            origin=row_origin,
            doc_id=doc_id,
            title=_cell(row, columns.title),
            url=_cell(row, columns.url),
            source=_cell(row, columns.source),
            published=published,
        )
    if count == 0:
        yield bad(EmptyInput(origin, "table with no rows"))


def read_delimited(
    fh: BinaryIO, origin: str, options: IngestOptions, *, delimiter: str
) -> Iterator[Document]:
    """CSV (``delimiter=","``) or TSV rows, streamed."""
    csv.field_size_limit(min(sys.maxsize, options.max_bytes + 1))
    text = io.TextIOWrapper(fh, encoding=options.encoding, newline="")
    try:
        reader = csv.reader(text, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            yield bad(EmptyInput(origin, "empty file"))
            return
        if header:
            header[0] = header[0].removeprefix("\ufeff")
        columns = choose_columns(header, options, origin)
        rows = (dict(zip(header, values, strict=False)) for values in reader if values)
        yield from row_documents(rows, columns, origin, options)
    except MalformedInput as exc:
        yield bad(exc)
    except csv.Error as exc:
        yield bad(MalformedInput(origin, f"malformed table: {exc}"))
    except UnicodeDecodeError as exc:
        yield bad(EncodingInput(origin, f"not valid {options.encoding} ({exc.reason})"))
    except OSError as exc:
        yield bad(os_error(origin, exc))
    finally:
        text.detach()


def read_parquet(fh: BinaryIO, origin: str, options: IngestOptions) -> Iterator[Document]:
    """Parquet rows, read in batches of only the columns needed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(fh)
        header = list(table.schema_arrow.names)
        columns = choose_columns(header, options, origin)
        wanted = [
            c
            for c in dict.fromkeys(
                (columns.text, columns.id, columns.date, columns.title, columns.url, columns.source)
            )
            if c is not None
        ]

        def rows() -> Iterator[dict[str, Any]]:
            for batch in table.iter_batches(batch_size=_BATCH_ROWS, columns=wanted):
                yield from batch.to_pylist()

        yield from row_documents(rows(), columns, origin, options)
    except MalformedInput as exc:
        yield bad(exc)
    except (pa.ArrowException, ValueError) as exc:
        yield bad(MalformedInput(origin, f"cannot read Parquet: {exc}"))
    except OSError as exc:
        yield bad(os_error(origin, exc))
