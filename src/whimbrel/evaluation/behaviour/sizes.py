"""Templates: sizes in words and in figures (crowds, arrests, tolls), and a lone victim counting as one."""

from __future__ import annotations

import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect

# Vague sizes and the range of counts that reads them right.
CROWDS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("Tens of thousands of", (10000, 99999)),
    ("Thousands of", (2000, 9999)),
    ("Hundreds of", (200, 999)),
    ("Dozens of", (24, 99)),
    ("Hundreds of thousands of", (200000, 999999)),
    ("Scores of", (40, 99)),
)


def crowd(rng: random.Random) -> list[Case]:
    """'Tens of thousands of people marched': a count in the range the words mean."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    words, bounds = rng.choice(CROWDS)
    who = rng.choice(["people", "protesters", "demonstrators", "students"])
    verb = rng.choice(["marched through", "rallied in", "protested in"])
    return [
        Case(
            f"{words} {who} {verb} {town} against the government.",
            pools.published(rng),
            want=(expect("PROTEST", size={"count": bounds}),),
        ),
    ]


def crowd_figure_pair(rng: random.Random) -> list[Case]:
    """A crowd in figures vs the same crowd in words."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    pub = pools.published(rng)
    n = rng.choice([300, 450, 1200, 5000, 15000, 40000])
    return [
        Case(f"About {n:,} people protested in {town}.", pub, want=(expect("PROTEST", size={"count": n}),)),
        Case(
            f"{'Thousands' if n >= 2000 else 'Hundreds'} of people protested in {town}.",
            pub,
            want=(expect("PROTEST", size={"count": (2000, 9999) if n >= 2000 else (200, 999)}),),
        ),
    ]


def arrested_words(rng: random.Random) -> list[Case]:
    """'Police arrested dozens of ...': an arrested count in the range the words mean."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    words, bounds = rng.choice([("dozens of", (24, 99)), ("hundreds of", (200, 999)), ("a dozen", (12, 12))])
    return [
        Case(
            f"{nation.adjective} police arrested {words} protesters in {town}.",
            pools.published(rng),
            want=(expect("COERCE", size={"arrested": bounds}),),
        ),
    ]


def toll_words(rng: random.Random) -> list[Case]:
    """Tolls in words: 'a dozen', 'two dozen', 'more than a hundred', 'at least 30'."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    words, value = rng.choice(
        [
            ("a dozen", (12, 12)),
            ("at least two dozen", (24, 24)),
            ("more than a hundred", (100, 101)),
            ("at least 30", (30, 30)),
            ("nearly 50", (49, 50)),
            ("some 20", (20, 20)),
        ]
    )
    return [
        Case(
            f"{a.adjective} air strikes killed {words} people in {town}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], size={"dead": value}),),
        ),
    ]


def lone_victim(rng: random.Random) -> list[Case]:
    """A lone victim counts as one: 'shot and killed a villager', 'the officer died'."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    text = rng.choice(
        [
            f"{nation.adjective} soldiers shot and killed a villager near {town}.",
            f"{pools.a(nation.adjective, capital=True)} soldier stabbed a shepherd to death near {town}.",
            f"{nation.adjective} police shot dead a student during a protest in {town}.",
        ]
    )
    return [
        Case(text, pools.published(rng), want=(expect("ASSAULT", actor=[nation.code], size={"dead": 1}),))
    ]


def dead_and_injured(rng: random.Random) -> list[Case]:
    """Dead and wounded kept apart: 'killing N and wounding M'."""
    a, b = pools.pick_two(rng)
    town = rng.choice(b.towns)
    n, word = pools.number(rng)
    m = n + rng.randint(3, 30)
    missile = pools.a(a.adjective, capital=True)
    return [
        Case(
            f"{missile} missile struck {town}, killing {word} people and wounding {m}.",
            pools.published(rng),
            want=(expect("ASSAULT", actor=[a.code], size={"dead": n, "injured": m}),),
        ),
    ]


TEMPLATES: tuple[Template, ...] = (
    Template("sizes.crowd_words", "tens of thousands, thousands, hundreds, dozens, scores", crowd, draws=24),
    Template("sizes.crowd_figure_pair", "a crowd in figures vs in words", crowd_figure_pair),
    Template("sizes.arrested_words", "arrested dozens / hundreds / a dozen", arrested_words, draws=22),
    Template("sizes.toll_words", "a dozen, two dozen, more than a hundred killed", toll_words, draws=24),
    Template("sizes.lone_victim", "a lone victim counts as one", lone_victim, draws=22),
    Template("sizes.dead_and_injured", "killing N and wounding M", dead_and_injured, draws=22),
)
