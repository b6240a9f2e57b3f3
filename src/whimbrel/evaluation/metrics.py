"""Scores: per-class precision, recall and F1, macro and micro averages, confusion, reliability."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

NONE = "NONE"  # the label of "no event" in single-label tasks


@dataclass(frozen=True, slots=True)
class ClassScore:
    """Counts and scores of one class."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold item."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Gold items of this class."""
        return self.tp + self.fn


@dataclass(frozen=True, slots=True)
class Bin:
    """One row of a reliability table."""

    low: float
    high: float
    n: int
    correct: int

    @property
    def accuracy(self) -> float:
        """Share of correct items in the bin."""
        return self.correct / self.n if self.n else 0.0


@dataclass
class TaskReport:
    """The scores of one scored field of one data set."""

    name: str
    classes: list[ClassScore]
    n: int
    accuracy: float | None = None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    extra: dict[str, float] = field(default_factory=dict)
    reliability: list[Bin] = field(default_factory=list)

    @property
    def micro(self) -> ClassScore:
        """Pooled counts over every scored class."""
        return ClassScore(
            "micro",
            sum(c.tp for c in self.classes),
            sum(c.fp for c in self.classes),
            sum(c.fn for c in self.classes),
        )

    @property
    def macro_f1(self) -> float:
        """Unweighted mean F1 over classes with gold support or predictions."""
        scored = [c for c in self.classes if c.tp + c.fp + c.fn]
        return sum(c.f1 for c in scored) / len(scored) if scored else 0.0

    @property
    def macro_precision(self) -> float:
        """Unweighted mean precision."""
        scored = [c for c in self.classes if c.tp + c.fp + c.fn]
        return sum(c.precision for c in scored) / len(scored) if scored else 0.0

    @property
    def macro_recall(self) -> float:
        """Unweighted mean recall."""
        scored = [c for c in self.classes if c.tp + c.fp + c.fn]
        return sum(c.recall for c in scored) / len(scored) if scored else 0.0


@dataclass
class Report:
    """Everything one ``whimbrel eval DATASET`` run measured."""

    dataset: str
    description: str
    tasks: list[TaskReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    split: str = "all"  # dev, test or all (whimbrel.evaluation.splits)


def score_single(
    gold: Sequence[str], pred: Sequence[str], *, name: str, ignore: Iterable[str] = (NONE,)
) -> TaskReport:
    """Single-label scores; classes in ``ignore`` (e.g. NONE) count as errors but get no row of their own."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    skip = set(ignore)
    labels = sorted((set(gold) | set(pred)) - skip)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        row = confusion.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    classes = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        classes.append(ClassScore(label, tp, fp, fn))
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    return TaskReport(
        name, classes, len(gold), accuracy=correct / len(gold) if gold else 0.0, confusion=confusion
    )


def score_multi(
    gold: Sequence[set[str]], pred: Sequence[set[str]], *, name: str, labels: Sequence[str]
) -> TaskReport:
    """Multi-label scores per class, plus example-based F1 (an empty gold and empty prediction scores 1)."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    classes = [
        ClassScore(
            label,
            sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label in p),
            sum(1 for g, p in zip(gold, pred, strict=True) if label in p and label not in g),
            sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label not in p),
        )
        for label in labels
    ]
    per_example = []
    for g, p in zip(gold, pred, strict=True):
        if not g and not p:
            per_example.append(1.0)
        else:
            per_example.append(2 * len(g & p) / (len(g) + len(p)))
    exact = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    report = TaskReport(name, classes, len(gold), accuracy=exact / len(gold) if gold else 0.0)
    report.extra["example_f1"] = sum(per_example) / len(per_example) if per_example else 0.0
    return report


def reliability(confidences: Sequence[float], correct: Sequence[bool], edges: Sequence[float]) -> list[Bin]:
    """Accuracy of the items whose confidence falls in each [edge, next edge) bin (the last bin is closed)."""
    bins = []
    for i, low in enumerate(edges[:-1]):
        high = edges[i + 1]
        last = i == len(edges) - 2
        inside = [
            ok for c, ok in zip(confidences, correct, strict=True) if low <= c < high or (last and c == high)
        ]
        bins.append(Bin(low, high, len(inside), sum(inside)))
    return bins


def render(report: Report) -> str:
    """A plain-text rendering of a report."""
    lines = [f"# {report.dataset} ({report.split} split): {report.description}"]
    for task in report.tasks:
        lines.append("")
        lines.append(f"## {task.name}  (n={task.n})")
        if task.accuracy is not None:
            lines.append(f"accuracy {task.accuracy:.3f}")
        for key, value in task.extra.items():
            lines.append(f"{key} {value:.3f}")
        if task.classes:
            lines.extend(_class_lines(task))
        if task.confusion:
            lines.extend(_confusion_lines(task.confusion))
        if task.reliability:
            lines.append("reliability (confidence bin: n, accuracy)")
            for b in task.reliability:
                lines.append(f"  [{b.low:.1f}, {b.high:.1f}): {b.n:5d}  {b.accuracy:.3f}")
    for note in report.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _class_lines(task: TaskReport) -> list[str]:
    lines = [f"{'class':<14}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
    for c in task.classes:
        lines.append(f"{c.label:<14}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.support:9d}")
    micro = task.micro
    lines.append(f"{'micro':<14}{micro.precision:7.3f}{micro.recall:7.3f}{micro.f1:7.3f}{micro.support:9d}")
    lines.append(f"{'macro':<14}{task.macro_precision:7.3f}{task.macro_recall:7.3f}{task.macro_f1:7.3f}")
    return lines


def rate(name: str, hits: Sequence[bool], **extra: float) -> TaskReport:
    """A task that is a share of items right (no classes): accuracy over ``hits``, plus ``extra``."""
    n = len(hits)
    return TaskReport(name, [], n, accuracy=sum(hits) / n if n else 0.0, extra=dict(extra))


def _confusion_lines(confusion: dict[str, dict[str, int]]) -> list[str]:
    labels = sorted(set(confusion) | {p for row in confusion.values() for p in row})
    width = max(6, *(len(label) for label in labels)) + 1
    lines = ["confusion (rows gold, columns predicted)"]
    lines.append(" " * width + "".join(f"{label[: width - 1]:>{width}}" for label in labels))
    for g in labels:
        row = confusion.get(g, {})
        lines.append(f"{g[: width - 1]:<{width}}" + "".join(f"{row.get(p, 0):>{width}}" for p in labels))
    return lines


def to_json(report: Report) -> dict[str, Any]:
    """The same report as JSON-ready data."""
    return {
        "dataset": report.dataset,
        "description": report.description,
        "split": report.split,
        "notes": report.notes,
        "tasks": [
            {
                "name": t.name,
                "n": t.n,
                "accuracy": t.accuracy,
                **t.extra,
                "classes": {c.label: _class_json(c) for c in t.classes},
                "micro": {"precision": t.micro.precision, "recall": t.micro.recall, "f1": t.micro.f1},
                "macro": {"precision": t.macro_precision, "recall": t.macro_recall, "f1": t.macro_f1},
                "confusion": t.confusion,
                "reliability": [
                    {"low": b.low, "high": b.high, "n": b.n, "accuracy": b.accuracy} for b in t.reliability
                ],
            }
            for t in report.tasks
        ],
    }


def _class_json(c: ClassScore) -> dict[str, float]:
    return {
        "precision": c.precision,
        "recall": c.recall,
        "f1": c.f1,
        "support": c.support,
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
    }


def counts(values: Iterable[str]) -> dict[str, int]:
    """Label counts, most common first."""
    return dict(Counter(values).most_common())
