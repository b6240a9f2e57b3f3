"""The actor-resolution suite through the pipeline on both halves: no figure may fall below its floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.evaluation import actor_resolution, ratchet
from whimbrel.pipeline import Resources

RATCHET = Path(__file__).with_name("actors_ratchet.toml")


@pytest.mark.slow
def test_actor_figures_hold_their_floors(resources: Resources) -> None:
    _, floors = ratchet.read(RATCHET)
    measured = {
        f"actors.{s}": actor_resolution.figures(actor_resolution.evaluate(split=s, resources=resources))
        for s in ("dev", "test")
    }
    problems = ratchet.shortfalls(floors, measured)
    assert not problems, "\n".join(problems)
