"""Train the learned stage's model from labelled sentences, deterministically, with scikit-learn.

Input: JSONL (one object a line) or CSV (a header), each row a ``text`` with an ``event`` (a PLOVER
event type) and/or a ``mode`` (a PLOVER mode). Each distinct text is coded by the configured rule
pipeline (every stage but ``learned``), on its own, and its features are those of
:mod:`whimbrel.learning.features` over its sentences and the rules' events (a row is meant to be one
sentence; when the parser splits it, its sentences are pooled). For each task with at least two labels,
an L2-regularised multinomial logistic regression (scikit-learn's ``LogisticRegression``, lbfgs) is fitted
on the binary features. The same rows, settings and knowledge give the same model file, byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.config import Settings
from whimbrel.errors import MalformedInput, TrainingError
from whimbrel.knowledge.lexicon import PLOVER_EVENTS, PLOVER_MODES
from whimbrel.learning.features import features
from whimbrel.learning.model import LearnedModel, Task, from_linear
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text

KNOWN_MODES = frozenset(m for modes in PLOVER_MODES.values() for m in modes)
STAGE = "learned"


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence."""

    text: str
    event: str | None = None
    mode: str | None = None


def _label(value: Any, where: str, name: str) -> str:
    """A label cell: a string, or a record's list of modes (its first is taken); empty when absent."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedInput(where, f"{name} must be a string")
    return value.strip()


def _example(row: Any, where: str) -> Example:
    if not isinstance(row, dict):
        raise MalformedInput(where, "not an object with a text")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput(where, "no text")
    event = _label(row.get("event"), where, "event").upper() or None
    mode = _label(row.get("mode"), where, "mode").lower() or None
    if event is not None and event not in PLOVER_EVENTS:
        raise MalformedInput(where, f"event {event!r} is not a PLOVER event type")
    if mode is not None and mode not in KNOWN_MODES:
        raise MalformedInput(where, f"mode {mode!r} is not a PLOVER mode")
    if event is None and mode is None:
        raise MalformedInput(where, "neither an event nor a mode")
    return Example(text.strip(), event, mode)


def read_examples(path: Path, *, on_error: Callable[[MalformedInput], None]) -> list[Example]:
    """The labelled rows of a .jsonl or .csv file; each bad row goes to ``on_error`` and is skipped."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TrainingError(f"{path}: cannot read training data ({exc})") from None
    rows: list[tuple[str, Any]] = []  # (where, the row, or the error that stands for it)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(raw))
        if "text" not in (reader.fieldnames or ()):
            raise TrainingError(f"{path}: the CSV header has no 'text' column")
        rows = [(f"{path}:{n}", row) for n, row in enumerate(reader, start=2)]
    elif path.suffix.lower() == ".jsonl":
        for n, line in enumerate(raw.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append((f"{path}:{n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    rows.append((f"{path}:{n}", MalformedInput(f"{path}:{n}", f"malformed JSON: {exc.msg}")))
    else:
        raise TrainingError(f"{path}: training data must be .jsonl or .csv")
    examples = []
    for where, row in rows:
        try:
            if isinstance(row, MalformedInput):
                raise row
            examples.append(_example(row, where))
        except MalformedInput as exc:
            on_error(exc)
    return examples


class Featuriser:
    """Codes texts with the rule pipeline (every configured stage but ``learned``) into feature sets."""

    def __init__(
        self, settings: Settings, *, resources: Resources | None = None, batch_size: int = 64
    ) -> None:
        self.resources = resources or Resources(settings)
        stages = [s for s in settings.pipeline.stages if s != STAGE]
        self.pipeline = Pipeline.from_config(settings, resources=self.resources, stages=stages)
        self.batch_size = batch_size

    def __call__(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """One feature set per text; each distinct text is coded once, on its own."""
        distinct = list(dict.fromkeys(texts))
        found: dict[str, frozenset[str]] = {}
        for first in range(0, len(distinct), self.batch_size):
            chunk = distinct[first : first + self.batch_size]
            docs = [document_from_text(t, origin=f"<train:{first + i}>") for i, t in enumerate(chunk)]
            # a fresh run state per batch of distinct texts: no text is taken for a repeat of another
            for text, doc in zip(chunk, self.pipeline.run_batch(docs, RunState()), strict=True):
                found[text] = features(doc.sentences, doc.events)
        return [found[t] for t in texts]


def fit(rows: Sequence[frozenset[str]], labels: Sequence[str], *, c: float) -> Task:
    """A multinomial logistic regression on binary features (``c`` is the inverse L2 strength)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    classes = sorted(set(labels))
    if len(classes) < 2:
        raise TrainingError(f"a task needs at least two labels, got {classes}")
    names = sorted(set().union(*rows))
    index = {f: i for i, f in enumerate(names)}
    indptr, cols = [0], []
    for row in rows:
        cols.extend(sorted(index[f] for f in row))
        indptr.append(len(cols))
    matrix = csr_matrix(([1.0] * len(cols), cols, indptr), shape=(len(rows), len(names)))
    learner = LogisticRegression(C=c, max_iter=2000, tol=1e-6)
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # one BLAS thread: the same sums in the same order on every run; few rows per label are the
        # user's choice, not a regression problem
        warnings.filterwarnings("ignore", message="The number of unique classes", category=UserWarning)
        learner.fit(matrix, list(labels))
    return from_linear(
        [str(x) for x in learner.classes_], names, learner.coef_.tolist(), learner.intercept_.tolist()
    )


def fold_of(text: str, folds: int) -> int:
    """A text's cross-validation fold, from a hash of the text (independent of row order)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big") % folds


def cross_validate(
    texts: Sequence[str], rows: Sequence[frozenset[str]], labels: Sequence[str], *, c: float, folds: int = 5
) -> float:
    """Accuracy of out-of-fold votes (folds by :func:`fold_of`, so a repeated text stays in one fold)."""
    right = 0
    for k in range(folds):
        train = [i for i, t in enumerate(texts) if fold_of(t, folds) != k]
        held = [i for i, t in enumerate(texts) if fold_of(t, folds) == k]
        if not held or len({labels[i] for i in train}) < 2:
            continue
        task = fit([rows[i] for i in train], [labels[i] for i in train], c=c)
        for i in held:
            vote = task.vote(rows[i])
            right += vote is not None and vote[0] == labels[i]
    return right / len(texts) if texts else 0.0


def train(
    examples: Sequence[Example],
    rows: Sequence[frozenset[str]],
    *,
    c: float = 1.0,
    meta: Mapping[str, Any] | None = None,
) -> LearnedModel:
    """A model with an ``event`` and/or a ``mode`` task, from the examples (with their feature ``rows``)
    that carry each label; ``meta`` is added to the model's metadata."""
    if len(rows) != len(examples):
        raise ValueError("examples and feature rows differ in length")
    tasks: dict[str, Task] = {}
    counts: dict[str, int] = {}
    for name in ("event", "mode"):
        picked = [(r, getattr(e, name)) for r, e in zip(rows, examples, strict=True) if getattr(e, name)]
        if len({label for _, label in picked}) >= 2:
            tasks[name] = fit([r for r, _ in picked], [label for _, label in picked], c=c)
            counts[name] = len(picked)
    if not tasks:
        raise TrainingError("nothing to train: no task has examples with at least two different labels")
    info = {"c": c, "examples": counts, "trainer": "scikit-learn LogisticRegression"}
    return LearnedModel(tasks, info | dict(meta or {}))
