"""Inputs for PETRARCH-convention coding: PETRARCH's XML records, JSONL lines or plain text.

PETRARCH's own input (and its test files) is XML: ``<Sentence date="YYYYMMDD" id="..">`` holding a
``<Text>`` and, in test files, ``<EventCoding sourcecode targetcode eventcode>`` elements. The reader
is forgiving: PETRARCH's older files are not well-formed XML, and some hold the sentence as plain text
before a bare parse tree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from whimbrel.errors import InputError

__all__ = ["Record", "parse_date", "read_input", "read_jsonl", "read_xml"]

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=</Sentence>|<Sentence\b|\Z)", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class Record:
    """One text to code: an id, its date (for date-restricted actor codes) and the text."""

    id: str
    text: str
    date: dt.date | None = None
    category: str = ""
    codings: tuple[dict[str, str], ...] = field(default=())  # <EventCoding> attributes, if any


def _attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)
    }


def parse_date(value: str) -> dt.date | None:
    """PETRARCH's dates: ``YYYYMMDD`` or ``YYMMDD`` (``YY`` <= 30 is 20YY); ISO ``YYYY-MM-DD`` too."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if len(value) == 8 and value.isdigit():
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if len(value) == 6 and value.isdigit():
            yy = int(value[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(value[2:4]), int(value[4:]))
    except ValueError:
        return None
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None


def read_xml(path: Path) -> list[Record]:
    """The ``<Sentence>`` records of a PETRARCH XML file (with their ``<EventCoding>`` gold, if any)."""
    records = []
    for n, m in enumerate(_SENTENCE.finditer(_read(path)), start=1):
        attrs = _attrs(m.group(1))
        body = _COMMENT.sub(" ", m.group(2))
        text_match = _TEXT.search(body)
        if text_match is not None:
            text = " ".join(text_match.group(1).split())
        else:  # the older format: the sentence as plain text, then the bare parse tree
            plain = re.sub(r"<[^>]*>", " ", body.split("(ROOT")[0])
            text = " ".join(plain.split())
        records.append(
            Record(
                attrs.get("id") or f"record-{n}",
                text,
                parse_date(attrs.get("date", "")),
                attrs.get("category", ""),
                tuple(_attrs(c.group(1)) for c in _CODING.finditer(body)),
            )
        )
    return records


def read_jsonl(path: Path) -> list[Record]:
    """One JSON object a line: ``text``, and optional ``id`` and ``date`` (or ``published``)."""
    records = []
    for n, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f"{path}:{n}", "expected an object with a string 'text'")
        raw_date = str(obj.get("date") or obj.get("published") or "")
        date = parse_date(raw_date) if raw_date else None
        if raw_date and date is None:
            raise InputError(f"{path}:{n}", f"bad date {raw_date!r} (expected YYYYMMDD or YYYY-MM-DD)")
        records.append(Record(str(obj.get("id") or f"{path.name}:{n}"), obj["text"], date))
    return records


def read_input(path: Path, default_date: dt.date | None = None) -> list[Record]:
    """Records from ``path``: ``.xml`` PETRARCH records, ``.jsonl`` lines, else one text (the file).

    ``default_date`` is the date of records that have none.
    """
    suffix = path.suffix.lower()
    if suffix == ".xml":
        records = read_xml(path)
        if not records:
            raise InputError(str(path), "no <Sentence> records")
    elif suffix == ".jsonl":
        records = read_jsonl(path)
    else:
        text = _read(path).strip()
        records = [Record(path.name, text)] if text else []
    return [r if r.date is not None else _dated(r, default_date) for r in records]


def _dated(record: Record, date: dt.date | None) -> Record:
    return Record(record.id, record.text, date, record.category, record.codings)
