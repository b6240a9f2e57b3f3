"""The gold data sets ``whimbrel eval`` knows: a name, a module and a one-line description.

Each module has ``evaluate(data_dir: Path, *, limit: int | None = None, split: Choice) -> Report``;
``data_dir`` is the folder that holds every data set (``../shared/data`` by default), and the module finds
its own files in it. ``split`` is ``dev``, ``test`` or ``all`` (:mod:`whimbrel.evaluation.splits`); each
data set says what id its items are split by. A module is imported only when its data set is evaluated.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import Report

DEFAULT_DATA_DIR = Path("../shared/data")

Evaluate = Callable[..., Report]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A registered gold data set."""

    name: str
    module: str
    description: str
    split_rule: str  # how its items fall into dev and test
    scored: str = "the records that `whimbrel run` + `whimbrel export` give for the texts"

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
                "the records, by a hash of the record id",
            ),
            Dataset(
                "petrarch",
                "whimbrel.evaluation.petrarch",
                "PETRARCH validation sentences: CAMEO codes, source and target",
                "the files: UnitTest is dev (tune on it), Validate is test",
                "the lines `whimbrel petrarch code` writes for the records",
            ),
            Dataset(
                "cameo-pentacode",
                "whimbrel.evaluation.cameo_pentacode",
                "ConfliBERT CAMEO task: pentaclass and source/target spans",
                "the sentences, by a hash of their text (the files have no ids)",
            ),
            Dataset(
                "satp",
                "whimbrel.evaluation.satp",
                "SATP attack types from the exported events' modes",
                "the reports, by a hash of their text (the file has no ids)",
            ),
            Dataset(
                "lgl",
                "whimbrel.evaluation.lgl",
                "LGL local news: geoparsing (toponyms, 161 km)",
                "articles, by a hash of the article id (GeoVirus: its source URL)",
            ),
            Dataset(
                "tr-news",
                "whimbrel.evaluation.tr_news",
                "TR-News: geoparsing (toponyms, 161 km)",
                "articles, by a hash of the article id (GeoVirus: its source URL)",
            ),
            Dataset(
                "geovirus",
                "whimbrel.evaluation.geovirus",
                "GeoVirus: geoparsing (toponyms, 161 km)",
                "articles, by a hash of the article id (GeoVirus: its source URL)",
            ),
            Dataset(
                "indiapolice",
                "whimbrel.evaluation.indiapolice",
                "IndiaPoliceEvents: police actions from the exported events",
                "the documents, by a hash of doc_id (a document's sentences stay together)",
            ),
            Dataset(
                "acled",
                "whimbrel.evaluation.acled",
                "ACLED event notes: event type, sub-event type, death toll, place, date",
                "the notes, by a hash of doc_id",
            ),
            Dataset(
                "gtd",
                "whimbrel.evaluation.gtd",
                "GTD 2011 attack summaries: attack, attack type, death toll, place, date",
                "the incidents, by a hash of doc_id",
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


def evaluate(
    name: str,
    data_dir: Path = DEFAULT_DATA_DIR,
    *,
    limit: int | None = None,
    split: str = splits.DEFAULT,
    settings: Settings | None = None,
) -> Report:
    """Evaluate the product on the ``split`` items of the data set ``name`` read from ``data_dir``."""
    dataset = get(name)
    try:
        choice = splits.check(split)
    except ValueError as exc:
        raise EvaluationError(str(exc)) from None
    if not Path(data_dir).is_dir():
        raise EvaluationError(f"{data_dir} not found: no gold data directory")
    if limit is not None and limit < 1:
        raise EvaluationError(f"limit must be a positive number, got {limit}")
    kwargs: dict[str, Any] = {} if settings is None else {"settings": settings}
    report = dataset.evaluator()(Path(data_dir), limit=limit, split=choice, **kwargs)
    report.split = choice
    report.notes.insert(
        0,
        f"split {choice} ({'every item' if choice == 'all' else dataset.split_rule}); scored from "
        f"{dataset.scored} (docs/evaluation.md).",
    )
    return report
