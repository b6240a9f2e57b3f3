"""Templates: dates relative to publication (weekdays, yesterday, last night, last week, this month)."""

from __future__ import annotations

import datetime as dt
import random

from whimbrel.evaluation.behaviour import pools
from whimbrel.evaluation.behaviour.cases import Case, Template, expect


def _event(rng: random.Random) -> tuple[str, str, pools.Nation]:
    """A sentence frame with one slot for the time phrase, and its event type."""
    nation = rng.choice(pools.NATIONS)
    town = rng.choice(nation.towns)
    n, word = pools.number(rng)
    frame, event = rng.choice(
        [
            (f"Police arrested {n + 10} protesters in {town} {{when}}.", "COERCE"),
            (f"{nation.adjective} troops shelled a village near {town} {{when}}.", "ASSAULT"),
            (f"Thousands of {nation.adjective} teachers protested in {town} {{when}}.", "PROTEST"),
            (f"Gunmen killed {word} farmers near {town} {{when}}.", "ASSAULT"),
        ]
    )
    return frame, event, nation


def _weekday_case(rng: random.Random, back: int) -> Case:
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    name, day = pools.weekday_before(pub, back)
    return Case(frame.format(when=f"on {name}"), pub, want=(expect(event, date=day),))


def weekday_same(rng: random.Random) -> list[Case]:
    """A weekday that is the publication day means that day."""
    return [_weekday_case(rng, 0)]


def weekday_before(rng: random.Random) -> list[Case]:
    """The weekday before publication means the day before."""
    return [_weekday_case(rng, 1)]


def weekday_earlier(rng: random.Random) -> list[Case]:
    """Any other weekday means the latest such day before publication (2 to 6 days back)."""
    return [_weekday_case(rng, rng.randint(2, 6))]


def weekday_pair(rng: random.Random) -> list[Case]:
    """One sentence published on the weekday it names and on the day after: the same date."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    name = pools.WEEKDAYS[pub.weekday()]
    text = frame.format(when=f"on {name}")
    return [
        Case(text, pub, want=(expect(event, date=pub),)),
        Case(text, pub + dt.timedelta(days=1), want=(expect(event, date=pub),)),
    ]


def yesterday(rng: random.Random) -> list[Case]:
    """'yesterday' is the day before publication."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    return [Case(frame.format(when="yesterday"), pub, want=(expect(event, date=pub - dt.timedelta(days=1)),))]


def last_night(rng: random.Random) -> list[Case]:
    """'last night' / 'overnight' is the night before the publication day."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    when = rng.choice(["last night", "late last night"])
    return [Case(frame.format(when=when), pub, want=(expect(event, date=pub - dt.timedelta(days=1)),))]


def explicit(rng: random.Random) -> list[Case]:
    """'on 3 March' / 'on March 3' is that day of the publication year (or the year before)."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    day = pub - dt.timedelta(days=rng.randint(1, 20))
    month = pools.MONTHS[day.month - 1]
    when = rng.choice([f"on {day.day} {month}", f"on {month} {day.day}"])
    return [Case(frame.format(when=when), pub, want=(expect(event, date=day),))]


def last_week(rng: random.Random) -> list[Case]:
    """'last week' is a day of the calendar week before publication, or its month."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    monday = pub - dt.timedelta(days=pub.weekday() + 7)
    days = [monday + dt.timedelta(days=k) for k in range(7)]
    accepted = [d.isoformat() for d in days] + sorted({d.isoformat()[:7] for d in days})
    return [Case(frame.format(when="last week"), pub, want=(expect(event, date=accepted),))]


def this_month(rng: random.Random) -> list[Case]:
    """'earlier this month' is the publication month (or a day of it before publication)."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    pub = pub.replace(day=max(pub.day, 10))
    days = [pub.replace(day=k).isoformat() for k in range(1, pub.day)]
    return [
        Case(
            frame.format(when="earlier this month"),
            pub,
            want=(expect(event, date=[pub.isoformat()[:7], *days]),),
        )
    ]


def no_date(rng: random.Random) -> list[Case]:
    """With no time phrase the event takes the publication date."""
    frame, event, _ = _event(rng)
    pub = pools.published(rng)
    return [Case(frame.format(when="").replace(" .", "."), pub, want=(expect(event, date=pub),))]


TEMPLATES: tuple[Template, ...] = (
    Template("dates.weekday_same_day", "a weekday that is the publication day", weekday_same, draws=24),
    Template("dates.weekday_day_before", "the weekday before the publication day", weekday_before, draws=24),
    Template("dates.weekday_earlier", "a weekday 2 to 6 days before publication", weekday_earlier, draws=24),
    Template("dates.weekday_pair", "one text published on its weekday and the day after", weekday_pair),
    Template("dates.yesterday", "yesterday", yesterday, draws=22),
    Template("dates.last_night", "last night", last_night, draws=22),
    Template("dates.explicit_day", "a day and month in the text", explicit, draws=22),
    Template("dates.last_week", "last week", last_week, draws=22),
    Template("dates.earlier_this_month", "earlier this month", this_month, draws=22),
    Template("dates.publication_fallback", "no time phrase: the publication day", no_date, draws=22),
)
