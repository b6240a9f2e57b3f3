"""The behavioural suite through the real pipeline: no template's pass rate may fall below its floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.evaluation import ratchet
from whimbrel.evaluation.behaviour import suite
from whimbrel.pipeline import Resources

RATCHET = Path(__file__).with_name("ratchet.toml")


@pytest.mark.slow
def test_every_template_holds_its_floor(resources: Resources) -> None:
    _, floors = ratchet.read(RATCHET)
    report = suite.run(resources=resources)
    problems = ratchet.shortfalls(floors, {"behaviour": report.rates()})
    examples = {
        r.name: f"{r.failures[0].text!r} -> {r.failures[0].reason}"
        for r in report.results
        if r.failures and any(f"] {r.name}:" in p for p in problems)
    }
    assert not problems, "\n".join([*problems, "first failing case of each:", *examples.values()])
