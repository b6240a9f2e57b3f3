"""Dates: resolve date expressions against the publication date, with their precision."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache
from typing import Any

from whimbrel.model import DatePrecision, DateValue

# A date expression worth resolving names a day, month, year or a relative day; durations
# ("a year-long", "the past two weeks") and decades are not points in time.
_DATELIKE = re.compile(
    r"\b(\d{1,4}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|tonight|ago)\b",
    re.IGNORECASE,
)
_NOT_A_POINT = re.compile(
    r"-long\b|\b\d+0s\b|\bpast\b|\bfor\b|\bsince\b|\bevery\b|\bdecades?\b", re.IGNORECASE
)
_LEAD = re.compile(r"^(on|in|at|by|the|of|from|until|till|last|this)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})


@lru_cache(maxsize=8192)
def resolve(text: str, published: dt.date | None) -> DateValue | None:
    """The date ``text`` names, relative to ``published`` (today's date when unknown), or None."""
    if not _DATELIKE.search(text) or _NOT_A_POINT.search(text):
        return None
    cleaned = text.strip()
    while _LEAD.match(cleaned) and not re.match(r"^(last|this)\s+\w+$", cleaned, re.IGNORECASE):
        cleaned = _LEAD.sub("", cleaned, count=1)
    if published is None and not re.search(r"\b\d{4}\b", cleaned):
        return None  # without a publication date only absolute dates resolve: the output must not drift
    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    parser = _parser()
    parser._settings.RELATIVE_BASE = base  # dateparser has no per-call settings API
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = parser.get_date_data(cleaned)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if published is not None and day > published:
        return None
    precision: DatePrecision
    if data.period == "year":
        precision, iso = "year", f"{day.year:04d}"
    elif data.period == "month":
        precision, iso = "month", f"{day.year:04d}-{day.month:02d}"
    else:
        precision, iso = "day", day.isoformat()
    if precision == "year" and not re.search(r"\b\d{4}\b", cleaned) and "ago" not in cleaned.lower():
        return None
    return DateValue(iso, precision)
