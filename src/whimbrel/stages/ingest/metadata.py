"""Publication dates from the metadata of a format (ISO strings, RFC 2822 feed dates, columns)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Any

_FORMS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y%m%d")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_published(value: Any) -> dt.date:
    """The date of a metadata value; raises ValueError naming the value when it is not a date.

    Takes a date or datetime, a ``time.struct_time`` (feedparser), an ISO 8601 string (a date, or
    a date and time with or without a zone), an RFC 2822 date ("Tue, 10 Oct 2023 08:00:00 GMT"),
    and a few spelled-out forms ("10 October 2023", "October 10, 2023", "2023/10/10").
    Day-first and month-first numeric forms ("10/11/2023") are refused as ambiguous.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        raise ValueError(f"bad published date {value!r} (expected an ISO date string)")
    text = value.strip()
    if _ISO_START.match(text):
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:  # "2023-10-10 08:00:00 +0000" and other near-ISO forms: the day is what counts
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                raise ValueError(f"bad published date {value!r} (expected ISO 8601)") from None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for form in _FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(f"bad published date {value!r} (expected ISO 8601, e.g. 2023-10-10)")


def optional_published(value: Any, fallback: dt.date | None) -> dt.date | None:
    """``parse_published`` for a value that may be missing (None or blank): then ``fallback``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback
    return parse_published(value)
