"""The gold data sets ``whimbrel eval`` knows: a name, a module and a one-line description.

Each module has ``evaluate(data_dir: Path, *, limit: int | None = None) -> Report``; ``data_dir`` is the
folder that holds every data set (``../shared/data`` by default), and the module finds its own files in
it. A module is imported only when its data set is evaluated.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import cast

from whimbrel.errors import EvaluationError
from whimbrel.evaluation.metrics import Report

DEFAULT_DATA_DIR = Path("../shared/data")

Evaluate = Callable[..., Report]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A registered gold data set."""

    name: str
    module: str
    description: str

    def evaluator(self) -> Evaluate:
        """The module's ``evaluate`` function."""
        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as exc:
            if exc.name == self.module:
                raise EvaluationError(f"data set {self.name!r} is not available in this version") from None
            raise
        func = getattr(module, "evaluate", None)
        if not callable(func):
            raise EvaluationError(f"{self.module} has no evaluate() function")
        return cast(Evaluate, func)


DATASETS: Mapping[str, Dataset] = MappingProxyType(
    {
        d.name: d
        for d in (
            Dataset(
                "plover-gsr",
                "whimbrel.evaluation.plover_gsr",
                "PLOVER gold-standard records: event type, actor, recipient, mode, confidence",
            ),
            Dataset(
                "petrarch",
                "whimbrel.evaluation.petrarch",
                "PETRARCH validation sentences: CAMEO codes, source and target",
            ),
            Dataset(
                "cameo-pentacode",
                "whimbrel.evaluation.cameo_pentacode",
                "ConfliBERT CAMEO task: pentaclass and source/target spans",
            ),
            Dataset(
                "satp",
                "whimbrel.evaluation.satp",
                "SATP attack types (armed assault, bombing, kidnapping, other)",
            ),
            Dataset(
                "indiapolice",
                "whimbrel.evaluation.indiapolice",
                "IndiaPoliceEvents: police events per sentence",
            ),
        )
    }
)


def get(name: str) -> Dataset:
    """The data set called ``name``; an unknown name raises EvaluationError listing the known ones."""
    try:
        return DATASETS[name]
    except KeyError:
        raise EvaluationError(f"unknown data set {name!r}; choose one of: {', '.join(DATASETS)}") from None


def evaluate(name: str, data_dir: Path = DEFAULT_DATA_DIR, *, limit: int | None = None) -> Report:
    """Evaluate the coder on the data set ``name`` read from ``data_dir``."""
    dataset = get(name)
    if not Path(data_dir).is_dir():
        raise EvaluationError(f"{data_dir} not found: no gold data directory")
    if limit is not None and limit < 1:
        raise EvaluationError(f"limit must be a positive number, got {limit}")
    return dataset.evaluator()(Path(data_dir), limit=limit)
