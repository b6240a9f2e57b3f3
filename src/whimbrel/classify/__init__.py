"""Statistical classifiers for what the rule coder does not decide well, and the recipes that train them.

Each shipped model (``models/<name>.json``) is a ``LinearModel`` trained by ``scripts/train.py`` from
the visible gold data with the recipe of the same name below; the evaluations use the same recipe in
k-fold cross-validation, so no reported score comes from a model that saw the scored rows.

- ``satp``: attack types of a South Asian terrorism report (multi-label: armed_assault,
  bombing_explosion, kidnapping, other).
- ``indiapolice``: what police did in a sentence (multi-label: KILL, ARREST, FAIL, FORCE, ANY_ACTION).
- ``pentaclass``: the CAMEO pentaclass of a sentence (0 statement, 1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict, 4 material conflict).

``docs/models.md`` describes them, their features and their cross-validated scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from whimbrel.classify.features import FeatureSpec, featurise
from whimbrel.classify.model import LinearModel, load_model, shipped_models
from whimbrel.classify.training import TrainConfig, cross_validate, train

__all__ = [
    "RECIPES",
    "FeatureSpec",
    "LinearModel",
    "Recipe",
    "TrainConfig",
    "attack_types",
    "cross_validate",
    "featurise",
    "load_model",
    "pentaclass",
    "police_actions",
    "shipped_models",
    "train",
]


@dataclass(frozen=True)
class Recipe:
    """How one shipped model is trained and cross-validated."""

    name: str
    labels: tuple[str, ...]
    spec: FeatureSpec
    config: TrainConfig
    folds: int = 5
    seed: int = 13  # the fold assignment of the reported cross-validation


RECIPES: Mapping[str, Recipe] = MappingProxyType(
    {
        r.name: r
        for r in (
            Recipe(
                "satp",
                ("armed_assault", "bombing_explosion", "kidnapping", "other"),
                FeatureSpec(lexicon_weight=0.3),
                TrainConfig(kind="multilabel", l2=3e-3, nb_alpha=1.0, threshold=0.4, at_least_one=True),
            ),
            Recipe(
                "indiapolice",
                ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION"),
                FeatureSpec(lexicon_weight=0.3),
                TrainConfig(
                    kind="multilabel", l2=3e-5, nb_alpha=1.0, threshold_folds=2, min_df=8, prune=0.01
                ),
            ),
            Recipe(
                "pentaclass",
                ("0", "1", "2", "3", "4"),
                FeatureSpec(lexicon_weight=0.3),
                TrainConfig(kind="multiclass", l2=3e-5, nb_alpha=1.0),
            ),
        )
    }
)


def attack_types(text: str) -> list[str]:
    """The SATP attack types of a report (``satp`` model): at least one of its four labels."""
    return load_model("satp").predict(text)


def police_actions(sentence: str) -> list[str]:
    """What police did in a sentence (``indiapolice`` model): KILL, ARREST, FAIL, FORCE, ANY_ACTION."""
    return load_model("indiapolice").predict(sentence)


def pentaclass(sentence: str) -> int:
    """The CAMEO pentaclass (0-4) of a sentence (``pentaclass`` model)."""
    return int(load_model("pentaclass").predict(sentence)[0])
