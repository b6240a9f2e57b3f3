"""The frozen records that flow through whimbrel, from Document to Event.

Every record is an immutable, slotted dataclass. A stage never changes its
input: it returns a new record made with ``dataclasses.replace``. Offsets are
character offsets into ``Document.text`` as ingested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# A "source" is a news outlet named as who reports ("told Reuters", "AFP reported"): never an actor.
MentionKind = Literal["actor", "place", "date", "quantity", "source"]
DocumentStatus = Literal["pending", "coded", "duplicate", "skipped", "failed"]
EventStatus = Literal[
    "asserted",
    "claimed",
    "alleged",
    "unverified",
    "denied",
    "negated",
    "hypothetical",
    "future",
    "historical",
]
DatePrecision = Literal["day", "month", "year", "publication", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of one document."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of a document; a repeat of an earlier passage links to it."""

    index: int
    start: int
    end: int
    text_hash: str
    duplicate_of: str | None = None  # "<doc_id>:<passage index>" of the first occurrence
    # Document metadata, not reporting: "byline", "credit", "boilerplate" (never parsed or coded).
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence; ``head`` and ``i`` index the sentence's tokens."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    idx: int  # character offset in the document
    ent_type: str = ""
    ent_iob: str = "O"
    whitespace: str = " "

    @property
    def end(self) -> int:
        """Character offset just past the token."""
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the NLP backend, in token indices of its sentence."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a non-duplicate passage, with its parse."""

    index: int
    passage: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the record contract shows it."""

    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_id: str | None = None
    identifier_text: str | None = None
    inferred: bool = False  # whimbrel's guess (an unidentified armed group), no named actor of the text


AttributionKind = Literal["claimed", "alleged", "denied", "unattributed"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who is said to have done it: claimed, alleged or denied by an entity, or unattributed."""

    kind: AttributionKind
    by: ActorRef | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved (or unresolved) place."""

    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    precision: str | None = None  # point, admin2, admin1 or country (older stores: city, site, region)
    admin2: str | None = None
    unresolved: str | None = None  # why a place mention has no place ("vague: no name"), else None


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date with its precision.

    ``end`` is the last ISO day of a range ("since October", "last week"). ``ahead`` is the day the
    expression names read forwards ("on Friday" in "will meet on Friday"), for a planned event.
    """

    iso: str
    precision: DatePrecision
    end: str | None = None
    ahead: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text, with its qualifier ("at least", "more than", "dozens", ...).

    ``maximum`` is the top of a range: "20 to 30" and "dozens" (24 to 99) both have one.
    """

    value: int
    qualifier: str | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of a sentence: an actor, place, date or quantity."""

    kind: MentionKind
    sentence: int
    start: int  # document character offsets
    end: int
    token_start: int  # sentence token indices, end exclusive
    token_end: int
    text: str
    actor: ActorRef | None = None
    place: Place | None = None
    date: DateValue | None = None
    quantity: Quantity | None = None


@dataclass(frozen=True, slots=True)
class Size:
    """How many: events, dead, injured, arrested, each with its qualifier."""

    count: int | None = None
    count_qualifier: str | None = None
    dead: int | None = None
    dead_qualifier: str | None = None
    injured: int | None = None
    injured_qualifier: str | None = None
    arrested: int | None = None
    arrested_qualifier: str | None = None
    # The top of a range ("between 20 and 30 dead", reports that differ); None when it is one figure.
    count_max: int | None = None
    dead_max: int | None = None
    injured_max: int | None = None
    arrested_max: int | None = None

    def is_empty(self) -> bool:
        """True when no figure is known."""
        return self.count is None and self.dead is None and self.injured is None and self.arrested is None


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: who did what to whom, where, when, how many, and how sure."""

    id: str
    event: str
    doc_id: str
    sentence: int
    start: int  # sentence span in the document
    end: int
    text: str
    event_text: str
    trigger_start: int
    trigger_end: int
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    quad_code: int | None = None
    cameo: str | None = None
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    actor: tuple[ActorRef, ...] = ()
    recipient: tuple[ActorRef, ...] = ()
    event_loc: Place | None = None
    size: Size = field(default_factory=Size)
    status: EventStatus = "asserted"
    claimant: ActorRef | None = None
    confidence: float = 0.5
    mentions: tuple[Span, ...] = ()
    sources: tuple[str, ...] = ()
    rationale: tuple[str, ...] = ()  # why each field got its value, for `explain`
    attribution: Attribution | None = None
    incident_id: str | None = None  # one id for every mention of the same real-world event
    planned_date: str | None = None  # a planned event: the ISO day it is planned for
    date_end: str | None = None  # a range ("since October"): its last ISO day; ``date`` is its first


@dataclass(frozen=True, slots=True)
class Relation:
    """An actor-actor edge with its kind and evidence."""

    source: ActorRef
    target: ActorRef
    kind: str
    evidence: Span
    text: str
    status: str = "asserted"  # asserted, negated, denied or alleged, as the evidence reports it
    origin: str = "text"  # "text": stated in the evidence; "kb": from the knowledge base's links


@dataclass(frozen=True, slots=True)
class Outcome:
    """Why a sentence did or did not give an event."""

    sentence: int
    events: int
    reason: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The wire dateline that opens a report ("CITY, Month Day (Agency) -"), read as metadata."""

    start: int  # document character offsets of the whole dateline, dash included
    end: int
    text: str
    place: str | None = None  # the place as written ("BAMAKO, Mali"); the places stage resolves it
    place_start: int | None = None
    place_end: int | None = None
    date_text: str | None = None  # the date as written ("March 3")
    date: DateValue | None = None  # resolved, when the year is known
    agency: str | None = None  # "Reuters", "AP": a source, never an actor


@dataclass(frozen=True, slots=True)
class Document:
    """One input document and everything the stages found in it."""

    id: str
    text: str
    content_hash: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str = "en"
    status: DocumentStatus = "pending"
    reason: str | None = None
    passages: tuple[Passage, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    dateline: Dateline | None = None
    fallback_place: Place | None = None  # where the report is filed from (the dateline's place)
    fallback_date: DateValue | None = None  # the dateline's date, when there is no publication date
