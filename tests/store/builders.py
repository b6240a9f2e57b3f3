"""Hand-built records and hypothesis strategies for the store and export tests (no NLP).

Test modules load this file by path (see ``load_builders`` in each of them) under a name of its own,
so it cannot clash with another test folder's helper module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from whimbrel.model import ActorRef, Attribution, Document, Event, Passage, Place, Relation, Size, Span

SCHEMA_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "record.schema.json"

PLOVER = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
STATUSES = (
    "asserted",
    "claimed",
    "alleged",
    "unverified",
    "denied",
    "negated",
    "hypothetical",
    "future",
    "historical",
)
PRECISIONS = ("day", "month", "year", "publication", "unknown")

MILITIAS = ActorRef(
    entity_text="the militias",
    code="IRQ",
    sector="REB",
    identifier_id="whimbrel:islamic-resistance-in-iraq",
    identifier_text="Islamic Resistance in Iraq",
)
COALITION = ActorRef(
    entity_text="US-led coalition bases",
    code="USA",
    sector="MIL",
    identifier_id="whimbrel:us-military",
    identifier_text="US military",
)
FRAMEWORK = ActorRef(
    entity_text="the Coordination Framework",
    code="IRQ",
    sector="PTY",
    identifier_id="whimbrel:coordination-framework",
    identifier_text="Coordination Framework",
)
BAGHDAD = Place(
    text="Baghdad",
    name="Baghdad",
    geonameid=98182,
    lat=33.34,
    lon=44.40,
    country="IRQ",
    admin1="Baghdad",
    feature_code="PPLC",
    precision="city",
)

SENTENCE = "The militias carried out two unusual attacks on US-led coalition bases in Baghdad."


def text_hash(text: str) -> str:
    """The hash a test uses for a passage or a document's content."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make_event(
    doc_id: str = "doc-1", *, event_id: str | None = None, start: int = 0, **changes: Any
) -> Event:
    """A fully populated ASSAULT event on SENTENCE at ``start`` in ``doc_id``."""
    trigger = SENTENCE.index("carried out")
    event = Event(
        id=event_id or f"ev-{doc_id}-{start}",
        event="ASSAULT",
        doc_id=doc_id,
        sentence=0,
        start=start,
        end=start + len(SENTENCE),
        text=SENTENCE,
        event_text="carried out two unusual attacks",
        trigger_start=start + trigger,
        trigger_end=start + trigger + len("carried out two unusual attacks"),
        mode=("heavy-weapons", "drone"),
        context=("military",),
        quad_code=4,
        cameo="195",
        date="2023-10-07",
        date_precision="day",
        actor=(MILITIAS,),
        recipient=(COALITION,),
        event_loc=BAGHDAD,
        size=Size(count=2, count_qualifier="exactly", dead=2, dead_qualifier="at least"),
        status="asserted",
        claimant=MILITIAS,
        confidence=0.8125,
        rationale=("trigger 'carried out' -> ASSAULT",),
    )
    return replace(event, **changes)


def make_relation(doc_id: str = "doc-1", start: int = 0) -> Relation:
    """The militias belong to the Coordination Framework, said at ``start`` in ``doc_id``."""
    return Relation(
        source=MILITIAS,
        target=FRAMEWORK,
        kind="member_of",
        evidence=Span(doc_id, start, start + 40),
        text="militias in the Coordination Framework camp",
    )


def make_doc(
    doc_id: str = "doc-1",
    *,
    text: str | None = None,
    events: int = 1,
    status: str = "coded",
    origin: str | None = None,
    **changes: Any,
) -> Document:
    """A coded document of SENTENCE paragraphs, one event and one relation per paragraph."""
    paragraphs = [SENTENCE] * max(events, 1) if text is None else text.split("\n\n")
    body = "\n\n".join(paragraphs)
    starts = [sum(len(p) + 2 for p in paragraphs[:i]) for i in range(len(paragraphs))]
    seen: dict[str, int] = {}
    passages = []
    for i, (paragraph, start) in enumerate(zip(paragraphs, starts, strict=True)):
        digest = text_hash(paragraph)
        first = seen.setdefault(digest, i)
        duplicate_of = None if first == i else f"{doc_id}:{first}"
        passages.append(Passage(i, start, start + len(paragraph), digest, duplicate_of))
    doc = Document(
        id=doc_id,
        text=body,
        content_hash=text_hash(body + doc_id),
        origin=origin or f"/corpus/{doc_id}.txt",
        title=f"Report {doc_id}",
        url=f"https://example.org/{doc_id}",
        source="example.org",
        published=dt.date(2023, 11, 1),
        status=status,  # type: ignore[arg-type]
        passages=tuple(passages),
        events=tuple(make_event(doc_id, start=s) for s in starts[:events]),
        relations=tuple(make_relation(doc_id, s) for s in starts[:events]),
    )
    return replace(doc, **changes)


def failed_doc(doc_id: str = "bad-1", *, reason: str = "failed: not valid UTF-8", **changes: Any) -> Document:
    """A document that could not be read: no text, no content hash, a reason."""
    status = reason.split(":", 1)[0]
    doc = Document(
        id=doc_id,
        text="",
        content_hash="",
        origin=f"/corpus/{doc_id}.txt",
        status=status,  # type: ignore[arg-type]
        reason=reason,
    )
    return replace(doc, **changes)


