"""Analysts' reviews of coded events, kept in a file of their own beside the store.

The coder's output is never changed by a review. A review says an event is ``wrong`` (it should not
exist), ``correct`` (checked, as coded), or ``corrected``: its type, actor, recipient or place
replaced. Reviews are appended, one JSON object per line, to ``<store>.reviews.jsonl`` (or a file
named by the user); the newest review of an event is the one that counts.

- ``export --reviewed`` passes the records through :func:`apply_reviews`;
- ``whimbrel train`` reads :func:`training_examples`: the sentence and the reviewed labels.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast, get_args

from whimbrel.errors import ReviewError
from whimbrel.knowledge.lexicon import PLOVER_EVENTS, Lexicon

Verdict = Literal["wrong", "correct", "corrected"]
VERDICTS: tuple[str, ...] = get_args(Verdict)
CHANGE_KEYS = ("event", "actor", "recipient", "event_loc")
"""The fields a correction may replace."""

REVIEWS_SUFFIX = ".reviews.jsonl"


def reviews_path(store_path: str | Path) -> Path:
    """The default reviews file of a store: ``<store>.reviews.jsonl`` beside it."""
    return Path(f"{store_path}{REVIEWS_SUFFIX}")


@dataclass(frozen=True, slots=True)
class Review:
    """One analyst's verdict on one event; ``changes`` holds the new values of corrected fields and
    ``original`` the coder's values of those fields (and the sentence) when the review was made."""

    id: str
    event_id: str
    verdict: Verdict
    at: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    original: Mapping[str, Any] = field(default_factory=dict)
    reviewer: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The review as the JSON object written to the reviews file."""
        return {
            "id": self.id,
            "event_id": self.event_id,
            "verdict": self.verdict,
            "at": self.at,
            "changes": dict(self.changes),
            "original": dict(self.original),
            "reviewer": self.reviewer,
            "note": self.note,
        }


def make_review(
    record: Mapping[str, Any],
    verdict: str,
    changes: Mapping[str, Any] | None = None,
    *,
    reviewer: str | None = None,
    note: str | None = None,
) -> Review:
    """A new review of the event ``record``; raises ReviewError for an unknown verdict or bad change."""
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    checked = check_changes(changes or {})
    if verdict == "corrected" and not checked:
        raise ReviewError("a correction must change at least one of " + ", ".join(CHANGE_KEYS))
    if verdict != "corrected" and checked:
        raise ReviewError(f"a review with verdict {verdict!r} changes nothing; use 'corrected'")
    original = {key: record.get(key) for key in ("event", *checked)}
    original["text"] = record.get("text")
    return Review(
        id=uuid.uuid4().hex,
        event_id=str(record["id"]),
        verdict=cast(Verdict, verdict),
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        changes=checked,
        original=original,
        reviewer=reviewer,
        note=note,
    )


def check_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The corrections in canonical form: a PLOVER type, actor lists, a place object."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in CHANGE_KEYS:
            raise ReviewError(f"cannot correct {key!r}; only {', '.join(CHANGE_KEYS)}")
        if key == "event":
            event = str(value).upper()
            if event not in PLOVER_EVENTS:
                raise ReviewError(f"event {value!r} is not a PLOVER event")
            out[key] = event
        elif key in ("actor", "recipient"):
            out[key] = [_entity(item, key) for item in (value if isinstance(value, list) else [value])]
        else:
            out[key] = _place(value)
    return out


def _entity(item: Any, key: str) -> dict[str, Any]:
    if isinstance(item, str):
        item = {"entity_text": item}
    if not isinstance(item, Mapping) or not str(item.get("entity_text") or "").strip():
        raise ReviewError(f"{key}: each entity needs a non-empty entity_text")
    entity = {k: item.get(k) for k in ("entity_text", "code", "sector", "identifier_id", "identifier_text")}
    entity["entity_text"] = str(entity["entity_text"]).strip()
    return entity


def _place(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, Mapping) or not str(value.get("text") or value.get("name") or "").strip():
        raise ReviewError("event_loc: a place needs a text or a name")
    place: dict[str, Any] = {
        k: value.get(k)
        for k in ("text", "name", "geonameid", "lat", "lon", "country", "admin1", "feature_code", "precision")
    }
    place["text"] = str(place["text"] or place["name"])
    for coord, bound in (("lat", 90.0), ("lon", 180.0)):
        if place[coord] is not None:
            try:
                number = float(place[coord])
            except (TypeError, ValueError):
                raise ReviewError(f"event_loc: {coord} {place[coord]!r} is not a number") from None
            if not -bound <= number <= bound:
                raise ReviewError(f"event_loc: {coord} {number} is out of range")
            place[coord] = number
    return place


class ReviewLog:
    """The reviews file: appended under an exclusive lock, read whole."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def append(self, review: Review) -> None:
        """Add one review at the end of the file (created when missing)."""
        line = json.dumps(review.as_dict(), ensure_ascii=False) + "\n"
        with self.path.open("a", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                fh.write(line)
                fh.flush()
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def read(self) -> list[Review]:
        """Every review, oldest first; a missing file has none. A malformed line raises ReviewError."""
        return list(read_reviews(self.path))

    def stamp(self) -> tuple[int, int] | None:
        """The file's size and modification time (None when missing): changes with every append."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return st.st_size, st.st_mtime_ns

    def latest(self) -> dict[str, Review]:
        """The newest review of each reviewed event, by event id."""
        return latest_by_event(self.read())


def read_reviews(path: str | Path) -> Iterator[Review]:
    """The reviews of a reviews file in file order (none when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                verdict = data["verdict"]
                if verdict not in VERDICTS:
                    raise ValueError(f"unknown verdict {verdict!r}")
                yield Review(
                    id=str(data["id"]),
                    event_id=str(data["event_id"]),
                    verdict=verdict,
                    at=str(data["at"]),
                    changes=check_changes(data.get("changes") or {}),
                    original=dict(data.get("original") or {}),
                    reviewer=data.get("reviewer"),
                    note=data.get("note"),
                )
            except (ValueError, KeyError, TypeError, ReviewError) as exc:
                raise ReviewError(f"{path}:{lineno}: not a review ({exc})") from None


def latest_by_event(reviews: Iterable[Review]) -> dict[str, Review]:
    """The last review of each event (file order is time order)."""
    latest: dict[str, Review] = {}
    for review in reviews:
        latest[review.event_id] = review
    return latest


def apply_reviews(
    records: Iterable[Mapping[str, Any]], latest: Mapping[str, Review]
) -> Iterator[dict[str, Any]]:
    """The records as reviewed: events marked wrong left out, corrections applied.

    A reviewed record carries ``review`` (id, verdict, time, and the coder's values it replaced). A
    corrected type takes the CAMEO code and quad class of that PLOVER type in the shipped crosswalk.
    """
    lexicon: Lexicon | None = None
    for record in records:
        review = latest.get(str(record["id"]))
        if review is None:
            yield dict(record)
            continue
        if review.verdict == "wrong":
            continue
        out = dict(record)
        replaced = {key: record.get(key) for key in review.changes}
        for key, value in review.changes.items():
            out[key] = value
        if "event" in review.changes and review.changes["event"] != record.get("event"):
            lexicon = lexicon or Lexicon.load()
            code = lexicon.cameo_for(str(review.changes["event"]))
            replaced.update(
                cameo=record.get("cameo"), quad_code=record.get("quad_code"), mode=record.get("mode")
            )
            out.update(cameo=code.code, quad_code=code.quad_class, mode=[])
        out["review"] = {"id": review.id, "verdict": review.verdict, "at": review.at, "replaced": replaced}
        yield out


def training_examples(reviews: Iterable[Review]) -> list[dict[str, Any]]:
    """Labelled sentences from the newest review of each event, for ``whimbrel train``.

    Each example has the sentence ``text``, the ``verdict``, and for a correction the corrected
    fields next to the coder's (``was_<field>``); a ``wrong`` verdict is a negative example.
    """
    examples = []
    for review in latest_by_event(reviews).values():
        example: dict[str, Any] = {
            "event_id": review.event_id,
            "text": review.original.get("text"),
            "verdict": review.verdict,
        }
        for key, value in review.changes.items():
            example[key] = value
            example[f"was_{key}"] = review.original.get(key)
        examples.append(example)
    return examples
