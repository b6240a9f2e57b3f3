"""RSS and Atom feeds (through feedparser): one Document per item, with its title, link and date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from whimbrel.errors import EmptyInput, InputError, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, os_error
from whimbrel.stages.ingest.markup import fragment_text
from whimbrel.stages.ingest.metadata import optional_published
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.plain import read_whole


def _item_body(entry: Any) -> str:
    """The fullest text an item has: its content, else its summary, as plain paragraphs."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return fragment_text(value)
    return fragment_text(entry.get("summary") or entry.get("description") or "")


def _item_date(entry: Any) -> Any:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return entry[key]
    return entry.get("published") or entry.get("updated")


def read_feed(fh: BinaryIO, origin: str, options: IngestOptions) -> Iterator[Document]:
    """One Document per feed item (``ORIGIN#N``, counting from 1): the title, then the item's text."""
    import feedparser

    try:
        data = read_whole(fh, origin, options)
    except InputError as exc:
        yield bad(exc)
        return
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None and not parsed.get("feed"):
            yield bad(MalformedInput(origin, f"not a readable RSS or Atom feed: {problem}"))
        else:
            yield bad(EmptyInput(origin, "feed with no items"))
        return
    source = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, start=1):
        item_origin = f"{origin}#{n}"
        title = " ".join((entry.get("title") or "").split()) or None
        body = _item_body(entry)
        text = "\n\n".join(part for part in (title, body) if part)
        try:
            published = optional_published(_item_date(entry), options.published)
        except ValueError:
            published = options.published
        yield document_from_text(
            text,
            origin=item_origin,
            title=title,
            url=(entry.get("link") or "").strip() or None,
            source=source,
            published=published,
        )
