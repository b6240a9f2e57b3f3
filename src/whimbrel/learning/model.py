"""The learned stage's model file: linear weights per task, read and applied without any learner.

A model file is JSON: ``{"format": "whimbrel-learned/1", "tasks": {TASK: {"labels": [...],
"features": [...], "weights": [[...] per label], "bias": [...]}}, "meta": {...}}``. ``TASK`` is
``event`` (PLOVER event types) or ``mode`` (PLOVER modes). A sentence's score for a label is its bias
plus the weights of the features present; probabilities are the softmax of the scores (a two-label task
is the same logistic model written as two rows).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whimbrel.errors import ConfigError

FORMAT = "whimbrel-learned/1"
TASKS = ("event", "mode")


@dataclass(frozen=True)
class Task:
    """One task's labels and weights."""

    labels: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per label
    bias: tuple[float, ...]

    def probabilities(
        self, features: Iterable[str], allowed: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Label -> probability for a sentence's features, over ``allowed`` labels only when given."""
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        keep = set(self.labels) if allowed is None else set(allowed) & set(self.labels)
        pairs = [(label, s) for label, s in zip(self.labels, scores, strict=True) if label in keep]
        if not pairs:
            return {}
        top = max(s for _, s in pairs)
        exp = [(label, math.exp(s - top)) for label, s in pairs]
        total = sum(v for _, v in exp)
        return {label: v / total for label, v in exp}

    def vote(self, features: Iterable[str], allowed: Iterable[str] | None = None) -> tuple[str, float] | None:
        """The most probable label and its probability (the first label of equals), or None."""
        probs = self.probabilities(features, allowed)
        if not probs:
            return None
        label = max(probs, key=lambda k: (probs[k], -self.labels.index(k)))
        return label, probs[label]


@dataclass(frozen=True)
class LearnedModel:
    """A model file's tasks and metadata."""

    tasks: Mapping[str, Task]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object (features sorted, so the same model writes the same bytes)."""
        tasks = {}
        for name, task in sorted(self.tasks.items()):
            names = sorted(task.weights)
            tasks[name] = {
                "labels": list(task.labels),
                "features": names,
                "weights": [[task.weights[f][i] for f in names] for i in range(len(task.labels))],
                "bias": list(task.bias),
            }
        return {"format": FORMAT, "tasks": tasks, "meta": dict(self.meta)}

    def save(self, path: Path) -> None:
        """Write the model file."""
        text = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        Path(path).write_text(text + "\n", encoding="utf-8")


def _task(name: str, data: Any, where: str) -> Task:
    try:
        labels = tuple(str(x) for x in data["labels"])
        names = [str(x) for x in data["features"]]
        rows = [[float(w) for w in row] for row in data["weights"]]
        bias = tuple(float(b) for b in data["bias"])
    except (KeyError, TypeError, ValueError):
        raise ConfigError(f"{where}: task {name!r} needs labels, features, weights and bias") from None
    if not labels or len(rows) != len(labels) or len(bias) != len(labels):
        raise ConfigError(f"{where}: task {name!r} needs one weight row and one bias per label")
    if any(len(row) != len(names) for row in rows):
        raise ConfigError(f"{where}: task {name!r} has a weight row of the wrong length")
    weights = {f: tuple(row[i] for row in rows) for i, f in enumerate(names)}
    return Task(labels, weights, bias)


def load_model(path: str | Path) -> LearnedModel:
    """Read a model file; a missing or malformed file raises ConfigError naming it."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{where}: model file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read model file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"{where}: not a whimbrel model file (expected format {FORMAT!r})")
    raw = data.get("tasks")
    if not isinstance(raw, dict) or not raw or set(raw) - set(TASKS):
        raise ConfigError(f"{where}: tasks must be some of {', '.join(TASKS)}")
    meta = data.get("meta")
    return LearnedModel(
        {n: _task(n, t, where) for n, t in raw.items()}, meta if isinstance(meta, dict) else {}
    )


def from_linear(
    labels: Sequence[str], features: Sequence[str], coef: Sequence[Sequence[float]], bias: Sequence[float]
) -> Task:
    """A task from a fitted linear model's classes, feature names, coefficients and intercepts.

    A two-class logistic model has one row (for the second class); it is written as two rows, the first
    the zero row, which gives the same probabilities under the softmax.
    """
    rows = [list(r) for r in coef]
    intercepts = list(bias)
    if len(labels) == 2 and len(rows) == 1:
        rows = [[0.0] * len(features), rows[0]]
        intercepts = [0.0, intercepts[0]]
    digits = 6
    weights = {
        f: tuple(round(float(rows[i][j]), digits) for i in range(len(labels)))
        for j, f in enumerate(features)
        if any(abs(rows[i][j]) >= 10**-digits for i in range(len(labels)))
    }
    return Task(tuple(labels), weights, tuple(round(float(b), digits) for b in intercepts))
