"""The linear model container: prediction from a feature vector, JSON weights and the shipped models.

Weights are JSON (``LinearModel.to_json``), rounded when trained so a model read back predicts exactly
what the trained one did; prediction is a sparse dot product in pure Python.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from whimbrel.classify.features import FeatureSpec, featurise
from whimbrel.errors import ModelError

Kind = Literal["multilabel", "multiclass"]

FORMAT = "whimbrel-linear/1"
MODELS_DIR = Path(__file__).resolve().parent / "models"


@dataclass
class LinearModel:
    """A trained linear classifier: weights per feature and label, a bias and a threshold per label."""

    name: str
    kind: Kind
    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    at_least_one: bool = False  # multi-label: predict the best label when none passes its threshold
    meta: dict[str, Any] = field(default_factory=dict)

    def scores_of(self, feats: Mapping[str, float]) -> list[float]:
        """Raw scores (logits), one per label, of a feature vector."""
        out = list(self.bias)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for j, wj in enumerate(w):
                    out[j] += wj * value
        return out

    def proba_of(self, feats: Mapping[str, float]) -> list[float]:
        """Probabilities per label: sigmoids (multi-label) or a softmax (multi-class)."""
        z = self.scores_of(feats)
        if self.kind == "multiclass":
            top = max(z)
            e = [math.exp(v - top) for v in z]
            total = sum(e)
            return [v / total for v in e]
        return [_sigmoid(v) for v in z]

    def decide(self, proba: Sequence[float]) -> list[str]:
        """The labels a probability vector gives."""
        if self.kind == "multiclass":
            best = max(range(len(proba)), key=lambda j: (proba[j], -j))
            return [self.labels[best]]
        chosen = [lab for lab, p, t in zip(self.labels, proba, self.thresholds, strict=True) if p >= t]
        if not chosen and self.at_least_one and proba:
            ratio = [p / t if t > 0 else p for p, t in zip(proba, self.thresholds, strict=True)]
            chosen = [self.labels[max(range(len(ratio)), key=lambda j: (ratio[j], -j))]]
        return chosen

    def predict_proba(self, text: str, extra: Iterable[str] = ()) -> dict[str, float]:
        """Label -> probability for ``text``."""
        return dict(zip(self.labels, self.proba_of(featurise(text, self.spec, extra)), strict=True))

    def predict(self, text: str, extra: Iterable[str] = ()) -> list[str]:
        """The labels of ``text`` (exactly one for a multi-class model)."""
        return self.decide(self.proba_of(featurise(text, self.spec, extra)))

    # -- JSON ---------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data, features sorted; floats are written exactly (``train`` rounds them)."""
        return {
            "format": FORMAT,
            "name": self.name,
            "kind": self.kind,
            "labels": list(self.labels),
            "features": self.spec.to_json(),
            "at_least_one": self.at_least_one,
            "bias": list(self.bias),
            "thresholds": list(self.thresholds),
            "meta": self.meta,
            "weights": {name: list(w) for name, w in sorted(self.weights.items()) if any(w)},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        """A model written by ``to_json``; raises ModelError when the data is not one."""
        if data.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} model (format {data.get('format')!r})")
        try:
            labels = tuple(str(x) for x in data["labels"])
            kind = data["kind"]
            if kind not in ("multilabel", "multiclass"):
                raise ModelError(f"unknown model kind {kind!r}")
            weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}
            bias = tuple(float(x) for x in data["bias"])
            thresholds = tuple(float(x) for x in data["thresholds"])
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"malformed model: {e}") from None
        n = len(labels)
        if len(bias) != n or len(thresholds) != n or any(len(w) != n for w in weights.values()):
            raise ModelError("malformed model: weights, bias and thresholds must have one value per label")
        return cls(
            name=str(data.get("name", "")),
            kind=kind,
            labels=labels,
            weights=weights,
            bias=bias,
            thresholds=thresholds,
            spec=FeatureSpec.from_json(data.get("features", {})),
            at_least_one=bool(data.get("at_least_one", False)),
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        """Write the model as compact JSON."""
        path.write_text(json.dumps(self.to_json(), separators=(",", ":"), sort_keys=False) + "\n", "utf-8")

    @classmethod
    def read(cls, path: Path) -> LinearModel:
        """Read a model file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"{path}: no such model file") from None
        except (OSError, ValueError) as e:
            raise ModelError(f"{path}: cannot read model: {e}") from None
        return cls.from_json(data)


@functools.cache
def load_model(name: str) -> LinearModel:
    """A shipped model by name (``satp``, ``indiapolice``, ``pentaclass``), read once per process."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ModelError(f"bad model name {name!r}")
    return LinearModel.read(MODELS_DIR / f"{name}.json")


def shipped_models() -> list[str]:
    """The names of the shipped models."""
    return sorted(p.stem for p in MODELS_DIR.glob("*.json"))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
