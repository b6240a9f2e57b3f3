"""Dates: resolve date expressions against the publication date, with their precision.

Wire copy names days relative to when it is filed. A weekday means the publication day when it is that
weekday, otherwise the latest such day before it ("Police arrested 12 people on Tuesday", filed on a
Tuesday, is that Tuesday; dateparser's ``PREFER_DATES_FROM='past'`` reads it a week early). Each value
also carries its forward reading (``ahead``): the day a planned event ("will meet on Friday") is planned
for. An expression that can only name a later day ("tomorrow", "next week") is dated at publication, when
it was said, with the later day in ``ahead``. Ranges ("since October", "last week") keep their last day in
``end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from functools import lru_cache
from typing import Any

from whimbrel.model import DatePrecision, DateValue, Document, Sentence

# A date expression worth resolving names a day, month, year or a relative day; durations
# ("a year-long", "the past two weeks") and decades are not points in time.
_DATELIKE = re.compile(
    r"\b(\d{1,4}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|tonight|tomorrow|ago|week|weekend|month|year|night|morning|afternoon|"
    r"evening)\b",
    re.IGNORECASE,
)
_NOT_A_POINT = re.compile(r"-long\b|\b\d+0s\b|\bpast\b|\bfor\b|\bevery\b|\bdecades?\b", re.IGNORECASE)
_LEAD = re.compile(r"^(on|in|at|by|the|of|until|till|during)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY = re.compile(rf"^(?:(last|this|next|early|late)\s+)?({'|'.join(WEEKDAYS)}){_PART_OF_DAY}$")
_SINCE = re.compile(r"^since\s+(.+)$")
_SPAN = re.compile(r"^(?:from|between)\s+(.+?)\s+(?:to|until|till|through|and)\s+(.+)$")
_DAY = dt.timedelta(days=1)


def resolve(text: str, published: dt.date | None) -> DateValue | None:
    """The date ``text`` names, relative to ``published``, or None.

    Without a publication date only absolute dates resolve, so the output cannot drift with the day
    the run happens on.
    """
    cleaned = _SPACE.sub(" ", text.strip().lower())
    while _LEAD.match(cleaned):
        cleaned = _LEAD.sub("", cleaned, count=1)
    return _resolve(cleaned, published)


@lru_cache(maxsize=8192)
def _resolve(cleaned: str, published: dt.date | None) -> DateValue | None:
    if not _DATELIKE.search(cleaned) or _NOT_A_POINT.search(cleaned):
        return None
    span = _range(cleaned, published)
    if span is not None:
        return span
    if cleaned.startswith(("since ", "from ", "between ")):
        return None  # a range whose ends do not both resolve
    if published is not None:
        relative = _relative(cleaned, published)
        if relative is not None:
            return relative
    return _parsed(cleaned, published)


def _range(cleaned: str, published: dt.date | None) -> DateValue | None:
    """ "since October" (to publication), "from March to May", "between 3 and 5 May"."""
    since = _SINCE.match(cleaned)
    if since is not None:
        start = _resolve(since.group(1), published)
        if start is None or start.precision == "publication" or published is None:
            return None
        return DateValue(start.iso, start.precision, end=published.isoformat())
    span = _SPAN.match(cleaned)
    if span is None:
        return None
    first, last = span.group(1), span.group(2)
    if first.isdigit() and not last.isdigit():  # "between 3 and 5 May": the first day takes the month
        month = re.sub(r"^\d{1,2}\s+|\s+\d{1,2}$", "", last)
        first = f"{first} {month}" if re.match(r"^\d", last) else f"{month} {first}"
    start, end = _resolve(first, published), _resolve(last, published)
    if start is None or end is None or "publication" in (start.precision, end.precision):
        return None
    if start.iso > end.iso:
        return None
    return DateValue(start.iso, start.precision, end=last_day(end))


def last_day(value: DateValue) -> str:
    """The last ISO day a value covers: its range's end, or the last day of its month or year."""
    if value.end is not None:
        return value.end
    parts = [int(p) for p in value.iso.split("-")]
    if len(parts) == 3:
        return value.iso
    year = parts[0]
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _day(day: dt.date) -> DateValue:
    return DateValue(day.isoformat(), "day")


def _said(published: dt.date, ahead: dt.date) -> DateValue:
    """A day after publication: dated when it was said, the later day kept for a planned event."""
    return DateValue(published.isoformat(), "publication", ahead=ahead.isoformat())