def load_schema() -> dict[str, Any] | None:
    """The shared record schema, or None when ../shared is absent."""
    if not SCHEMA_PATH.is_file():
        return None
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


# -- hypothesis strategies ----------------------------------------------------------------------------

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
maybe_words = st.none() | words

actors = st.builds(
    ActorRef,
    entity_text=words,
    code=st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True),
    sector=st.none() | st.sampled_from(("GOV", "MIL", "REB", "CVL")),
    identifier_id=st.none() | st.sampled_from(("whimbrel:a", "whimbrel:b", "whimbrel:c")),
    identifier_text=maybe_words,
    inferred=st.booleans(),
)

attributions = st.builds(
    Attribution,
    kind=st.sampled_from(("claimed", "alleged", "denied", "unattributed")),
    by=st.none() | actors,
)
days = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)

places = st.builds(
    Place,
    text=words,
    name=maybe_words,
    geonameid=st.none() | st.integers(1, 12_000_000),
    lat=st.none() | st.floats(-90, 90, allow_nan=False),
    lon=st.none() | st.floats(-180, 180, allow_nan=False),
    country=st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True),
    admin1=maybe_words,
    feature_code=st.none() | st.sampled_from(("PPLC", "ADM1", "PCLI")),
    precision=st.none() | st.sampled_from(("city", "country")),
)

counts = st.none() | st.integers(0, 10_000)
sizes = st.builds(
    Size,
    count=counts,
    count_qualifier=maybe_words,
    dead=counts,
    dead_qualifier=maybe_words,
    injured=counts,
    injured_qualifier=maybe_words,
    arrested=counts,
    arrested_qualifier=maybe_words,
    count_max=counts,
    dead_max=counts,
    injured_max=counts,
    arrested_max=counts,
)

dates = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from((d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]))
)


@st.composite
def events(draw: st.DrawFn, doc_id: str | None = None, ids: tuple[str, ...] = ()) -> Event:
    """Any Event that fits the record contract (ids from ``ids`` when given, to force repeats)."""
    doc = doc_id if doc_id is not None else draw(st.sampled_from(("d1", "d2", "d3")))
    text = draw(st.text(min_size=1, max_size=40))
    start = draw(st.integers(0, 10_000))
    lo = draw(st.integers(0, len(text)))
    hi = draw(st.integers(lo, len(text)))
    spans = st.builds(
        Span, st.sampled_from(("d1", "d2", "d3", doc)), st.integers(0, 9999), st.integers(0, 9999)
    )
    return Event(
        id=draw(st.sampled_from(ids)) if ids else draw(st.text(min_size=1, max_size=10)),
        event=draw(st.sampled_from(PLOVER)),
        doc_id=doc,
        sentence=draw(st.integers(0, 50)),
        start=start,
        end=start + len(text),
        text=text,
        event_text=text[lo:hi],
        trigger_start=start + lo,
        trigger_end=start + hi,
        mode=tuple(draw(st.lists(words, max_size=3))),
        context=tuple(draw(st.lists(words, max_size=3))),
        quad_code=draw(st.none() | st.integers(1, 4)),
        cameo=draw(st.none() | st.from_regex(r"[0-9]{2,4}", fullmatch=True)),
        date=draw(dates),
        date_precision=draw(st.sampled_from(PRECISIONS)),
        actor=tuple(draw(st.lists(actors, max_size=3))),
        recipient=tuple(draw(st.lists(actors, max_size=3))),
        event_loc=draw(st.none() | places),
        size=draw(sizes),
        status=draw(st.sampled_from(STATUSES)),
        claimant=draw(st.none() | actors),
        confidence=draw(st.floats(0, 1)),
        mentions=tuple(draw(st.lists(spans, max_size=3))),
        sources=tuple(draw(st.lists(st.sampled_from(("d1", "d2", "d3", "d4")), max_size=3))),
        rationale=tuple(draw(st.lists(words, max_size=2))),
        attribution=draw(st.none() | attributions),
        incident_id=draw(st.none() | st.sampled_from(("inc-1", "inc-2"))),
        planned_date=draw(days),
        date_end=draw(days),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A coded, failed or skipped document; ids, hashes, origins and event ids repeat on purpose."""
    doc_id = draw(st.sampled_from(("a", "b", "c", "d")))
    origin = draw(st.sampled_from(("/x/a", "/x/b", "/x/c")))
    status = draw(st.sampled_from(("coded", "coded", "duplicate", "failed", "skipped")))
    if status in ("failed", "skipped"):
        return failed_doc(doc_id, reason=f"{status}: {draw(words)}", origin=origin)
    paragraphs = draw(st.lists(st.sampled_from(("alpha", "beta", "gamma")), min_size=1, max_size=4))
    text = "\n\n".join(paragraphs)
    doc = make_doc(doc_id, text=text, events=0, origin=origin, status=status)
    evs = draw(st.lists(events(doc_id, ids=("e1", "e2", "e3", "e4")), max_size=3))
    rels = [make_relation(doc_id, p.start) for p in doc.passages[: draw(st.integers(0, 2))]]
    content = draw(st.sampled_from(("h1", "h2", "h3", "h4", "h5")))
    return replace(doc, content_hash=content, events=tuple(evs), relations=tuple(rels))
