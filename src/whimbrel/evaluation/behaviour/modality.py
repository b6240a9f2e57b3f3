"""Templates: reported speech, negation, hedges, future and intent, threats and hypotheticals."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect


def _pair(rng: random.Random) -> tuple[pools.Nation, pools.Nation, str]:
    a, b = pools.pick_two(rng)
    return a, b, rng.choice(b.towns)


def speech_pair(rng: random.Random) -> list[Case]:
    """An attack in reported speech vs in the reporter's voice: both asserted, the source no actor."""
    a, b, town = _pair(rng)
    pub = pools.published(rng)
    source = rng.choice(["a local official", "a military spokesman", "the regional governor", "witnesses"])
    verb = rng.choice(["shelled", "bombed", "attacked"])
    body = f"{a.adjective} forces {verb} {b.adjective} positions near {town} overnight"
    want = (expect("ASSAULT", actor=[a.code], recipient=[b.code], status="asserted"),)
    return [
        Case(f"{body}, {source} said.", pub, want=want),
        Case(f"{body}.", pub, want=want),
    ]


def speech_that(rng: random.Random) -> list[Case]:
    """'X said that Y attacked Z': Y is the actor, never X."""
    a, b, town = _pair(rng)
    speaker = rng.choice(["The United Nations", "Amnesty International", "The Red Cross"])
    return [
        Case(
            f"{speaker} said that {a.adjective} troops had attacked {b.adjective} civilians in {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code]),),
        ),
    ]


def negation_pair(rng: random.Random) -> list[Case]:
    """'X did not attack Y' is no asserted attack; 'X attacked Y' is one."""
    a, b, town = _pair(rng)
    pub = pools.published(rng)
    neg = rng.choice(["did not attack", "never attacked", "has not attacked"])
    return [
        Case(
            f"{a.adjective} forces {neg} {b.adjective} positions near {town}.",
            pub,
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
        Case(
            f"{a.adjective} forces attacked {b.adjective} positions near {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], recipient=[b.code], status="asserted"),),
        ),
    ]


def negated_arrest(rng: random.Random) -> list[Case]:
    """'Police did not arrest anyone' / 'no arrests were made' is no asserted arrest."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    text = rng.choice(
        [
            f"Police in {town} did not arrest any of the protesters.",
            f"{nation.adjective} police have not detained anyone over the killing in {town}.",
            f"No one has been arrested over the attack in {town}, {nation.adjective} police said.",
        ]
    )
    return [Case(text, pools.published(rng), forbid=(expect("COERCE", status="asserted"),))]


def hedge_pair(rng: random.Random) -> list[Case]:
    """A hedged report is unverified; the same report without the hedge is asserted."""
    a, b, town = _pair(rng)
    pub = pools.published(rng)
    hedge = rng.choice(["reportedly", "allegedly", "apparently"])
    return [
        Case(
            f"{a.adjective} drones {hedge} struck {pools.a(b.adjective)} fuel depot in {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], status="unverified"),),
        ),
        Case(
            f"{a.adjective} drones struck {pools.a(b.adjective)} fuel depot in {town}.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], status="asserted"),),
        ),
    ]


def unconfirmed(rng: random.Random) -> list[Case]:
    """'According to unconfirmed reports' makes the event unverified."""
    a, _b, town = _pair(rng)
    opener = rng.choice(
        ["According to unconfirmed reports,", "Unconfirmed reports said", "Rumours spread that"]
    )
    return [
        Case(
            f"{opener} {a.adjective} troops shelled the outskirts of {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], status="unverified"),),
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
    ]


def future_pair(rng: random.Random) -> list[Case]:
    """'X will launch an offensive' is future, never an asserted attack; the past tense is asserted."""
    a, _b, town = _pair(rng)
    pub = pools.published(rng)
    plan = rng.choice(["will launch an offensive on", "plans to attack", "is preparing to storm"])
    return [
        Case(
            f"The {a.adjective} army {plan} {town}, a commander said.",
            pub,
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
        Case(
            f"The {a.adjective} army launched an offensive on {town}, a commander said.",
            pub,
            want=(expect("ASSAULT", actor=[a.code], status="asserted"),),
        ),
    ]


def threat(rng: random.Random) -> list[Case]:
    """'X threatened to strike Y' is THREATEN by X against Y, and no asserted attack."""
    a, b, _ = _pair(rng)
    verb = rng.choice(["threatened to strike", "warned it would retaliate against", "vowed to hit"])
    return [
        Case(
            f"The {a.adjective} government {verb} {b.name}.",
            pools.published(rng),
            want=(expect("THREATEN", actor=[a.code], recipient=[b.code]),),
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
    ]


def hypothetical(rng: random.Random) -> list[Case]:
    """A conditional attack ('any attack ... would be met with force') is no asserted attack."""
    a, b, town = _pair(rng)
    return [
        Case(
            f"{b.adjective} officials said any attack by {a.adjective} forces on {town} would be met with "
            "force.",
            pools.published(rng),
            forbid=(expect("ASSAULT", status="asserted"),),
        ),
    ]


def request(rng: random.Random) -> list[Case]:
    """'X called on Y to withdraw' is REQUEST by X of Y, and no asserted withdrawal."""
    a, b, town = _pair(rng)
    return [
        Case(
            f"{a.name} called on {b.name} to withdraw its troops from {town}.",
            pools.published(rng),
            want=(expect("REQUEST", actor=[a.code], recipient=[b.code]),),
            forbid=(expect("RETREAT", status="asserted"),),
        ),
    ]


TEMPLATES: tuple[Template, ...] = (
    Template("speech.said_pair", "an attack in reported speech vs the reporter's voice", speech_pair),
    Template("speech.said_that", "X said that Y attacked Z: Y acts, not the speaker", speech_that, draws=22),
    Template("negation.attack_pair", "did not attack vs attacked", negation_pair),
    Template("negation.no_arrest", "no one was arrested: no asserted COERCE", negated_arrest, draws=22),
    Template("hedge.adverb_pair", "reportedly/allegedly struck vs struck", hedge_pair),
    Template("hedge.unconfirmed", "unconfirmed reports make the event unverified", unconfirmed, draws=22),
    Template("future.offensive_pair", "will launch an offensive vs launched one", future_pair),
    Template("future.threat", "threatened to strike: THREATEN, no attack", threat, draws=22),
    Template("future.hypothetical", "any attack would be met with force: no attack", hypothetical, draws=22),
    Template("future.request", "called on Y to withdraw: REQUEST, no retreat", request, draws=22),
)
