"""The wire corpus through run + export on both halves: no figure may fall below its floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.evaluation import ratchet, wire
from whimbrel.pipeline import Resources

RATCHET = Path(__file__).with_name("wire_ratchet.toml")


@pytest.mark.slow
def test_wire_figures_hold_their_floors(resources: Resources) -> None:
    _, floors = ratchet.read(RATCHET)
    measured = {
        f"wire.{s}": wire.figures(wire.evaluate(split=s, resources=resources)) for s in ("dev", "test")
    }
    problems = ratchet.shortfalls(floors, measured)
    assert not problems, "\n".join(problems)
