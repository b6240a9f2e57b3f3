"""Templates: datelines, agency tags, bylines and agencies as sources (never actors, never a country)."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("Reuters", "(Reuters) -", "GBR"),
    ("AFP", "(AFP) -", "FRA"),
    ("AP", "(AP) —", "USA"),
)
REPORTERS = ("Amina Yusuf", "Carlos Mendoza", "Oksana Petrenko", "Rahul Menon", "Mariam Diallo", "Lin Wei")


def _attack(rng: random.Random) -> tuple[pools.Nation, pools.Nation, str, str]:
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    toll = rng.choice(["two", "three", "four"])
    body = f"{a.adjective} forces shelled {b.adjective} positions near {town}, killing {toll} soldiers"
    return a, b, town, body


def dateline_agency(rng: random.Random) -> list[Case]:
    """'CITY, Month D (Agency) - ...': the city and the agency are neither actors nor a country."""
    a, b, _, body = _attack(rng)
    agency, tag, code = rng.choice(AGENCIES)
    pub = pools.published(rng)
    city = b.capital
    text = f"{city.upper()}, {pools.wire_date(pub)} {tag} {body}."
    return [
        Case(
            text,
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
            not_entities=(city, city.upper(), agency),
            not_codes=(code,) if code not in (a.code, b.code) else (),
        ),
    ]


def dateline_dash(rng: random.Random) -> list[Case]:
    """'CITY —' and 'CITY, Country (Agency) —' openers are metadata, and the body codes as without them."""
    a, b, _, body = _attack(rng)
    pub = pools.published(rng)
    city = b.capital
    opener = rng.choice([f"{city.upper()} —", f"{city.upper()}, {b.name} (AP) —", f"{city.upper()} (AFP) -"])
    want = (expect("ASSAULT", actor=[a.code], recipient=[b.code]),)
    return [
        Case(f"{opener} {body}.", pub, want=want, not_entities=(city, city.upper(), "AFP", "AP")),
        Case(f"{body}.", pub, want=want),
    ]


def dateline_place(rng: random.Random) -> list[Case]:
    """With no place in the body, the dateline's city is the event's place and its date the date."""
    nation = rng.choice(pools.NATIONS)
    pub = pools.published(rng)
    city = rng.choice(nation.towns)
    _, tag, _ = rng.choice(AGENCIES)
    n = rng.randint(12, 60)
    text = (
        f"{city.upper()}, {pools.wire_date(pub)} {tag} Police arrested {n} opposition supporters on "
        f"{pools.WEEKDAYS[pub.weekday()]}, their lawyers said."
    )
    return [Case(text, pub, want=(expect("COERCE", place=city),))]


def told_agency(rng: random.Random) -> list[Case]:
    """'told Reuters' / 'AFP reported': the agency is a source; no event is given its country."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    agency, _, code = rng.choice(AGENCIES)
    text = rng.choice(
        [
            f"{a.adjective} drones hit a depot in {town}, a security source told {agency}.",
            f"{a.adjective} drones hit a depot in {town}, {agency} reported.",
            f"Two witnesses told {agency} that {a.adjective} drones hit a depot in {town}.",
        ]
    )
    codes = (code,) if code not in (a.code, b.code) else ()
    return [
        Case(
            text,
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code]),),
            not_entities=(agency,),
            not_codes=codes,
        ),
    ]


def byline(rng: random.Random) -> list[Case]:
    """A story with its credit line: the line gives no event, and the story one arrest event."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    pub = pools.published(rng)
    n = rng.randint(12, 60)
    first, second = rng.sample(REPORTERS, 2)
    credit = rng.choice(
        [
            f"(Reporting by {first}; Editing by {second})",
            f"(Reporting by {first} in {town}; Writing by {second}; Editing by Mark Heinrich)",
            f"Additional reporting by {first}; edited by {second}.",
        ]
    )
    day = pools.WEEKDAYS[pub.weekday()]
    text = f"{nation.adjective} police detained {n} students in {town} on {day}.\n\n{credit}"
    return [
        Case(
            text,
            pub,
            exactly=((expect(), 1),),
            want=(expect("COERCE", size={"arrested": n}),),
            not_entities=(first, second),
        ),
    ]


def dateline_date(rng: random.Random) -> list[Case]:
    """A document with no publication date takes the dateline's: weekdays count back from it."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    day = pools.published(rng)
    _, tag, _ = rng.choice(AGENCIES)
    back = rng.randint(0, 3)
    name, when = pools.weekday_before(day, back)
    dateline = f"{nation.capital.upper()}, {pools.wire_date(day)}, {day.year} {tag}"
    text = f"{dateline} Thousands of farmers marched through {town} on {name} to demand higher crop prices."
    return [Case(text, None, want=(expect("PROTEST", date=when),))]


TEMPLATES: tuple[Template, ...] = (
    Template(
        "news.dateline_agency",
        "CITY, Month D (Agency) -: no actor, no country from it",
        dateline_agency,
        draws=24,
    ),
    Template("news.dateline_dash", "CITY — openers vs the same body alone", dateline_dash),
    Template("news.dateline_place", "the dateline's city as the fallback place", dateline_place, draws=22),
    Template(
        "news.told_agency", "told Reuters / AFP reported: a source, not an actor", told_agency, draws=24
    ),
    Template("news.byline", "credit lines give no event and no actor", byline, draws=22),
    Template("news.dateline_date", "no publication date: the dateline's date", dateline_date, draws=22),
)
