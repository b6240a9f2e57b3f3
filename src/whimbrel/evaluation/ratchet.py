"""Ratchets: committed floors under measured figures (behaviour pass rates, wire precision and recall).

A ratchet file is TOML: a header of comments (how to raise it), then one table per suite of
``"name" = value`` floors. :func:`shortfalls` lists every figure below its floor and every name that is
in one of the two but not the other; :func:`raised` writes the file again with each floor raised to the
figure measured now (a floor is never lowered by it; lowering one is a hand edit in a commit that says
why). Values are written rounded down to three decimals, so a figure always meets its own floor.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path

Floors = dict[str, dict[str, float]]


def read(path: Path) -> tuple[list[str], Floors]:
    """The header comment lines and the floors of the ratchet file at ``path``."""
    text = path.read_text("utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    data = tomllib.loads(text)
    floors: Floors = {}
    for table, values in data.items():
        if not isinstance(values, dict):
            raise ValueError(f"{path}: {table!r} is not a table of floors")
        floors[table] = {str(k): float(v) for k, v in values.items()}
    return header, floors


def floor3(value: float) -> float:
    """``value`` rounded down to three decimals."""
    return math.floor(value * 1000 + 1e-9) / 1000


def shortfalls(
    floors: Mapping[str, Mapping[str, float]], measured: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """Every measured figure below its floor, and every name missing from either side, as sentences."""
    problems = []
    for table in sorted(set(floors) | set(measured)):
        have, want = measured.get(table, {}), floors.get(table, {})
        for name in sorted(set(have) | set(want)):
            if name not in want:
                problems.append(
                    f"[{table}] {name}: measured {have[name]:.3f} but has no floor in the ratchet file"
                )
            elif name not in have:
                problems.append(f"[{table}] {name}: has a floor ({want[name]:.3f}) but was not measured")
            elif have[name] + 1e-9 < want[name]:
                problems.append(f"[{table}] {name}: {have[name]:.3f} is below its floor {want[name]:.3f}")
    return problems


def render(header: list[str], floors: Mapping[str, Mapping[str, float]]) -> str:
    """The text of a ratchet file."""
    lines = [*header, ""]
    for table in floors:
        lines.append(f'["{table}"]' if "." in table else f"[{table}]")
        for name, value in floors[table].items():
            lines.append(f'"{name}" = {value:.3f}')
        lines.append("")
    return "\n".join(lines)


def raised(
    floors: Mapping[str, Mapping[str, float]], measured: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """The floors raised to the measured figures (never lowered); new names get their measured figure."""
    out: dict[str, dict[str, float]] = {}
    for table, values in measured.items():
        old = floors.get(table, {})
        out[table] = {name: max(old.get(name, 0.0), floor3(value)) for name, value in values.items()}
    return out
