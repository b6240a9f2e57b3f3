"""Templates: claims of responsibility, denials, blame, unproven claims, and plain assertions."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

VIOLENT = ("ASSAULT", "COERCE")


def _group_and_target(rng: random.Random) -> tuple[pools.Group, pools.Nation, str]:
    group = rng.choice(pools.GROUPS)
    home = pools.MYANMAR if group.code == "MMR" and group.home == "MMR" else pools.BY_CODE[group.home]
    return group, home, rng.choice(home.towns)


def claimed(rng: random.Random) -> list[Case]:
    """X claimed responsibility for the attack on Y; and the same attack told without a claim."""
    group, home, town = _group_and_target(rng)
    pub = pools.published(rng)
    site = rng.choice(pools.TARGET_SITES)
    target = f"{home.adjective} soldiers" if home.adjective != "Myanmar" else "Myanmar soldiers"
    claim = f"{_cap(group.name)} claimed responsibility"
    return [
        Case(
            f"{claim} for the attack on {target} at {site} in {town}.",
            pub,
            want=(
                expect(
                    "ASSAULT",
                    actor=[group.code],
                    recipient=[home.code],
                    status="asserted",
                    attribution=("claimed", group.code),
                ),
            ),
        ),
        Case(
            f"{_cap(group.name)} attacked {target} at {site} in {town}.",
            pub,
            want=(
                expect(
                    "ASSAULT",
                    actor=[group.code],
                    recipient=[home.code],
                    status="asserted",
                    attribution=("none", None),
                ),
            ),
        ),
    ]


def denied(rng: random.Random) -> list[Case]:
    """X denied involvement in an attack that did happen: asserted, attribution denied by X."""
    group, _, town = _group_and_target(rng)
    pub = pools.published(rng)
    _, word = pools.number(rng)
    verb = rng.choice(["denied involvement in", "denied any role in", "denied carrying out"])
    return [
        Case(
            f"{_cap(group.name)} {verb} the bombing that killed {word} people in {town} on "
            f"{pools.WEEKDAYS[pub.weekday()]}.",
            pub,
            want=(expect("ASSAULT", status="asserted", attribution=("denied", group.code)),),
            forbid=(expect("ASSAULT", status="negated"),),
        ),
    ]


def none_claimed(rng: random.Random) -> list[Case]:
    """No group has claimed the blast: asserted, an inferred actor, attribution unattributed."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    _, word = pools.number(rng)
    pub = pools.published(rng)
    blast = rng.choice(pools.BLASTS)
    opener = rng.choice(["No group has claimed responsibility for", "No one has claimed", "Nobody claimed"])
    return [
        Case(
            f"{word.capitalize()} {nation.adjective} soldiers were killed in {blast} near {town}. "
            f"{opener} the attack.",
            pub,
            want=(
                expect(
                    "ASSAULT",
                    inferred=True,
                    recipient=[nation.code],
                    status="asserted",
                    attribution=("unattributed", None),
                ),
            ),
            forbid=(expect("ASSAULT", attribution=("claimed", None)),),
        ),
    ]


def blamed(rng: random.Random) -> list[Case]:
    """X blamed Y for the attack: ACCUSE by X against Y, and the attack by Y alleged by X."""
    group, home, town = _group_and_target(rng)
    if home.code == "MMR":
        accuser = "Myanmar's military government"
    else:
        accuser = rng.choice([f"The {home.adjective} government", f"The {home.adjective} interior ministry"])
    _, word = pools.number(rng)
    pub = pools.published(rng)
    return [
        Case(
            f"{accuser} blamed {group.name} for the car bomb that killed {word} people in {town}.",
            pub,
            want=(
                expect("ACCUSE", actor=[home.code], recipient=[group.code]),
                expect("ASSAULT", actor=[group.code], attribution=("alleged", home.code)),
            ),
        ),
    ]


def unproven(rng: random.Random) -> list[Case]:
    """A claimed attack that may not have happened: unverified, attribution claimed."""
    group, _, town = _group_and_target(rng)
    pub = pools.published(rng)
    doubt = rng.choice(
        [
            "but there is no proof that the attacks took place",
            "although there was no independent confirmation that any attack happened",
            "but officials said no such attack had taken place",
        ]
    )
    return [
        Case(
            f"{_cap(group.name)} said it had fired drones at military targets in {town}, {doubt}.",
            pub,
            want=(
                expect(
                    "ASSAULT", actor=[group.code], status="unverified", attribution=("claimed", group.code)
                ),
            ),
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
    ]


def self_report(rng: random.Random) -> list[Case]:
    """A force saying it carried out a strike claims it: asserted, attribution claimed by the speaker."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    pub = pools.published(rng)
    return [
        Case(
            f"The {a.adjective} military said it had carried out air strikes on {b.adjective} positions "
            f"near {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code], attribution=("claimed", a.code)),),
        ),
    ]


def war_crime(rng: random.Random) -> list[Case]:
    """The minister called the attacks a war crime: ACCUSE, and the attacks asserted (not future)."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    pub = pools.published(rng)
    speaker = rng.choice(["foreign minister", "prime minister", "defence minister"])
    label = rng.choice(["a war crime", "an act of terrorism", "a crime against humanity"])
    return [
        Case(
            f"The {b.adjective} {speaker} called the {a.adjective} attacks on {town} {label}.",
            pub,
            want=(
                expect("ACCUSE", actor=[b.code], recipient=[a.code]),
                expect("ASSAULT", actor=[a.code], status="asserted"),
            ),
            forbid=(expect("ASSAULT", status="future"),),
        ),
    ]


def claim_follows(rng: random.Random) -> list[Case]:
    """An agentless attack, then a claim in the next sentence: one ASSAULT, by the claimant, claimed."""
    group, home, town = _group_and_target(rng)
    n, word = pools.number(rng)
    blast = rng.choice(pools.BLASTS)
    claim = rng.choice(["claimed responsibility for the attack", "said its fighters had planted the bomb"])
    text = (
        f"{word.capitalize()} {home.adjective} soldiers were killed in {blast} near {town} on "
        f"{rng.choice(pools.WEEKDAYS)}. {_cap(group.name)} {claim} in a statement."
    )
    return [
        Case(
            text,
            pools.published(rng),
            want=(
                expect("ASSAULT", actor=[group.code], size={"dead": n}, attribution=("claimed", group.code)),
            ),
            exactly=((expect("ASSAULT"), 1),),
        )
    ]


def _cap(name: str) -> str:
    return name[0].upper() + name[1:]


TEMPLATES: tuple[Template, ...] = (
    Template("claims.claimed_vs_plain", "a claim of responsibility vs the same attack asserted", claimed),
    Template("claims.denied", "a denial of involvement keeps the attack asserted", denied, draws=22),
    Template("claims.none_claimed", "no group claimed: inferred actor, unattributed", none_claimed, draws=22),
    Template("claims.blamed", "X blamed Y: ACCUSE plus the attack alleged against Y", blamed, draws=22),
    Template("claims.unproven", "a claim whose event is unproven stays unverified", unproven, draws=22),
    Template("claims.self_report", "a force reporting its own strike claims it", self_report, draws=22),
    Template(
        "claims.claim_follows", "an agentless attack claimed in the next sentence", claim_follows, draws=22
    ),
    Template("claims.war_crime", "attacks called a war crime: ACCUSE, attacks asserted", war_crime, draws=22),
)
