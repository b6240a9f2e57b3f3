"""``whimbrel eval geovirus``: see :mod:`whimbrel.evaluation.geoparsing`."""

from __future__ import annotations

from pathlib import Path

from whimbrel.config import Settings
from whimbrel.evaluation.geoparsing import evaluate_set
from whimbrel.evaluation.metrics import Report


def evaluate(
    data_dir: Path, *, limit: int | None = None, split: str = "test", settings: Settings | None = None
) -> Report:
    """Score the geocoder on the geovirus gold set's ``split`` articles."""
    return evaluate_set("geovirus", data_dir, limit=limit, split=split, settings=settings)
