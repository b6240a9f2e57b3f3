"""Training the linear model in numpy (L-BFGS, NB-LR, per-label thresholds) and k-fold cross-validation.

L2-regularised logistic regression fitted by L-BFGS in numpy. With ``nb_alpha`` each label gets its
own binary model on features scaled by their naive-Bayes log-count ratio (NB-LR, Wang and Manning
2012), the ratio folded into the weights. A multi-label model has a threshold per label (fixed, or
chosen by an inner cross-validation of the training rows); a multi-class model takes the best label.

Everything is deterministic: vocabularies are sorted, folds come from a seeded ``numpy`` generator,
and the optimiser has no randomness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from whimbrel.classify.features import FeatureSpec
from whimbrel.classify.model import Kind, LinearModel

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of ``train``."""

    kind: Kind = "multilabel"
    l2: float = 1e-3  # penalty on the mean loss
    min_df: int = 2  # a feature must occur in this many training rows
    max_iter: int = 300
    threshold_folds: int = 0  # > 1: choose each label's threshold by this many inner folds
    at_least_one: bool = False
    seed: int = 13
    prune: float = 1e-4  # drop a feature whose weights are all smaller than this
    decimals: int = 4  # weights and biases are rounded to this many decimals
    nb_alpha: float = 0.0  # > 0: one-vs-rest on features scaled by their naive-Bayes log-count ratio
    threshold: float = 0.5  # the threshold of every label when threshold_folds < 2


class _Csr:
    """A row-sparse matrix in three numpy arrays, with the two products the trainer needs."""

    def __init__(self, rows: Sequence[Mapping[str, float]], vocab: Mapping[str, int]) -> None:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for row in rows:
            for name, value in row.items():
                j = vocab.get(name)
                if j is not None:
                    indices.append(j)
                    data.append(value)
            indptr.append(len(indices))
        self.n = len(rows)
        self.d = len(vocab)
        ptr = np.asarray(indptr, dtype=np.int64)
        self.indices: IntArray = np.asarray(indices, dtype=np.int64)
        self.data: FloatArray = np.asarray(data, dtype=np.float64)
        self.rows: IntArray = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(ptr))

    def scaled(self, factor: FloatArray) -> _Csr:
        """The same matrix with column j multiplied by ``factor[j]``."""
        out = _Csr.__new__(_Csr)
        out.n, out.d, out.indices, out.rows = self.n, self.d, self.indices, self.rows
        out.data = self.data * factor[self.indices]
        return out

    def presence(self, mask: NDArray[np.bool_]) -> FloatArray:
        """How many of the rows selected by ``mask`` have each feature."""
        counts: FloatArray = np.bincount(
            self.indices, weights=mask[self.rows].astype(np.float64), minlength=self.d
        ).astype(np.float64)
        return counts

    def dot(self, w: FloatArray) -> FloatArray:
        """X @ W for W of shape (d, k)."""
        k = w.shape[1]
        out = np.empty((self.n, k), dtype=np.float64)
        for j in range(k):
            out[:, j] = np.bincount(self.rows, weights=self.data * w[self.indices, j], minlength=self.n)
        return out

    def tdot(self, g: FloatArray) -> FloatArray:
        """X.T @ G for G of shape (n, k)."""
        k = g.shape[1]
        out = np.empty((self.d, k), dtype=np.float64)
        for j in range(k):
            out[:, j] = np.bincount(self.indices, weights=self.data * g[self.rows, j], minlength=self.d)
        return out


def _dot(a: FloatArray, b: FloatArray) -> float:
    """a . b by numpy's pairwise sum: the same bits on every run (BLAS and einsum pick kernels by
    memory alignment, so their sums differ in the last bits between runs; threaded BLAS is also
    slow on a busy machine)."""
    return float(np.add.reduce(a * b))


def _lbfgs(
    fun: Callable[[FloatArray], tuple[float, FloatArray]], x0: FloatArray, *, max_iter: int, memory: int = 10
) -> FloatArray:
    """Minimise a smooth convex function by L-BFGS with a backtracking (Armijo) line search."""
    x = x0.copy()
    f, g = fun(x)
    s_hist: list[FloatArray] = []
    y_hist: list[FloatArray] = []
    for _ in range(max_iter):
        if float(np.max(np.abs(g))) < 1e-6:
            break
        q = g.copy()
        alphas: list[float] = []
        for s, y in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = _dot(s, q) / _dot(y, s)
            alphas.append(a)
            q -= a * y
        if s_hist:
            gamma = _dot(s_hist[-1], y_hist[-1]) / _dot(y_hist[-1], y_hist[-1])
        else:
            gamma = 1.0 / max(1.0, math.sqrt(_dot(g, g)))
        r = gamma * q
        for s, y, a in zip(s_hist, y_hist, reversed(alphas), strict=True):
            b = _dot(y, r) / _dot(y, s)
            r += s * (a - b)
        d = -r
        slope = _dot(g, d)
        if slope >= 0:  # not a descent direction: restart from the gradient
            s_hist.clear()
            y_hist.clear()
            d = -g / max(1.0, math.sqrt(_dot(g, g)))
            slope = _dot(g, d)
        step = 1.0
        while True:
            x_new = x + step * d
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope:
                break
            step *= 0.5
            if step < 1e-12:
                return x
        s_new, y_new = x_new - x, g_new - g
        if _dot(s_new, y_new) > 1e-12:
            s_hist.append(s_new)
            y_hist.append(y_new)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(f - f_new) <= 1e-9 * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged:
            break
    return x


