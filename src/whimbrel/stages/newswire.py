"""Newswire: read a report's dateline, bylines, credits and boilerplate as document metadata.

Runs after ``passages`` and before ``nlp``. Metadata paragraphs get a ``role`` and are not parsed; the
dateline is cut from the front of its paragraph, and a closing "(Reporting by ...)" from the back, so
neither can be an actor or an event. The dateline's date becomes the document's ``fallback_date``; its
place is kept as written in ``doc.dateline.place`` (with its offsets) for the places stage to resolve
into ``doc.fallback_place``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from whimbrel import dates
from whimbrel.model import Dateline, DateValue, Document, Passage
from whimbrel.newswire import line_role, read_dateline, trailing_sign_off
from whimbrel.stages.base import Resources, Stage, StageConfig

# The dateline opens the report: it is looked for in its first reporting paragraphs only (a title or
# a standfirst may come before it).
_DATELINE_WINDOW = 3
_FILING_SLACK_DAYS = 2


class NewswireConfig(StageConfig):
    """``[stages.newswire]``."""

    # Read the dateline ("CITY, Month Day (Agency) -") as the document's filing place and date.
    datelines: bool = True
    # Bylines, sign-offs, photo credits and boilerplate lines are metadata, never parsed or coded.
    metadata_lines: bool = True


class Newswire(Stage):
    """Datelines, bylines, sign-offs, photo credits and boilerplate as metadata, never as reporting."""

    name = "newswire"
    requires = frozenset({"passages"})
    provides = frozenset({"newswire"})
    Config = NewswireConfig

    def __init__(self, config: NewswireConfig | None = None) -> None:
        config = config or NewswireConfig()
        self.datelines = config.datelines
        self.metadata_lines = config.metadata_lines

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Newswire:
        """Build from ``[stages.newswire]``."""
        return cls(NewswireConfig.read(cfg, cls.name))

    def process(self, doc: Document) -> Document:
        """Mark the metadata of ``doc`` and read its dateline."""
        passages = list(doc.passages)
        if self.metadata_lines:
            passages = [_with_role(doc.text, p) for p in passages]
        dateline = None
        if self.datelines:
            reporting = [k for k, p in enumerate(passages) if p.role is None][:_DATELINE_WINDOW]
            for k in reporting:
                p = passages[k]
                dateline = read_dateline(doc.text[p.start : p.end], p.start)
                if dateline is not None:
                    passages[k] = _after(doc.text, p, dateline)
                    break
        if dateline is None and passages == list(doc.passages):
            return doc
        dated = _dated(dateline, doc.published)
        return replace(
            doc,
            passages=tuple(passages),
            dateline=dated,
            fallback_date=doc.fallback_date or (dated.date if dated is not None else None),
        )


def _with_role(text: str, passage: Passage) -> Passage:
    """The passage with its metadata role, or cut before a sign-off that closes it."""
    if passage.role is not None:
        return passage
    chunk = text[passage.start : passage.end]
    role = line_role(chunk)
    if role is not None:
        return replace(passage, role=role)
    cut = trailing_sign_off(chunk)
    if cut is not None:
        return replace(passage, end=passage.start + len(chunk[:cut].rstrip()))
    return passage


def _after(text: str, passage: Passage, dateline: Dateline) -> Passage:
    """The passage from the first word after its dateline; all metadata when nothing follows."""
    start = dateline.end
    while start < passage.end and text[start].isspace():
        start += 1
    if start >= passage.end:
        return replace(passage, role="dateline")
    return replace(passage, start=start)


def _dated(dateline: Dateline | None, published: dt.date | None) -> Dateline | None:
    """The dateline with its date resolved: against publication, else only when it names a year."""
    if dateline is None or dateline.date_text is None:
        return dateline
    value = dates.resolve(dateline.date_text, published)
    if value is None or value.precision not in {"day", "publication"}:
        return dateline
    iso = value.iso if value.precision == "day" else value.ahead
    # filed a day or two after the date the page carries (time zones, late pages): that day
    ahead = value.ahead
    if ahead is not None and published is not None and _days_after(ahead, published) <= _FILING_SLACK_DAYS:
        iso = ahead
    return dateline if iso is None else replace(dateline, date=DateValue(iso, "day"))


def _days_after(iso: str, day: dt.date) -> int:
    return (dt.date.fromisoformat(iso) - day).days
