"""The actor-resolution suite's own rows: well formed, and consistent with the shipped knowledge base.

These checks keep the suite honest as the knowledge base changes: every expected identifier exists,
holds on the row's date, and carries the expected code and sector, so a failing case in
``whimbrel eval`` is a resolution error, never a stale expectation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whimbrel.knowledge.actors import ActorKB

SUITE = (
    Path(__file__).resolve().parents[2] / "src" / "whimbrel" / "evaluation" / "data" / "actor_resolution.tsv"
)


def rows() -> list[list[str]]:
    lines = [line for line in SUITE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t") == ["published", "phrase", "code", "sector", "identifier", "text"]
    return [line.split("\t") for line in lines[1:]]


def test_the_suite_is_large_and_well_formed() -> None:
    suite = rows()
    assert len(suite) >= 300
    for published, phrase, _code, _sector, _identifier, text in suite:
        dt.date.fromisoformat(published)
        assert phrase.casefold() in text.casefold(), phrase
    countries = {code for _, _, code, *_ in suite if len(code) == 3}
    assert len(countries) >= 60


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


def test_expected_identifiers_hold_on_the_row_date(kb: ActorKB) -> None:
    entries = {e.id: e for e in kb.entries()}
    problems = []
    for published, phrase, code, sector, identifier, _text in rows():
        if identifier == "-":
            continue
        entry = entries.get(identifier)
        if entry is None:
            problems.append(f"{phrase}: no entry {identifier}")
        elif (
            not entry.valid_on(published) or entry.code != code or (sector != "-" and entry.sector != sector)
        ):
            problems.append(f"{phrase}: {identifier} is {entry.code} {entry.sector} from {entry.valid_from}")
    assert problems == []
