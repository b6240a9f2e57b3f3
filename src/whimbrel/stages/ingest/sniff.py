"""Which reader an input needs: by its leading bytes first, then by its file name."""

from __future__ import annotations

import os
import re
from typing import Literal

Format = Literal[
    "text",
    "jsonl",
    "html",
    "pdf",
    "feed",
    "csv",
    "tsv",
    "parquet",
    "zip",
    "tar",
    "gzip",
    "fetched",
    "duckdb",
    "json",
]

SNIFF_BYTES = 8192

STREAMED: frozenset[Format] = frozenset({"jsonl", "csv", "tsv", "parquet", "zip", "tar", "gzip"})
"""Formats read row by row or member by member: their file size is not limited by ``max_bytes``."""

_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".zip": "zip",
    ".tar": "tar",
    ".tgz": "tar",
    ".gz": "gzip",
}
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"^(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
FETCH_MARK = b'{"whimbrel_fetch":'


def by_name(name: str) -> Format | None:
    """The format a file name suggests (``.tar.gz`` is a tar archive), or None."""
    lower = name.lower()
    if lower.endswith(".tar.gz"):
        return "tar"
    return _BY_SUFFIX.get(os.path.splitext(lower)[1])


def by_content(head: bytes) -> Format | None:
    """The format the first bytes show beyond doubt, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head[8:12] == b"DUCK":
        return "duckdb"
    if head[257:262] == b"ustar":
        return "tar"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(FETCH_MARK):
        return "fetched"
    if text.startswith(b"<?xml") and _FEED_ROOT.search(text):
        return "feed"
    if _FEED_ROOT.match(text):
        return "feed"
    if _HTML_START.match(text):
        return "html"
    return None


def sniff(name: str, head: bytes) -> Format:
    """The reader for an input called ``name`` that starts with ``head``."""
    found = by_content(head)
    if found is not None:
        return found
    named = by_name(name)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if named in {"html", "feed"} and not text.startswith(b"<"):
        return "text"  # a page saved as plain text keeps its extension but has no markup
    if named is not None:
        return named
    if text.startswith(b"{"):
        return "jsonl"
    return "text"
