"""Pages saved by ``whimbrel fetch``: one JSON file per URL, the body with its HTTP metadata.

The file is a JSON object whose first key is ``whimbrel_fetch`` (the format version, 1), with
``url`` (as asked), ``final_url`` (after redirects), ``fetched_at`` (UTC, ISO 8601),
``status``, ``content_type``, and the body as ``text`` (decoded) or ``base64`` (a PDF).
``run`` reads the body with the reader its content type calls for, offline.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from whimbrel.errors import InputError, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, normalise_text, os_error
from whimbrel.stages.ingest.markup import page_document
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.pdf import read_pdf
from whimbrel.stages.ingest.plain import read_whole

FETCH_VERSION = 1


def envelope(
    *, url: str, final_url: str, fetched_at: str, status: int, content_type: str, body: bytes, charset: str
) -> dict[str, Any]:
    """The JSON object ``whimbrel fetch`` writes for one page (keys in a fixed order)."""
    record: dict[str, Any] = {
        "whimbrel_fetch": FETCH_VERSION,
        "url": url,
        "final_url": final_url,
        "fetched_at": fetched_at,
        "status": status,
        "content_type": content_type,
    }
    if content_type.startswith(("text/", "application/xhtml", "application/xml", "application/rss")):
        record["text"] = body.decode(charset or "utf-8", errors="replace")
    else:
        record["base64"] = base64.b64encode(body).decode("ascii")
    return record


def read_fetched(fh: BinaryIO, origin: str, options: IngestOptions) -> Iterator[Document]:
    """The Document(s) of one fetched page, with its url kept as the document's url."""
    try:
        raw = read_whole(fh, origin, options)
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedInput(origin, f"damaged fetch file: {exc}") from None
        if not isinstance(record, dict) or record.get("whimbrel_fetch") != FETCH_VERSION:
            raise MalformedInput(origin, "not a whimbrel fetch file of version 1")
        url = str(record.get("final_url") or record.get("url") or "") or None
        kind = str(record.get("content_type") or "")
        if "base64" in record:
            try:
                body = base64.b64decode(str(record["base64"]), validate=True)
            except (binascii.Error, ValueError):
                raise MalformedInput(origin, "damaged fetch file: bad base64 body") from None
        else:
            body = str(record.get("text") or "").encode("utf-8")
    except InputError as exc:
        yield bad(exc)
        return
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    if "pdf" in kind or body.startswith(b"%PDF-"):
        for doc in read_pdf(io.BytesIO(body), origin, options):
            yield replace(doc, url=url) if doc.status == "pending" else doc
    elif "html" in kind or body.lstrip()[:1] == b"<":
        yield page_document(body, origin, options, url=url)
    else:
        yield document_from_text(
            normalise_text(body.decode("utf-8")), origin=origin, url=url, published=options.published
        )
