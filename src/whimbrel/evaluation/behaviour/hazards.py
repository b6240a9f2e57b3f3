"""Templates: natural hazards, accidents and mishaps (no violent event) and agentless attacks."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

NO_VIOLENCE = (expect("ASSAULT"), expect("COERCE"))


def _setting(rng: random.Random) -> tuple[pools.Nation, str, int, str]:
    nation = rng.choice(pools.NATIONS)
    n, word = pools.number(rng)
    return nation, rng.choice(nation.towns), n, word


def hazard_killed(rng: random.Random) -> list[Case]:
    """A hazard as the subject of 'killed': no ASSAULT, no COERCE."""
    _nation, town, _, word = _setting(rng)
    hazard, verb = rng.choice(pools.HAZARDS)
    day = rng.choice(pools.WEEKDAYS)
    return [
        Case(
            f"{hazard} {verb} at least {word} people in {town} on {day}.",
            pools.published(rng),
            forbid=NO_VIOLENCE,
        ),
    ]


def explosion_pair(rng: random.Random) -> list[Case]:
    """'X exploded in a market, killing N': a bomb is an attack, a gas cylinder is not."""
    _nation, town, n, word = _setting(rng)
    pub = pools.published(rng)
    site = rng.choice(["a crowded market", "a restaurant", "a bus station", "a wedding hall"])
    mishap = rng.choice(["A gas cylinder", "A cooking gas canister", "A fuel tanker", "A boiler"])
    device = rng.choice(["A bomb", "A car bomb", "An explosive device", "A bomb hidden in a bag"])
    tail = f"exploded at {site} in {town}, killing {word} people."
    return [
        Case(f"{mishap} {tail}", pub, forbid=NO_VIOLENCE),
        Case(f"{device} {tail}", pub, want=(expect("ASSAULT", inferred=True, place=town, size={"dead": n}),)),
    ]


def accident(rng: random.Random) -> list[Case]:
    """Road, rail, air and boat accidents kill without an agent."""
    _nation, town, _, word = _setting(rng)
    text = rng.choice(
        [
            f"{word.capitalize()} people died when a bus collided with a truck near {town}.",
            f"A passenger train derailed near {town}, killing {word} people.",
            f"A small plane crashed shortly after take-off from {town}, killing {word} people on board.",
            f"{word.capitalize()} migrants drowned when their boat capsized off {town}.",
            f"A building collapsed in {town}, killing {word} construction workers.",
        ]
    )
    return [Case(text, pools.published(rng), forbid=NO_VIOLENCE)]


def fire_vs_arson(rng: random.Random) -> list[Case]:
    """An accidental fire vs fighters who set fire to homes (arson is an attack)."""
    _nation, town, n, word = _setting(rng)
    pub = pools.published(rng)
    return [
        Case(
            f"A fire broke out at a textile factory in {town}, killing {word} workers.",
            pub,
            forbid=NO_VIOLENCE,
        ),
        Case(
            f"Armed men set fire to homes in a village near {town}, killing {word} residents.",
            pub,
            want=(expect("ASSAULT", inferred=True, size={"dead": n}),),
        ),
    ]


def disease(rng: random.Random) -> list[Case]:
    """Outbreaks and hunger kill without an agent."""
    _nation, town, _, word = _setting(rng)
    illness = rng.choice(["cholera", "measles", "dengue fever", "malaria"])
    return [
        Case(
            f"An outbreak of {illness} has killed {word} children in {town} since last month, health "
            "officials said.",
            pools.published(rng),
            forbid=NO_VIOLENCE,
        ),
    ]


def killed_in_blast(rng: random.Random) -> list[Case]:
    """'N soldiers were killed in a bomb blast': an attack by an inferred actor, N dead."""
    nation, town, n, word = _setting(rng)
    blast = rng.choice(pools.BLASTS)
    return [
        Case(
            f"{word.capitalize()} {nation.adjective} soldiers were killed in {blast} near {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", inferred=True, recipient=[nation.code], size={"dead": n}),),
        ),
    ]


def passive_by_agent(rng: random.Random) -> list[Case]:
    """A passive with its agent: the agent is the actor, the victims the recipient."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    n, word = pools.number(rng)
    weapon = rng.choice(["air strikes", "artillery fire", "drone strikes", "shelling"])
    return [
        Case(
            f"{word.capitalize()} {b.adjective} civilians were killed by {a.adjective} {weapon} on {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code], size={"dead": n}),),
        ),
    ]


def shot_dead(rng: random.Random) -> list[Case]:
    """A lone victim shot dead by unknown attackers: an inferred actor, one dead."""
    nation, town, _, _ = _setting(rng)
    victim = rng.choice(["police officer", "judge", "journalist", "local councillor", "soldier"])
    day = rng.choice(pools.WEEKDAYS)
    return [
        Case(
            f"{pools.a(nation.adjective, capital=True)} {victim} was shot dead in {town} on {day}.",
            pools.published(rng),
            want=(expect("ASSAULT", inferred=True, recipient=[nation.code], size={"dead": 1}),),
        ),
    ]


def gunmen(rng: random.Random) -> list[Case]:
    """Unidentified gunmen are an unidentified armed group of the place's country."""
    nation, town, n, word = _setting(rng)
    who = rng.choice(["Gunmen", "Unidentified gunmen", "Armed men", "Masked gunmen"])
    return [
        Case(
            f"{who} killed {word} villagers in an attack near {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[nation.code], inferred=True, size={"dead": n}),),
        ),
    ]


def abducted(rng: random.Random) -> list[Case]:
    """A passive abduction with no named perpetrator is an attack by an inferred actor."""
    _nation, town, _n, word = _setting(rng)
    victims = rng.choice(["students", "farmers", "aid workers", "passengers"])
    return [
        Case(
            f"{word.capitalize()} {victims} were abducted from a village near {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", inferred=True, place=town),),
        ),
    ]


TEMPLATES: tuple[Template, ...] = (
    Template(
        "hazards.hazard_killed",
        "floods, quakes, storms, heat and outbreaks are no agents",
        hazard_killed,
        draws=24,
    ),
    Template("hazards.explosion_pair", "a gas cylinder exploding vs a bomb exploding", explosion_pair),
    Template(
        "hazards.accident",
        "crashes, derailments, capsized boats and collapses are no attacks",
        accident,
        draws=24,
    ),
    Template("hazards.fire_vs_arson", "an accidental fire vs setting homes on fire", fire_vs_arson),
    Template("hazards.disease", "outbreaks of disease are no attacks", disease, draws=22),
    Template(
        "agentless.killed_in_blast",
        "killed in a blast: inferred actor, victims' country",
        killed_in_blast,
        draws=24,
    ),
    Template(
        "agentless.passive_by_agent",
        "killed by X's strikes: X acts on the victims",
        passive_by_agent,
        draws=24,
    ),
    Template("agentless.shot_dead", "a lone victim shot dead: inferred actor, one dead", shot_dead, draws=24),
    Template(
        "agentless.gunmen", "gunmen are an unidentified armed group of the place's country", gunmen, draws=24
    ),
    Template("agentless.abducted", "a passive abduction: an attack by an inferred actor", abducted, draws=22),
)
