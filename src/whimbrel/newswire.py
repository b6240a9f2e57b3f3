"""News structure: the dateline, bylines, credits and boilerplate of a wire report, read as metadata.

A wire report opens with a dateline ("CITY, Month Day (Agency) -"). Its place and date are where and
when the report was filed, the document's fallback place and date; its agency is the report's source.
Bylines ("By Jane Roe"), photo credits, "Reporting by ...; Editing by ..." sign-offs and publishing
boilerplate ("Sign up for our newsletter") are no reporting at all. None of them is an actor or an event:
the newswire stage marks them, and the NLP stage does not parse them.
"""

from __future__ import annotations

import re

from whimbrel.model import Dateline

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
# A place in capitals ("KYIV", "GAZA CITY", "N'DJAMENA"), then optionally ", Country" or ", State"
# in any case; the place must not be a month, which would make a date a dateline.
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_NAME = r"[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,3}"
_AGENCY = r"[A-Z][A-Za-z&'’.\-]*(?:\s+[A-Za-z&'’.\-]+){0,4}"
_DASH = r"(?:-{1,2}|—|–)"
_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE})(?P<region>(?:,\s*{_NAME})*?)"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"\s*(?:\((?P<agency>{_AGENCY})\))?"
    rf"\s*(?:/(?P<wire>[^/\n]{{1,40}})/)?"
    rf"\s*{_DASH}\s+(?=[\"“'‘(]?[A-Z0-9])"
)
# A title-case place needs an agency or a date to be a dateline: "Kyiv, Feb 20 (Reuters) -".
_TITLED_DATELINE = re.compile(
    rf"^(?P<place>{_NAME})(?P<region>(?:,\s*{_NAME})*?)"
    rf"(?:(?:,\s*(?P<date>{_DATE}))?\s*\((?P<agency>{_AGENCY})\)|,\s*(?P<date2>{_DATE}))"
    rf"\s*{_DASH}\s+(?=[\"“'‘(]?[A-Z0-9])"
)
_AGENCY_ONLY = re.compile(rf"^\((?P<agency>{_AGENCY})\)\s*{_DASH}\s+(?=\S)")
_NOT_PLACES = re.compile(rf"^(?:{_MONTH}|UPDATE|BREAKING|EXCLUSIVE|ANALYSIS|FACTBOX|WRAPUP|EDITORS?)\b", re.I)

_BYLINE = re.compile(
    rf"^by\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|/–—-]\s*{_NAME})?\s*$", re.IGNORECASE
)
_SIGN_OFF = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|translated|written)"
    r"(?:\s+and\s+\w+)?\s+by\b[^\n]*$",
    re.IGNORECASE,
)
_TRAILING_SIGN_OFF = re.compile(
    r"\s*(?:\(\s*(?:additional\s+)?(?:reporting|writing|editing)(?:\s+and\s+\w+)?\s+by\b[^()]*\)|"
    r"\n\s*(?:additional\s+)?(?:reporting|writing|editing)(?:\s+and\s+\w+)?\s+by\b[^\n]*)\s*$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:(?:file\s+)?(?:photo|picture|image|photograph|video)(?:\s+credit)?s?\s*(?:by|:)|"
    r"credit\s*:)|(?:\b(?:REUTERS|AFP|AP|EPA|GETTY IMAGES|ANADOLU)\s*/\s*[A-Z][\w .'-]*|"
    r"\bvia getty images|\(photo[^)]*\))\s*$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:advertisement|sign up\b|subscribe\b|read more\b|related\s*:|our standards\s*:|copyright\b|©|"
    r"all rights reserved|share this (?:article|story)|follow (?:us|\w+) on\b|click here\b|"
    r"get the latest\b|this (?:story|article) (?:has been|was) (?:corrected|updated)|"
    r"listen to this article|recommended stories)",
    re.IGNORECASE,
)
_MAX_METADATA_CHARS = 300  # a longer paragraph is reporting, whatever it starts with


def read_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline opening ``text`` (which starts at document offset ``start``), or None."""
    match = _DATELINE.match(text)
    if match is not None and _NOT_PLACES.match(match.group("place")):
        match = None
    if match is not None and len(re.sub(r"[^A-Z]", "", match.group("place"))) < 2:
        match = None
    date_group = "date"
    if match is None:
        match = _TITLED_DATELINE.match(text)
        if match is not None and _NOT_PLACES.match(match.group("place")):
            match = None
        if match is not None and match.group("date") is None:
            date_group = "date2"
    if match is None:
        agency_only = _AGENCY_ONLY.match(text)
        if agency_only is None:
            return None
        end = agency_only.end()
        head = text[:end].rstrip()
        return Dateline(start, start + len(head), head, agency=agency_only.group("agency"))
    end = match.end()
    head = text[:end].rstrip()
    place_end = match.end("region") if match.group("region") else match.end("place")
    place = text[match.start("place") : place_end]
    agency = match.group("agency") or match.groupdict().get("wire")
    return Dateline(
        start,
        start + len(head),
        head,
        place=place,
        place_start=start + match.start("place"),
        place_end=start + place_end,
        date_text=match.group(date_group),
        agency=agency.strip() if agency else None,
    )


def line_role(text: str) -> str | None:
    """What a whole paragraph is when it is metadata: "byline", "sign-off", "credit", "boilerplate"."""
    line = text.strip()
    if not line or len(line) > _MAX_METADATA_CHARS:
        return None
    if _BYLINE.match(line):
        return "byline"
    if _SIGN_OFF.match(line):
        return "sign-off"
    if _CREDIT.search(line) and len(line) < 160:
        return "credit"
    if _BOILERPLATE.match(line):
        return "boilerplate"
    return None


def trailing_sign_off(text: str) -> int | None:
    """Where a sign-off closing a paragraph ("... (Reporting by A; Editing by B)") begins, or None."""
    match = _TRAILING_SIGN_OFF.search(text)
    return None if match is None or match.start() == 0 else match.start()