def _fit(x: _Csr, y: FloatArray, cfg: TrainConfig) -> tuple[FloatArray, FloatArray]:
    """Weights (d, k) and bias (k) minimising the mean loss plus l2/2 |W|^2."""
    n, d, k = x.n, x.d, y.shape[1]
    multiclass = cfg.kind == "multiclass"

    def fun(theta: FloatArray) -> tuple[float, FloatArray]:
        w = theta[: d * k].reshape(d, k)
        b = theta[d * k :]
        z = x.dot(w) + b
        if multiclass:
            top = z.max(axis=1, keepdims=True)
            ez = np.exp(z - top)
            total = ez.sum(axis=1, keepdims=True)
            loss = float(np.sum(np.log(total) + top - np.sum(z * y, axis=1, keepdims=True))) / n
            grad_z = (ez / total - y) / n
        else:
            loss = float(np.sum(np.logaddexp(0.0, z) - y * z)) / n
            grad_z = (0.5 * (1.0 + np.tanh(0.5 * z)) - y) / n
        loss += 0.5 * cfg.l2 * _dot(theta[: d * k], theta[: d * k])
        grad_w = x.tdot(grad_z) + cfg.l2 * w
        grad_b = grad_z.sum(axis=0)
        return loss, np.concatenate([grad_w.ravel(), grad_b])

    theta = _lbfgs(fun, np.zeros(d * k + k), max_iter=cfg.max_iter)
    return theta[: d * k].reshape(d, k), theta[d * k :]


def _fit_nb(x: _Csr, y: FloatArray, cfg: TrainConfig) -> tuple[FloatArray, FloatArray]:
    """One binary model per label on features scaled by their naive-Bayes log-count ratio (NB-LR).

    The ratio is folded into the returned weights, so prediction is the plain dot product.
    """
    w = np.zeros((x.d, y.shape[1]), dtype=np.float64)
    b = np.zeros(y.shape[1], dtype=np.float64)
    a = cfg.nb_alpha
    binary = replace(cfg, kind="multilabel")
    for j in range(y.shape[1]):
        pos = y[:, j] > 0
        n_pos, n_neg = float(pos.sum()), float((~pos).sum())
        ratio = np.log((x.presence(pos) + a) / (n_pos + 2 * a)) - np.log(
            (x.presence(~pos) + a) / (n_neg + 2 * a)
        )
        wj, bj = _fit(x.scaled(ratio), y[:, j : j + 1], binary)
        w[:, j] = wj[:, 0] * ratio
        b[j] = bj[0]
    return w, b


def _vocabulary(rows: Sequence[Mapping[str, float]], min_df: int) -> dict[str, int]:
    df: dict[str, int] = {}
    for row in rows:
        for name in row:
            df[name] = df.get(name, 0) + 1
    return {name: j for j, name in enumerate(sorted(n for n, c in df.items() if c >= min_df))}


def _targets(label_sets: Sequence[Iterable[str]], labels: Sequence[str]) -> FloatArray:
    index = {lab: j for j, lab in enumerate(labels)}
    y = np.zeros((len(label_sets), len(labels)), dtype=np.float64)
    for i, ls in enumerate(label_sets):
        for lab in ls:
            if lab in index:
                y[i, index[lab]] = 1.0
    return y


def fold_ids(n: int, k: int, *, seed: int, groups: Sequence[Any] | None = None) -> list[int]:
    """A fold number (0..k-1) per row; rows of one group share a fold. Deterministic for a seed."""
    rng = np.random.default_rng(seed)
    if groups is None:
        order = rng.permutation(n)
        out = [0] * n
        for rank, i in enumerate(order.tolist()):
            out[i] = rank % k
        return out
    keys = sorted(set(groups), key=str)
    perm = rng.permutation(len(keys)).tolist()
    fold_of = {keys[i]: rank % k for rank, i in enumerate(perm)}
    return [fold_of[g] for g in groups]


