"""Templates: nationality and institution actors, capitals, international bodies, reciprocal dyads."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

IGOS: tuple[tuple[str, str], ...] = (
    ("The European Union", "IGOEUREEC"),
    ("The United Nations", "IGOUNO"),
    ("The African Union", "IGOAFRAFU"),
    ("The World Bank", "IGOUNODEVWBK"),
)
INSTITUTIONS: tuple[str, ...] = (
    "{adj} police",
    "the {adj} army",
    "the {adj} navy",
    "{adj} border guards",
    "the {adj} interior ministry",
    "{adj} intelligence officers",
)


def nationality(rng: random.Random) -> list[Case]:
    """'<Adjective> troops shelled <adjective> positions': both sides coded by nationality."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    who = rng.choice(["troops", "forces", "soldiers", "artillery units"])
    return [
        Case(
            f"{a.adjective} {who} shelled {b.adjective} positions near {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def institution(rng: random.Random) -> list[Case]:
    """A national institution ('the Kenyan interior ministry', 'Nigerien police') acts for its country."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    who = rng.choice(INSTITUTIONS).format(adj=nation.adjective)
    n = rng.randint(12, 80)
    return [
        Case(
            f"{who[0].upper()}{who[1:]} arrested {n} suspected smugglers in {town}.",
            pools.published(rng),
            want=(expect("COERCE", actor=[nation.code], size={"arrested": n}),),
        ),
    ]


def capital(rng: random.Random) -> list[Case]:
    """A capital stands for its government: 'Moscow accused Kyiv of ...'."""
    a, b = pools.pick_two(rng)
    charge = rng.choice(["of shelling border villages", "of violating the truce", "of sheltering rebels"])
    return [
        Case(
            f"{a.capital} accused {b.capital} {charge}.",
            pools.published(rng),
            want=(expect("ACCUSE", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def country_pair(rng: random.Random) -> list[Case]:
    """A country name and its government as actor: the same code either way."""
    a, b = pools.pick_two(rng)
    pub = pools.published(rng)
    charge = "of arming rebels"
    return [
        Case(
            f"{a.name} accused {b.name} {charge}.",
            pub,
            want=(expect("ACCUSE", actor=[a.code], recipient=[b.code]),),
        ),
        Case(
            f"The {a.adjective} government accused the {b.adjective} government {charge}.",
            pub,
            want=(expect("ACCUSE", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def igo(rng: random.Random) -> list[Case]:
    """International bodies act with their own codes: sanctions and aid."""
    body, code = rng.choice(IGOS)
    nation = rng.choice(pools.NATIONS)
    if code == "IGOUNODEVWBK":
        text, event = f"{body} approved a $300 million emergency loan to {nation.name}.", "AID"
    elif rng.random() < 0.5 and code in ("IGOEUREEC", "IGOUNO"):
        text, event = f"{body} imposed sanctions on {nation.adjective} officials.", "SANCTION"
    else:
        text, event = f"{body} sent emergency food aid to {nation.name}.", "AID"
    return [Case(text, pools.published(rng), want=(expect(event, actor=[code], recipient=[nation.code]),))]


def named_group(rng: random.Random) -> list[Case]:
    """Named armed groups from many regions act with the code of their country."""
    group = rng.choice(pools.GROUPS)
    home = pools.MYANMAR if group.code == "MMR" else pools.BY_CODE[group.home]
    town = rng.choice(home.towns)
    name = group.name[0].upper() + group.name[1:]
    return [
        Case(
            f"{name} fighters attacked {pools.a(home.adjective)} army base near {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[group.code], recipient=[home.code]),),
        ),
    ]


def met(rng: random.Random) -> list[Case]:
    """'X and Y officials met': both are the actor of CONSULT, with no recipient."""
    a, b = pools.pick_two(rng)
    place = rng.choice(["Geneva", "Doha", "Istanbul", "Addis Ababa", "Vienna"])
    who = rng.choice(["foreign ministers", "officials", "military commanders", "envoys"])
    return [
        Case(
            f"{a.adjective} and {b.adjective} {who} met in {place} on {rng.choice(pools.WEEKDAYS)}.",
            pools.published(rng),
            want=(expect("CONSULT", actor=[a.code, b.code], recipient=[]),),
        ),
    ]


def agreed(rng: random.Random) -> list[Case]:
    """'X and Y agreed / signed': both are the actor of AGREE, with no recipient."""
    a, b = pools.pick_two(rng)
    what = rng.choice(
        [
            "agreed to a ceasefire",
            "signed a prisoner exchange deal",
            "agreed to reopen the border crossing",
            "signed a trade agreement",
        ]
    )
    return [
        Case(
            f"{a.name} and {b.name} {what}.",
            pools.published(rng),
            want=(expect("AGREE", actor=[a.code, b.code], recipient=[]),),
        ),
    ]


def clash_pair(rng: random.Random) -> list[Case]:
    """Two-sided fighting: both the actor, no recipient; one-sided attack: actor and recipient."""
    a, b = pools.pick_two(rng)
    town = rng.choice(a.towns + b.towns)
    pub = pools.published(rng)
    return [
        Case(
            f"{a.adjective} and {b.adjective} troops clashed near {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code, b.code], recipient=[]),),
        ),
        Case(
            f"{a.adjective} troops attacked {b.adjective} troops near {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def talks(rng: random.Random) -> list[Case]:
    """'X and Y held talks': CONSULT by both, no recipient."""
    a, b = pools.pick_two(rng)
    place = rng.choice(["Cairo", "Nairobi", "Oslo", "Muscat", "Jeddah"])
    return [
        Case(
            f"Delegations from {a.name} and {b.name} held talks in {place} on ending the fighting.",
            pools.published(rng),
            want=(expect("CONSULT", actor=[a.code, b.code], recipient=[]),),
        ),
    ]


TEMPLATES: tuple[Template, ...] = (
    Template("actors.nationality", "nationality adjectives code both sides", nationality, draws=24),
    Template("actors.institution", "national institutions act for their country", institution, draws=24),
    Template("actors.capital", "a capital stands for its government", capital, draws=22),
    Template("actors.country_pair", "a country's name vs its government", country_pair),
    Template("actors.igo", "international bodies act with their own codes", igo, draws=22),
    Template("actors.named_group", "named armed groups from many regions", named_group, draws=24),
    Template("reciprocal.met", "X and Y met: both the actor, no recipient", met, draws=22),
    Template("reciprocal.agreed", "X and Y agreed or signed: both the actor", agreed, draws=22),
    Template("reciprocal.clash_pair", "X and Y clashed vs X attacked Y", clash_pair),
    Template("reciprocal.talks", "delegations of X and Y held talks: both the actor", talks, draws=22),
)
