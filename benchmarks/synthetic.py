"""A generated store for benchmarks and browser tests: documents, events, mentions and places.

The documents are made from templates (no NLP), so a store of 100,000 events takes seconds to
write. Each event is a sentence of its document, with the actor, recipient, place and date mentions
the coder would have found, so the dashboard's reader can highlight them. Deterministic for a seed.

    python benchmarks/synthetic.py --events 100000 --out /tmp/bench.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from whimbrel.model import ActorRef, DateValue, Document, Event, Mention, Passage, Place, Span
from whimbrel.store import Store

# (PLOVER event, quad code, CAMEO, verb phrase)
EVENTS = (
    ("ASSAULT", 4, "190", "attacked"),
    ("COERCE", 4, "170", "detained members of"),
    ("PROTEST", 4, "140", "protested against"),
    ("THREATEN", 3, "130", "threatened"),
    ("ACCUSE", 3, "110", "accused"),
    ("SANCTION", 4, "160", "imposed sanctions on"),
    ("CONSULT", 1, "040", "met"),
    ("AGREE", 1, "030", "agreed with"),
    ("REQUEST", 3, "100", "demanded action from"),
    ("AID", 2, "070", "sent aid to"),
    ("COOPERATE", 2, "060", "worked with"),
    ("MOBILIZE", 4, "150", "deployed troops against"),
)
STATUSES = ("asserted",) * 6 + ("unverified", "claimed", "negated", "future")
MODES = {"ASSAULT": ("firearms", "drone", "explosives", "heavy-weapons"), "PROTEST": ("demonstrate",)}
SECTORS = ("GOV", "MIL", "REB", "COP", "CVL", "PTY", "OPP")
# (name, country, lat, lon)
PLACES = (
    ("Bamako", "MLI", 12.65, -8.0),
    ("Gao", "MLI", 16.27, -0.04),
    ("Niamey", "NER", 13.51, 2.11),
    ("Nairobi", "KEN", -1.28, 36.82),
    ("Mombasa", "KEN", -4.05, 39.67),
    ("Baghdad", "IRQ", 33.34, 44.40),
    ("Basra", "IRQ", 30.51, 47.78),
    ("Erbil", "IRQ", 36.19, 44.01),
    ("Damascus", "SYR", 33.51, 36.29),
    ("Aleppo", "SYR", 36.20, 37.16),
    ("Kyiv", "UKR", 50.45, 30.52),
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Khartoum", "SDN", 15.50, 32.56),
    ("El Fasher", "SDN", 13.63, 25.35),
    ("Kabul", "AFG", 34.53, 69.17),
    ("Lagos", "NGA", 6.45, 3.40),
    ("Maiduguri", "NGA", 11.85, 13.16),
    ("Caracas", "VEN", 10.49, -66.88),
    ("Bogota", "COL", 4.61, -74.08),
    ("Manila", "PHL", 14.60, 120.98),
    ("Yangon", "MMR", 16.87, 96.20),
    ("Gaza", "PSE", 31.50, 34.47),
    ("Sanaa", "YEM", 15.35, 44.21),
    ("Mogadishu", "SOM", 2.04, 45.34),
)


def _actors(rng: random.Random, n: int) -> list[ActorRef]:
    actors = []
    for i in range(n):
        country = PLACES[i % len(PLACES)][1]
        sector = SECTORS[i % len(SECTORS)]
        name = f"{country.title()} {sector.lower()} group {i}"
        actors.append(
            ActorRef(
                entity_text=name,
                code=country,
                sector=sector,
                identifier_id=f"synthetic:actor-{i}",
                identifier_text=name,
            )
        )
    rng.shuffle(actors)
    return actors


def documents(n_events: int, *, seed: int = 7, per_doc: int = 5) -> Iterator[Document]:
    """Documents holding ``n_events`` events in all, ``per_doc`` sentences (one event each) apiece."""
    rng = random.Random(seed)
    actors = _actors(rng, 400)
    weights = [1.0 / (1 + i) for i in range(len(actors))]  # a few actors are much more active
    start_day = dt.date(2023, 1, 1)
    made = 0
    doc_no = 0
    while made < n_events:
        doc_id = f"syn{doc_no:07d}"
        published = start_day + dt.timedelta(days=rng.randrange(730))
        text = ""
        mentions: list[Mention] = []
        events: list[Event] = []
        for s in range(min(per_doc, n_events - made)):
            event, quad, cameo, verb = rng.choice(EVENTS)
            actor, recipient = rng.choices(actors, weights, k=2)
            if recipient == actor:
                recipient = actors[(actors.index(actor) + 1) % len(actors)]
            place, country, lat, lon = rng.choice(PLACES)
            day = published - dt.timedelta(days=rng.randrange(4))
            date_text = day.strftime("%d %B %Y")
            prefix = text + (" " if text else "")
            sentence = f"{actor.entity_text} {verb} {recipient.entity_text} in {place} on {date_text}."
            start = len(prefix)
            text = prefix + sentence
            a0 = start
            t0 = a0 + len(actor.entity_text) + 1
            r0 = t0 + len(verb) + 1
            p0 = r0 + len(recipient.entity_text) + 4
            d0 = p0 + len(place) + 4
            loc = Place(
                text=place, name=place, geonameid=10_000 + PLACES.index((place, country, lat, lon)),
                lat=lat, lon=lon, country=country, feature_code="PPL", precision="city",
            )  # fmt: skip
            date = DateValue(day.isoformat(), "day")
            mentions += [
                Mention("actor", s, a0, a0 + len(actor.entity_text), 0, 1, actor.entity_text, actor=actor),
                Mention("actor", s, r0, r0 + len(recipient.entity_text), 0, 1, recipient.entity_text,
                        actor=recipient),
                Mention("place", s, p0, p0 + len(place), 0, 1, place, place=loc),
                Mention("date", s, d0, d0 + len(date_text), 0, 1, date_text, date=date),
            ]  # fmt: skip
            event_id = hashlib.sha256(f"{doc_id}:{s}:{event}".encode()).hexdigest()[:20]
            events.append(
                Event(
                    id=event_id, event=event, doc_id=doc_id, sentence=s, start=start, end=len(text),
                    text=sentence, event_text=verb, trigger_start=t0, trigger_end=t0 + len(verb),
                    mode=(rng.choice(MODES[event]),) if event in MODES and rng.random() < 0.6 else (),
                    quad_code=quad, cameo=cameo, date=day.isoformat(), date_precision="day",
                    actor=(actor,), recipient=(recipient,), event_loc=loc, status=rng.choice(STATUSES),
                    confidence=round(rng.uniform(0.3, 0.95), 3), mentions=(Span(doc_id, start, len(text)),),
                    sources=(doc_id,),
                )
            )  # fmt: skip
            made += 1
        yield Document(
            id=doc_id,
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            origin=f"synthetic/{doc_id}.txt",
            title=f"Synthetic report {doc_no}",
            source="synthetic",
            published=published,
            status="coded",
            passages=(Passage(0, 0, len(text), hashlib.sha256(text.encode()).hexdigest()[:16]),),
            mentions=tuple(mentions),
            events=tuple(events),
        )
        doc_no += 1


def make_store(path: str | Path, n_events: int, *, seed: int = 7, batch: int = 2000) -> Path:
    """Write a generated store of ``n_events`` events at ``path`` (which must not exist yet)."""
    path = Path(path)
    with Store(path) as store:
        run_id = store.start_run({"synthetic": {"events": n_events, "seed": seed}})
        docs: list[Document] = []
        for doc in documents(n_events, seed=seed):
            docs.append(doc)
            if len(docs) >= batch:
                store.write(docs, run_id)
                docs = []
        store.write(docs, run_id)
        store.finish_run(run_id, {"events": n_events}, {})
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if Path(args.out).exists():
        print(f"{args.out}: already exists", file=sys.stderr)
        return 2
    make_store(args.out, args.events, seed=args.seed)
    print(f"{args.out}: {args.events} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