def _relative(cleaned: str, published: dt.date) -> DateValue | None:
    """Days, weeks, months and years named relative to the publication date."""
    weekday = _WEEKDAY.match(cleaned)
    if weekday is not None:
        return _weekday(weekday.group(1), WEEKDAYS.index(weekday.group(2)), published)
    # "late last night", "early on Monday": the time of day does not change the day
    cleaned = re.sub(r"^(?:late|early)\s+(?:on\s+)?(?=\w)", "", cleaned)
    weekday = _WEEKDAY.match(cleaned)
    if weekday is not None:
        return _weekday(weekday.group(1), WEEKDAYS.index(weekday.group(2)), published)
    words = cleaned.removeprefix("earlier ").removeprefix("later ")
    earlier = cleaned.startswith("earlier ")
    if re.fullmatch(rf"(today|tonight|this (morning|afternoon|evening)){_PART_OF_DAY}", cleaned):
        return _day(published)
    if re.fullmatch(rf"(yesterday{_PART_OF_DAY}|last night|overnight)", cleaned):
        return _day(published - _DAY)
    if cleaned == "the day before yesterday":
        return _day(published - 2 * _DAY)
    if re.fullmatch(rf"tomorrow{_PART_OF_DAY}", cleaned):
        return _said(published, published + _DAY)
    monday = published - dt.timedelta(days=published.weekday())
    if words in {"this week", "the week"}:
        end = published - _DAY if earlier and published > monday else published
        return DateValue(monday.isoformat(), "day", end=end.isoformat())
    if words == "last week":
        start = monday - 7 * _DAY
        return DateValue(start.isoformat(), "day", end=(start + 6 * _DAY).isoformat())
    if words in {"last weekend", "the weekend", "this weekend", "over the weekend"}:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if words == "last weekend" and saturday + _DAY >= published:
            saturday -= 7 * _DAY
        end = min(saturday + _DAY, published)
        return DateValue(saturday.isoformat(), "day", end=end.isoformat())
    if words == "next week":
        return _said(published, monday + 7 * _DAY)
    month = f"{published.year:04d}-{published.month:02d}"
    if words == "this month":
        until = (published - _DAY).isoformat() if earlier and published.day > 1 else None
        return DateValue(month, "month", end=until)
    if words == "last month":
        prev = published.replace(day=1) - _DAY
        return DateValue(f"{prev.year:04d}-{prev.month:02d}", "month")
    if words == "this year":
        if not earlier:
            return None  # "this year" alone is a period of reporting, not an event's date
        return DateValue(f"{published.year:04d}", "year", end=(published - _DAY).isoformat())
    if words == "last year":
        return DateValue(f"{published.year - 1:04d}", "year")
    return None


def _weekday(which: str | None, day: int, published: dt.date) -> DateValue:
    """A weekday: the publication day when it is that day, else the latest such day before; forwards,
    the next such day after publication. "last Friday" is never the publication day, "next Friday" is
    always ahead."""
    back = (published.weekday() - day) % 7
    forward = (day - published.weekday()) % 7 or 7
    ahead = published + dt.timedelta(days=forward)
    if which == "next":
        return _said(published, ahead)
    if which == "last":
        back = back or 7
    value = published - dt.timedelta(days=back)
    return DateValue(value.isoformat(), "day", ahead=ahead.isoformat())


@lru_cache(maxsize=2)
def _parser(prefer: str = "past") -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": prefer})


def _parse(cleaned: str, base: dt.date, prefer: str) -> Any:
    parser = _parser(prefer)
    parser._settings.RELATIVE_BASE = dt.datetime.combine(base, dt.time())  # no per-call settings API
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parser.get_date_data(cleaned)


def _parsed(cleaned: str, published: dt.date | None) -> DateValue | None:
    """Absolute dates, and the relative ones dateparser knows ("three days ago"), by dateparser."""
    has_year = re.search(r"\b\d{4}\b", cleaned) is not None
    if published is None and not has_year:
        return None
    data = _parse(cleaned, published or dt.date(2000, 1, 1), "past")
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision: DatePrecision
    if data.period == "year":
        precision, iso = "year", f"{day.year:04d}"
    elif data.period == "month":
        precision, iso = "month", f"{day.year:04d}-{day.month:02d}"
    else:
        precision, iso = "day", day.isoformat()
    if precision == "year" and not has_year and "ago" not in cleaned:
        return None
    if published is None:
        return DateValue(iso, precision)
    if day > published:
        # Only a plan can name a day after publication: dated when it was said.
        return DateValue(published.isoformat(), "publication", ahead=iso if precision == "day" else None)
    ahead = None
    if precision == "day" and not has_year and "ago" not in cleaned:
        forward = _parse(cleaned, published, "future").date_obj
        if forward is not None and forward.date() > published:
            ahead = forward.date().isoformat()
    return DateValue(iso, precision, ahead=ahead)


_RANGE_WORDS = frozenset({"since", "from", "between"})
# Times of day that name a day ("last night", "this morning", "Tuesday evening"); a clock time does not.
_DAY_TIME = re.compile(
    rf"^((late|early)\s+)?(last night|overnight|(this|yesterday|tomorrow|{'|'.join(WEEKDAYS)}) "
    r"(morning|afternoon|evening|night)|tonight)$",
    re.IGNORECASE,
)


def date_phrases(sentence: Sentence) -> list[tuple[int, int, str]]:
    """The date expressions of a sentence as ``(token start, token end, text)``: its DATE entities, its
    TIME entities that name a day ("last night"), each with a range word before it ("since October")."""
    tokens = sentence.tokens
    found = []
    for ent in sentence.entities:
        if ent.label == "TIME" and not _DAY_TIME.match(ent.text):
            continue
        if ent.label not in {"DATE", "TIME"}:
            continue
        start, text = ent.start, ent.text
        before = tokens[start - 1] if start > 0 else None
        if (
            before is not None
            and before.text.lower() in _RANGE_WORDS
            and not text.lower().startswith(tuple(_RANGE_WORDS))
        ):
            start, text = start - 1, f"{before.text} {text}"
        found.append((start, ent.end, text))
    return found


def reference_day(doc: Document) -> dt.date | None:
    """The day relative dates are read from: publication, else a dateline's full date."""
    if doc.published is not None:
        return doc.published
    fallback = doc.fallback_date
    if fallback is not None and fallback.precision == "day":
        return dt.date.fromisoformat(fallback.iso)
    return None
