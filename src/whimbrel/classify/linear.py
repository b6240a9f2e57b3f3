"""A small linear text classifier: featuriser, numpy trainer, JSON weights and k-fold cross-validation.

The runtime needs numpy (installed with spaCy) and whimbrel's own knowledge files, no parse and no
scikit-learn; training uses the same code (``scripts/train.py`` and the evaluations call ``train``).

- Features: lower-cased word stems and stem bigrams (anything that is not ``a-z0-9`` separates words,
  which also drops the mojibake of scraped news), scaled to unit length, plus *symbolic* features at a
  fixed value, read from whimbrel's knowledge: the PLOVER event and mode of a trigger word
  (``L:ASSAULT``, ``M:abduct``), the mode a cue implies (``M:explosives``), a casualty word
  (``K:dead``), a negation (``N:fail``, ``N:not``) and the sector of an actor alias (``S:COP``). A
  caller may add its own symbolic features (``extra``), e.g. from the rule coder.
- Model: L2-regularised logistic regression fitted by L-BFGS in numpy. With ``nb_alpha`` each label
  gets its own binary model on features scaled by their naive-Bayes log-count ratio (NB-LR, Wang and
  Manning 2012), the ratio folded into the weights. A multi-label model has a threshold per label
  (fixed, or chosen by an inner cross-validation of the training rows); a multi-class model takes the
  best label.
- Weights are JSON (``LinearModel.to_json``), rounded when trained so a model read back predicts
  exactly what the trained one did; prediction is a sparse dot product in pure Python.

Everything is deterministic: vocabularies are sorted, folds come from a seeded ``numpy`` generator,
and the optimiser has no randomness.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from whimbrel.errors import ModelError

Kind = Literal["multilabel", "multiclass"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

FORMAT = "whimbrel-linear/1"
MODELS_DIR = Path(__file__).resolve().parent / "models"

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"[0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "it",
        "its",
        "this",
        "that",
    ]
)


# -- text and features ----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased ``a-z0-9`` words; numbers become ``<num>``."""
    return ["<num>" if _NUMBER.fullmatch(w) else w for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem ("killed", "kills", "killing" -> "kill"); short words stay."""
    if len(word) <= 4 or word == "<num>":
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "shelling" stays "shell", "stopped" -> "stop"
            return base
    return word


def lemma_candidates(word: str) -> tuple[str, ...]:
    """Guesses at the lemma of an inflected word, the word itself first."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: len(word) - len(suffix)] + repl
            out.append(base)
            if suffix in ("ed", "ing") and len(base) >= 3 and base[-1] == base[-2]:
                out.append(base[:-1])  # "stopped" -> "stop"
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class LexiconFeatures:
    """Word -> feature names from whimbrel's knowledge (trigger events, modes, casualty and negation cues)."""

    single: Mapping[str, tuple[str, ...]]
    double: Mapping[tuple[str, str], tuple[str, ...]]

    def features(self, tokens: Sequence[str]) -> set[str]:
        """The lexicon features of a word sequence (lemmas guessed without a parser)."""
        found: set[str] = set()
        lemmas = [lemma_candidates(t) for t in tokens]
        for i, cands in enumerate(lemmas):
            for c in cands:
                hit = self.single.get(c)
                if hit:
                    found.update(hit)
                    break
            if i + 1 < len(lemmas):
                for a in cands:
                    for b in lemmas[i + 1]:
                        hit = self.double.get((a, b))
                        if hit:
                            found.update(hit)
        return found


@functools.cache
def lexicon_features() -> LexiconFeatures:
    """The lexicon features of the shipped knowledge (read once)."""
    from whimbrel.knowledge.lexicon import Lexicon

    lex = Lexicon.load()
    single: dict[str, set[str]] = {}
    double: dict[tuple[str, str], set[str]] = {}

    def add(phrase: str, feature: str) -> None:
        parts = phrase.lower().replace("-", " ").split()
        if len(parts) == 1:
            single.setdefault(parts[0], set()).add(feature)
        elif len(parts) == 2:
            double.setdefault((parts[0], parts[1]), set()).add(feature)

    for sense in lex.all_triggers():
        if sense.weight >= 0.3:
            add(sense.lemma, f"L:{sense.event}")
            if sense.mode:
                add(sense.lemma, f"M:{sense.mode}")
    for (cue, _event), mode in lex.mode_cues().items():
        add(cue, f"M:{mode}")
    cues = lex.cues
    for kind, vocab in (("dead", cues.dead), ("injured", cues.injured), ("arrested", cues.arrested)):
        for w in vocab:
            add(w, f"K:{kind}")
    for w in cues.negating_verbs:
        add(w, "N:fail")
    for w in cues.negation_words:
        add(w, "N:not")
    return LexiconFeatures(
        {k: tuple(sorted(v)) for k, v in single.items()},
        {k: tuple(sorted(v)) for k, v in double.items()},
    )


@functools.cache
def _actor_kb() -> Any:
    from whimbrel.knowledge.actors import ActorKB

    return ActorKB.load()


def sector_features(tokens: Sequence[str]) -> set[str]:
    """``S:<sector>`` for every actor alias of the shipped knowledge base found in ``tokens``."""
    found: set[str] = set()
    for match in _actor_kb().match(list(tokens), strict_case=False):
        sector = getattr(match.entry, "sector", None)
        if sector:
            found.add(f"S:{sector}")
    return found


@dataclass(frozen=True)
class FeatureSpec:
    """Which feature groups a model uses."""

    unigrams: bool = True
    bigrams: bool = True
    lexicon: bool = True
    sectors: bool = True
    lexicon_weight: float = 1.0  # the value of a lexicon or sector feature before row scaling

    def to_json(self) -> dict[str, Any]:
        """The spec as JSON-ready data."""
        return {
            "unigrams": self.unigrams,
            "bigrams": self.bigrams,
            "lexicon": self.lexicon,
            "sectors": self.sectors,
            "lexicon_weight": self.lexicon_weight,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FeatureSpec:
        """The spec written by ``to_json``."""
        return cls(
            unigrams=bool(data.get("unigrams", True)),
            bigrams=bool(data.get("bigrams", True)),
            lexicon=bool(data.get("lexicon", True)),
            sectors=bool(data.get("sectors", True)),
            lexicon_weight=float(data.get("lexicon_weight", 1.0)),
        )


def featurise(text: str, spec: FeatureSpec, extra: Iterable[str] = ()) -> dict[str, float]:
    """The feature vector of ``text``: word features scaled to unit length, symbolic ones at a fixed value."""
    toks = words(text)
    stems = [stem(t) for t in toks]
    feats: dict[str, float] = {}
    if spec.unigrams:
        for s in stems:
            if s not in _STOP:
                feats["w:" + s] = 1.0
    if spec.bigrams:
        for a, b in itertools.pairwise(stems):
            feats[f"b:{a}_{b}"] = 1.0
    norm = math.sqrt(len(feats))
    if norm:
        feats = {k: v / norm for k, v in feats.items()}
    symbolic: set[str] = set(extra)
    if spec.lexicon:
        symbolic |= lexicon_features().features(toks)
    if spec.sectors:
        symbolic |= sector_features(toks)
    for name in sorted(symbolic):  # a fixed order: set order varies with the hash seed
        feats[name] = spec.lexicon_weight
    return feats


# -- the model --------------------------------------------------------------------------------------


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


# -- training ---------------------------------------------------------------------------------------


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


def _oof_proba(
    rows: Sequence[Mapping[str, float]],
    label_sets: Sequence[set[str]],
    labels: Sequence[str],
    cfg: TrainConfig,
    k: int,
    seed: int,
    groups: Sequence[Any] | None,
) -> FloatArray:
    folds = fold_ids(len(rows), k, seed=seed, groups=groups)
    proba = np.zeros((len(rows), len(labels)), dtype=np.float64)
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
    fold_of = fold_ids(len(rows), folds, seed=seed, groups=groups)
    preds: list[list[str]] = [[] for _ in rows]
    probs: list[list[float]] = [[] for _ in rows]
    for f in range(folds):
        tr = [i for i, g in enumerate(fold_of) if g != f]
        te = [i for i, g in enumerate(fold_of) if g == f]
        if not tr or not te:
            continue
        model = train(
            [rows[i] for i in tr],
            [sets[i] for i in tr],
            labels,
            config=cfg,
            groups=None if groups is None else [groups[i] for i in tr],
        )
        for i in te:
            p = model.proba_of(rows[i])
            probs[i] = p
            preds[i] = model.decide(p)
    return preds, probs
