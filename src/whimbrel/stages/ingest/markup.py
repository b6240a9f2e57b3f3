"""HTML: a saved web page's main text (through trafilatura) with its title, date, site and url."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any, BinaryIO

from whimbrel.errors import EmptyInput, InputError, MalformedInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, document_from_text, os_error
from whimbrel.stages.ingest.metadata import optional_published
from whimbrel.stages.ingest.options import IngestOptions
from whimbrel.stages.ingest.plain import read_whole

# Only the page's own metadata gives its date: no guessing from the body text or from today.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
    | {"table", "section", "article", "header", "footer", "pre"}
)
_DROP = ("script", "style", "noscript", "template")

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)  # their warnings about odd markup are not ours


def extract_page(html: bytes | str, origin: str, *, url: str | None = None) -> Any:
    """Trafilatura's extraction of a page (main text and metadata), or raise an InputError."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # markup lxml cannot build a tree from
        raise MalformedInput(origin, f"cannot parse HTML: {exc}") from None
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise EmptyInput(origin, "no main text found in the HTML page")
    return result


def page_document(
    html: bytes | str, origin: str, options: IngestOptions, *, url: str | None = None
) -> Document:
    """The Document of an HTML page: its main text only, with title, date, site name and url."""
    try:
        page = extract_page(html, origin, url=url)
        published: dt.date | None = options.published
        # A malformed date in the page's metadata is not worth losing the page for.
        with contextlib.suppress(ValueError):
            published = optional_published(page.date, options.published)
    except InputError as exc:
        return bad(exc)
    return document_from_text(
        page.text,
        origin=origin,
        title=page.title or None,
        url=page.url or url or None,
        source=page.sitename or page.hostname or None,
        published=published,
    )


def read_html(fh: BinaryIO, origin: str, options: IngestOptions) -> list[Document]:
    """One Document of a saved HTML page."""
    try:
        data = read_whole(fh, origin, options)
    except InputError as exc:
        return [bad(exc)]
    except OSError as exc:
        return [bad(os_error(origin, exc))]
    if not data.strip():
        return [bad(EmptyInput(origin, "empty file"))]
    return [page_document(data, origin, options)]


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's summary), one paragraph per block element."""
    import lxml.html
    from lxml import etree

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.strip()
    for bad_el in root.iter(*_DROP):
        bad_el.drop_tree()
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n\n")
            if el is not root and el.tail:
                parts.append(el.tail)
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
