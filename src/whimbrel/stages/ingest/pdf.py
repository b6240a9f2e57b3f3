"""PDF: the text layer of every page (through pypdf), pages joined by a blank line."""

from __future__ import annotations

import io
import logging
from typing import Any, BinaryIO

from whimbrel.errors import EmptyInput, InputError, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, os_error
from whimbrel.stages.ingest.metadata import optional_published
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.plain import read_whole

PAGE_BREAK = "\n\n"
"""What joins two pages' text; offsets are into the joined text, so page ``i`` starts after ``i``
breaks plus the text of the pages before it."""

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every odd object it repairs


def pdf_text(data: bytes, origin: str) -> tuple[list[str], dict[str, str]]:
    """Each page's text and the document's info (title, date), or raise an InputError."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise MalformedInput(origin, "encrypted PDF (no text can be read without its password)")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta: Any = reader.metadata or {}
        info = {
            "title": str(meta.get("/Title") or "").strip(),
            "date": str(meta.get("/CreationDate") or "").strip(),
        }
    except PdfReadError as exc:
        raise MalformedInput(origin, f"cannot read PDF: {exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:  # damaged structure
        raise MalformedInput(origin, f"cannot read PDF: {type(exc).__name__}: {exc}") from None
    return pages, info


def _pdf_date(raw: str) -> str | None:
    """The ISO day of a PDF date string ``D:YYYYMMDD...``, or None."""
    digits = raw.removeprefix("D:")[:8]
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return None


def read_pdf(fh: BinaryIO, origin: str, options: IngestOptions) -> list[Document]:
    """One Document of a PDF's text layer; a scanned PDF without one is skipped with that reason."""
    try:
        data = read_whole(fh, origin, options)
        pages, info = pdf_text(data, origin)
        if not any(page.strip() for page in pages):
            n = len(pages)
            raise EmptyInput(
                origin, f"no text layer in {n} page{'s' if n != 1 else ''} (a scanned PDF? run OCR first)"
            )
    except InputError as exc:
        return [bad(exc)]
    except OSError as exc:
        return [bad(os_error(origin, exc))]
    try:
        published = optional_published(_pdf_date(info["date"]), options.published)
    except ValueError:
        published = options.published
    return [
        document_from_text(
            PAGE_BREAK.join(pages), origin=origin, title=info["title"] or None, published=published
        )
    ]
