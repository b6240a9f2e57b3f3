"""Plain text (and anything else read whole): bytes to one Document."""

from __future__ import annotations

from typing import BinaryIO

from whimbrel.errors import InputError
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, os_error, text_from_bytes, too_large
from whimbrel.stages.ingest.options import IngestOptions


def read_whole(fh: BinaryIO, origin: str, options: IngestOptions) -> bytes:
    """Every byte of ``fh``, at most ``max_bytes`` (raises OversizeInput past that, OSError as is)."""
    data = fh.read(options.max_bytes + 1)  # a pipe or a growing file has no reliable size
    if len(data) > options.max_bytes:
        raise too_large(origin, None, options.max_bytes)
    return data


def read_text(fh: BinaryIO, origin: str, options: IngestOptions) -> list[Document]:
    """One Document of the whole text of ``fh``."""
    try:
        text = text_from_bytes(read_whole(fh, origin, options), origin, options.encoding)
    except InputError as exc:
        return [bad(exc)]
    except OSError as exc:
        return [bad(os_error(origin, exc))]
    return [document_from_text(text, origin=origin, published=options.published)]
