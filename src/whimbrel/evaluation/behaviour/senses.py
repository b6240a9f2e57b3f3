"""Templates: senses by object, the operational acts of conflict reporting, and other event types."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

NO_VIOLENCE = (expect("ASSAULT"), expect("COERCE"))


def seized(rng: random.Random) -> list[Case]:
    """'seized weapons' is a confiscation (COERCE), 'seized the town' a military takeover (ASSAULT)."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    pub = pools.published(rng)
    cache = rng.choice(["a cache of rifles", "weapons and ammunition", "two tonnes of explosives"])
    return [
        Case(
            f"{a.adjective} police seized {cache} in {rng.choice(a.towns)}.",
            pub,
            want=(expect("COERCE", actor=[a.code]),),
            forbid=(expect("ASSAULT"),),
        ),
        Case(
            f"{a.adjective} troops seized the town of {town} from {b.adjective} forces.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def struck(rng: random.Random) -> list[Case]:
    """'struck a deal' is AGREE, 'struck a convoy' is ASSAULT."""
    a, b = pools.pick_two(rng)
    pub = pools.published(rng)
    return [
        Case(
            f"{a.name} struck a deal with {b.name} on sharing water from the river.",
            pub,
            want=(expect("AGREE"),),
            forbid=(expect("ASSAULT"),),
        ),
        Case(
            f"{a.adjective} drones struck {pools.a(b.adjective)} supply convoy near {rng.choice(b.towns)}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def dropped(rng: random.Random) -> list[Case]:
    """'dropped bombs on' is ASSAULT; 'dropped the charges against' is no violence."""
    a, b = pools.pick_two(rng)
    pub = pools.published(rng)
    return [
        Case(
            f"{a.adjective} warplanes dropped bombs on {rng.choice(b.towns)}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code]),),
        ),
        Case(
            f"{a.adjective} prosecutors dropped the charges against two opposition leaders.",
            pub,
            forbid=NO_VIOLENCE,
        ),
    ]


def received(rng: random.Random) -> list[Case]:
    """'X received weapons from Y' is AID by Y to X; 'X received a delegation from Y' is CONSULT by Y."""
    a, b = pools.pick_two(rng)
    pub = pools.published(rng)
    goods = rng.choice(["weapons", "air defence systems", "armoured vehicles"])
    return [
        Case(
            f"{a.name} received {goods} from {b.name}.",
            pub,
            want=(expect("AID", actor=[b.code], recipient=[a.code]),),
        ),
        Case(
            f"{a.name} received a delegation from {b.name}.",
            pub,
            want=(expect("CONSULT", actor=[b.code], recipient=[a.code]),),
        ),
    ]


def operational(rng: random.Random) -> list[Case]:
    """Operational acts of conflict reporting are attacks: ambushed, torched, shot down, recaptured..."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    act = rng.choice(
        [
            f"ambushed {pools.a(b.adjective)} patrol near {town}",
            f"torched {b.adjective} army trucks in {town}",
            f"shot down {pools.a(b.adjective)} drone over {town}",
            f"recaptured the town of {town} from {b.adjective} forces",
            f"took control of {town} after driving out {b.adjective} troops",
            f"abducted three {b.adjective} soldiers near {town}",
        ]
    )
    return [
        Case(
            f"{a.adjective} troops {act}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def defused(rng: random.Random) -> list[Case]:
    """'defused a bomb' is no attack; 'detonated a bomb' is one."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    pub = pools.published(rng)
    site = rng.choice(pools.TARGET_SITES)
    return [
        Case(
            f"{nation.adjective} army engineers defused a bomb planted near {site} in {town}.",
            pub,
            forbid=(expect("ASSAULT"),),
        ),
        Case(
            f"Militants detonated a bomb near {site} in {town}.", pub, want=(expect("ASSAULT", place=town),)
        ),
    ]


def incident_retold(rng: random.Random) -> list[Case]:
    """One attack told across three sentences is one ASSAULT."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    _n, word = pools.number(rng)
    day = rng.choice(pools.WEEKDAYS)
    text = (
        f"{a.adjective} forces shelled {town} on {day}, killing {word} civilians. "
        f"The shelling destroyed a school and a clinic. "
        f"Local officials said the bombardment of {town} lasted more than two hours."
    )
    return [Case(text, pools.published(rng), exactly=((expect("ASSAULT"), 1),))]


def incident_paragraphs(rng: random.Random) -> list[Case]:
    """A wire story whose lead and later paragraph tell the same raid: one ASSAULT."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    _n, word = pools.number(rng)
    pub = pools.published(rng)
    text = (
        f"{b.capital.upper()}, {pools.wire_date(pub)} (Reuters) - {a.adjective} troops raided a village near "
        f"{town}, killing {word} people, officials said.\n\n"
        f"The raid on the village began before dawn, a resident said by telephone.\n\n"
        f"(Reporting by Lina Haddad; Editing by Tom Brennan)"
    )
    return [Case(text, pub, exactly=((expect("ASSAULT"), 1),), want=(expect("ASSAULT", actor=[a.code]),))]


def incident_toll(rng: random.Random) -> list[Case]:
    """An attack and its toll in the next sentence: one ASSAULT carrying the toll."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    n, word = pools.number(rng)
    text = (
        f"{a.adjective} drones attacked a market in {town}. "
        f"{word.capitalize()} people were killed and dozens wounded in the attack, medics said."
    )
    return [
        Case(
            text,
            pools.published(rng),
            exactly=((expect("ASSAULT"), 1),),
            want=(expect("ASSAULT", actor=[a.code], size={"dead": n}),),
        )
    ]


def two_incidents(rng: random.Random) -> list[Case]:
    """Two attacks in two towns on two days are two ASSAULTs."""
    a, b = pools.pick_two(rng)
    first, second = rng.sample(b.towns, 2)
    day1, day2 = rng.sample(pools.WEEKDAYS, 2)
    text = (
        f"{a.adjective} drones struck a power station in {first} on {day1}. "
        f"Separately, {a.adjective} artillery shelled a bridge in {second} on {day2}."
    )
    return [Case(text, pools.published(rng), exactly=((expect("ASSAULT"), 2),))]


def sanction(rng: random.Random) -> list[Case]:
    """Sanctions and downgraded relations are SANCTION by X against Y."""
    a, b = pools.pick_two(rng)
    act = rng.choice(
        [
            f"imposed sanctions on {b.adjective} banks",
            f"recalled its ambassador from {b.name}",
            f"banned imports from {b.name}",
            f"froze the assets of {b.adjective} officials",
        ]
    )
    return [
        Case(
            f"{a.name} {act}.",
            pools.published(rng),
            want=(expect("SANCTION", actor=[a.code], recipient=[b.code]),),
        )
    ]


def mobilize(rng: random.Random) -> list[Case]:
    """Sending troops to a border is MOBILIZE, not an attack."""
    a, b = pools.pick_two(rng)
    return [
        Case(
            f"{a.name} sent thousands of troops to its border with {b.name}.",
            pools.published(rng),
            want=(expect("MOBILIZE", actor=[a.code]),),
            forbid=(expect("ASSAULT"),),
        )
    ]


TEMPLATES: tuple[Template, ...] = (
    Template("senses.seized", "seized weapons (COERCE) vs seized the town (ASSAULT)", seized),
    Template("senses.struck", "struck a deal vs struck a convoy", struck),
    Template("senses.dropped", "dropped bombs vs dropped the charges", dropped),
    Template("senses.received", "received weapons (AID) vs received a delegation (CONSULT)", received),
    Template(
        "senses.operational",
        "ambushed, torched, shot down, recaptured, took control, abducted",
        operational,
        draws=24,
    ),
    Template("senses.defused", "defused a bomb vs detonated one", defused),
    Template(
        "incidents.retold", "one attack told in three sentences is one event", incident_retold, draws=20
    ),
    Template(
        "incidents.paragraphs", "a raid told in the lead and a later paragraph", incident_paragraphs, draws=22
    ),
    Template("incidents.toll_after", "an attack and its toll in the next sentence", incident_toll, draws=22),
    Template(
        "incidents.two_attacks", "two attacks, two places, two days: two events", two_incidents, draws=20
    ),
    Template("types.sanction", "sanctions, recalled ambassadors, bans: SANCTION", sanction, draws=22),
    Template("types.mobilize", "troops sent to a border: MOBILIZE", mobilize, draws=22),
)
