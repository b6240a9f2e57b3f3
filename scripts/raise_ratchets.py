"""Raise the committed ratchets to what the product measures now (never lowering a floor).

Run after a change that makes more behavioural cases or wire events come out right:

    .venv/bin/python scripts/raise_ratchets.py

It codes the behavioural suite, both halves of the wire corpus through run + export and both halves of
the actor-resolution suite, and rewrites tests/behaviour/ratchet.toml, tests/evaluation/wire_ratchet.toml
and tests/evaluation/actors_ratchet.toml with every floor raised to the
figure measured now (rounded down to three decimals). A floor that would have to go down is left as it
is and reported; lowering one is a hand edit in a commit that says why.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from whimbrel.config import load_config
from whimbrel.evaluation import actor_resolution, ratchet, wire
from whimbrel.evaluation.behaviour import suite
from whimbrel.pipeline import Resources

ROOT = Path(__file__).resolve().parent.parent
BEHAVIOUR = ROOT / "tests" / "behaviour" / "ratchet.toml"
WIRE = ROOT / "tests" / "evaluation" / "wire_ratchet.toml"
ACTORS = ROOT / "tests" / "evaluation" / "actors_ratchet.toml"


def _update(path: Path, measured: Mapping[str, Mapping[str, float]]) -> None:
    header, floors = ratchet.read(path)
    for problem in ratchet.shortfalls(floors, measured):
        if "no floor" not in problem:  # new names simply start at their measured figure
            print(f"{path.name}: {problem}", file=sys.stderr)
    path.write_text(ratchet.render(header, ratchet.raised(floors, measured)), "utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    """Measure and rewrite both ratchet files."""
    resources = Resources(load_config(env={}))
    _update(BEHAVIOUR, {"behaviour": suite.run(resources=resources).rates()})
    _update(
        WIRE,
        {f"wire.{s}": wire.figures(wire.evaluate(split=s, resources=resources)) for s in ("dev", "test")},
    )
    _update(
        ACTORS,
        {
            f"actors.{s}": actor_resolution.figures(actor_resolution.evaluate(split=s, resources=resources))
            for s in ("dev", "test")
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
