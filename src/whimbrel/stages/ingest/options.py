"""IngestOptions: how inputs are read (limits, encodings, table columns, languages)."""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass

from whimbrel.errors import ConfigError

READ_EXTENSIONS: tuple[str, ...] = (
    *(".txt", ".md", ".text", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xhtml", ".pdf"),
    *(".rss", ".atom", ".xml", ".csv", ".tsv", ".tab", ".parquet", ".zip", ".tar", ".tgz", ".gz"),
)
"""The suffixes read from directories by default: every format ingest knows."""


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read.

    ``published`` is the date given to documents whose format carries none (plain text, a PDF
    without a creation date, a table row with an empty date). ``max_bytes`` limits a file (checked
    with ``stat`` before reading), an archive member, a JSONL line and a table row. ``extensions``
    are the suffixes read from directories (case-insensitive) besides files whose content shows
    a known format; files named explicitly are always read. ``glob`` keeps only the directory
    entries whose path below the directory (or whose name) matches it.

    The ``*_col`` options name table columns (CSV, TSV, Parquet); left as None they are found from
    the header. Archives are refused when they hold more than ``max_archive_members`` members or
    expand to more than ``max_archive_bytes``. Documents whose detected language is not one of
    ``languages`` are skipped with the language in the reason (an empty tuple turns detection
    off). ``exclude`` lists files never read (the store's own files).
    """

    published: dt.date | None = None
    encoding: str = "utf-8"
    max_bytes: int = 10_000_000
    extensions: tuple[str, ...] = READ_EXTENSIONS
    glob: str | None = None
    text_col: str | None = None
    id_col: str | None = None
    date_col: str | None = None
    title_col: str | None = None
    url_col: str | None = None
    max_archive_bytes: int = 200_000_000
    max_archive_members: int = 10_000
    languages: tuple[str, ...] = ("en",)
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ConfigError(f"unknown encoding {self.encoding!r}") from None
        for name in ("max_bytes", "max_archive_bytes", "max_archive_members"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be positive, got {getattr(self, name)}")
        for ext in self.extensions:
            if not ext.startswith(".") or len(ext) < 2:
                raise ConfigError(f"extension {ext!r} must look like '.txt'")
        for lang in self.languages:
            if not (2 <= len(lang) <= 3 and lang.isalpha() and lang.islower()):
                raise ConfigError(f"language {lang!r} must be an ISO 639 code such as 'en'")