def _best_threshold(p: FloatArray, y: FloatArray) -> float:
    """The threshold on ``p`` that maximises F1 of the binary targets ``y`` (0.5 without positives)."""
    if y.sum() == 0:
        return 0.5
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    predicted = np.arange(1, len(ps) + 1)
    f1 = 2 * tp / (predicted + y.sum())
    # only cut between distinct values
    valid = np.append(ps[1:] < ps[:-1], True)
    f1 = np.where(valid, f1, -1.0)
    i = int(np.argmax(f1))
    below = float(ps[i + 1]) if i + 1 < len(ps) else 0.0
    return float(min(0.95, max(0.02, (float(ps[i]) + below) / 2)))


def train(
    rows: Sequence[Mapping[str, float]],
    label_sets: Sequence[Iterable[str]],
    labels: Sequence[str],
    *,
    name: str = "",
    spec: FeatureSpec | None = None,
    config: TrainConfig | None = None,
    groups: Sequence[Any] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> LinearModel:
    """Fit a model on featurised ``rows`` (see ``featurise``) with their label sets."""
    cfg = config or TrainConfig()
    sets = [set(ls) for ls in label_sets]
    vocab = _vocabulary(rows, cfg.min_df)
    x = _Csr(rows, vocab)
    y = _targets(sets, labels)
    if cfg.nb_alpha > 0:
        w, b = _fit_nb(x, y, cfg)
    else:
        w, b = _fit(x, y, cfg)
    thresholds = [cfg.threshold] * len(labels)
    if cfg.kind == "multilabel" and cfg.threshold_folds > 1:
        inner = replace(cfg, threshold_folds=0)
        proba = _oof_proba(rows, sets, labels, inner, cfg.threshold_folds, cfg.seed + 1, groups)
        thresholds = [_best_threshold(proba[:, j], y[:, j]) for j in range(len(labels))]
    w = np.round(w, cfg.decimals)
    keep = np.max(np.abs(w), axis=1) >= cfg.prune
    weights = {name_: tuple(float(v) for v in w[j]) for name_, j in vocab.items() if keep[j]}
    return LinearModel(
        name=name,
        kind=cfg.kind,
        labels=tuple(labels),
        weights=weights,
        bias=tuple(float(v) for v in np.round(b, cfg.decimals)),
        thresholds=tuple(round(t, 4) for t in thresholds),
        spec=spec or FeatureSpec(),
        at_least_one=cfg.at_least_one,
        meta=dict(meta or {}),
    )


def _fold_models(
    rows: Sequence[Mapping[str, float]],
    label_sets: Sequence[set[str]],
    labels: Sequence[str],
    cfg: TrainConfig,
    k: int,
    seed: int,
    groups: Sequence[Any] | None,
) -> Iterator[tuple[LinearModel, list[int]]]:
    """For each of ``k`` folds, a model trained on the other folds and the rows it must predict."""
    folds = fold_ids(len(rows), k, seed=seed, groups=groups)
    for f in range(k):
        tr = [i for i, g in enumerate(folds) if g != f]
        te = [i for i, g in enumerate(folds) if g == f]
        if not tr or not te:
            continue
        model = train(
            [rows[i] for i in tr],
            [label_sets[i] for i in tr],
            labels,
            config=cfg,
            groups=None if groups is None else [groups[i] for i in tr],
        )
        yield model, te


def _oof_proba(
    rows: Sequence[Mapping[str, float]],
    label_sets: Sequence[set[str]],
    labels: Sequence[str],
    cfg: TrainConfig,
    k: int,
    seed: int,
    groups: Sequence[Any] | None,
) -> FloatArray:
    proba = np.zeros((len(rows), len(labels)), dtype=np.float64)
    for model, te in _fold_models(rows, label_sets, labels, cfg, k, seed, groups):
        for i in te:
            proba[i] = model.proba_of(rows[i])
    return proba


def cross_validate(
    rows: Sequence[Mapping[str, float]],
    label_sets: Sequence[Iterable[str]],
    labels: Sequence[str],
    *,
    folds: int = 5,
    config: TrainConfig | None = None,
    groups: Sequence[Any] | None = None,
    seed: int = 13,
) -> tuple[list[list[str]], list[list[float]]]:
    """Out-of-fold predictions and probabilities: each row is predicted by a model not trained on it.

    Every step that looks at labels (vocabulary, weights, thresholds) happens inside the training
    folds. With ``groups`` (e.g. document ids) the rows of one group are in one fold.
    """
    cfg = config or TrainConfig()
    sets = [set(ls) for ls in label_sets]
    preds: list[list[str]] = [[] for _ in rows]
    probs: list[list[float]] = [[] for _ in rows]
    for model, te in _fold_models(rows, sets, labels, cfg, folds, seed, groups):
        for i in te:
            p = model.proba_of(rows[i])
            probs[i] = p
            preds[i] = model.decide(p)
    return preds, probs
