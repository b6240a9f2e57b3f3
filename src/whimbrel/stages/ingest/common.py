"""What every reader shares: text normalisation, hashing, documents for bad inputs, decoding.

Text is normalised once, here: byte-order mark removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``,
Unicode NFC. All later character offsets refer to the normalised text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import unicodedata

from whimbrel.errors import (
    BinaryInput,
    EmptyInput,
    EncodingInput,
    InputError,
    MalformedInput,
    MissingInput,
    OversizeInput,
)
from whimbrel.model import Document, DocumentStatus

STDIN_ORIGIN = "<stdin>"

# Leading bytes of binary formats no reader takes, for a clearer reason than "NUL bytes".
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
        return bad(EmptyInput(origin, "empty text"))
    try:
        digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        return bad(
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


# ---------------------------------------------------------------- documents for bad inputs


def input_id(origin: str) -> str:
    """The id of a document that could not be read: stable for the same origin."""
    return "input:" + hashlib.sha256(origin.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def skip(origin: str, reason: str) -> Document:
    """A skipped Document for an input that is not an error but is not read either."""
    return Document(
        id=input_id(origin), text="", content_hash="", origin=origin, status="skipped", reason=reason
    )


def bad(error: InputError) -> Document:
    """The failed or skipped Document of an input error."""
    status: DocumentStatus = "skipped" if error.status == "skipped" else "failed"
    return Document(
        id=input_id(error.origin),
        text="",
        content_hash="",
        origin=error.origin,
        status=status,
        reason=error.reason,
    )


def os_error(origin: str, exc: OSError) -> InputError:
    """The input error of an OSError met while reading ``origin``."""
    if isinstance(exc, FileNotFoundError):
        return MissingInput(origin, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(origin, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(origin, "is a directory")
    return InputError(origin, f"cannot read: {exc.strerror or exc}")


def human_size(n: int) -> str:
    """A byte count for a reason: ``512 bytes``, ``1.5 kB``, ``20.0 MB``, ``1.1 GB``."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1e3:.1f} kB"
    if n < 1_000_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e9:.1f} GB"


def too_large(origin: str, size: int | None, limit: int, what: str = "too large") -> OversizeInput:
    """Oversize; ``size`` is None when only "more than the limit" is known (a stream)."""
    shown_limit = human_size(limit)
    if size is None:
        return OversizeInput(origin, f"{what}: more than the {shown_limit} limit")
    shown = human_size(size)
    if shown == shown_limit:  # e.g. 10,000,001 bytes vs 10,000,000: both "10.0 MB"
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return OversizeInput(origin, f"{what}: {shown} > limit {shown_limit}")


# ---------------------------------------------------------------- bytes → text


def is_wide_codec(encoding: str) -> bool:
    """True for UTF-16 and UTF-32, whose text is full of NUL bytes."""
    name = codecs.lookup(encoding).name
    return name.startswith(("utf-16", "utf-32"))


def binary_kind(data: bytes, encoding: str) -> str | None:
    """Why ``data`` (a whole input or its first bytes) looks binary, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data and not is_wide_codec(encoding) and not data.startswith(_UTF16_BOMS):
        return "NUL bytes"
    return None


def decode(data: bytes, origin: str, encoding: str, *, offset: int = 0) -> str:
    """Strictly decode ``data``; ``offset`` is where it starts in its file, for the reason."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "latin-1" if codecs.lookup(encoding).name == "utf-8" else "utf-8"
        raise EncodingInput(
            origin, f"not valid {encoding} at byte {offset + exc.start} (try --encoding {hint})"
        ) from None


def text_from_bytes(data: bytes, origin: str, encoding: str) -> str:
    """Checks and decoding shared by plain files and stdin; raises an InputError."""
    if not data:
        raise EmptyInput(origin, "empty file")
    kind = binary_kind(data, encoding)
    if kind is not None:
        raise BinaryInput(origin, f"binary file ({kind})")
    if data.startswith(_UTF16_BOMS) and not is_wide_codec(encoding):
        raise EncodingInput(origin, "looks like UTF-16 (byte-order mark) (try --encoding utf-16)")
    text = normalise_text(decode(data, origin, encoding))
    if not text.strip():
        raise EmptyInput(origin, "empty file (whitespace only)")
    return text
