"""Train every shipped classifier from the visible gold data and print its cross-validated scores.

    python scripts/train.py --out src/whimbrel/classify/models [--data ../shared/data] [--only satp]

For each recipe of ``whimbrel.classify.RECIPES`` it reads the data from ``--data`` (never copied into
the repository), runs the recipe's k-fold cross-validation (fixed seed; the same code and folds as
``whimbrel eval satp|indiapolice``), then trains the model on every visible row and writes
``<out>/<name>.json``. The cross-validated scores go into the model's ``meta`` and to stdout. Only
numpy and whimbrel are needed; the output is the same on every run.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from whimbrel.classify import RECIPES, Recipe
from whimbrel.classify.features import featurise, lexicon_features
from whimbrel.classify.training import cross_validate, train
from whimbrel.evaluation import indiapolice, satp
from whimbrel.evaluation.metrics import TaskReport, score_multi, score_single

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "whimbrel" / "classify" / "models"

Rows = tuple[list[str], list[set[str]], list[str] | None, str]  # texts, label sets, groups, source


def load_satp(data: Path) -> Rows:
    items = satp.load(data)
    return [i.text for i in items], [set(i.labels) for i in items], None, "satp_relevant/dev.tsv"


def load_indiapolice(data: Path) -> Rows:
    sents = indiapolice.load(data)
    return (
        [s.text for s in sents],
        [set(s.labels) for s in sents],
        [s.doc_id for s in sents],
        "indiapoliceevents/sents.jsonl",
    )


def load_pentaclass(data: Path) -> Rows:
    path = data / "cameo_pentacode" / "cameo_class_train.tsv"
    texts: list[str] = []
    labels: list[set[str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 2 or row[1].strip() not in RECIPES["pentaclass"].labels:
                raise SystemExit(f"{path}:{lineno}: expected 'sentence<TAB>label 0-4'")
            texts.append(row[0].strip())
            labels.append({row[1].strip()})
    return texts, labels, None, "cameo_pentacode/cameo_class_train.tsv"


LOADERS: dict[str, Callable[[Path], Rows]] = {
    "satp": load_satp,
    "indiapolice": load_indiapolice,
    "pentaclass": load_pentaclass,
}


def lexicon_fingerprint() -> str:
    """A short hash of the lexicon features, to tell which knowledge files a model was trained with."""
    lex = lexicon_features()
    table = sorted(lex.single.items()) + sorted((" ".join(k), v) for k, v in lex.double.items())
    return hashlib.sha256(json.dumps(table).encode("utf-8")).hexdigest()[:12]


def cv_scores(recipe: Recipe, task: TaskReport) -> dict[str, float]:
    scores = {"macro_f1": round(task.macro_f1, 4)}
    if "example_f1" in task.extra:
        scores["example_f1"] = round(task.extra["example_f1"], 4)
    if task.accuracy is not None:
        scores["accuracy"] = round(task.accuracy, 4)
    scores.update({f"f1_{c.label}": round(c.f1, 4) for c in task.classes})
    return scores


def run(recipe: Recipe, data: Path, out: Path, *, cv: bool) -> dict[str, Any]:
    started = time.perf_counter()
    texts, label_sets, groups, source = LOADERS[recipe.name](data)
    rows = [featurise(t, recipe.spec) for t in texts]
    meta: dict[str, Any] = {
        "trained_on": f"{source} ({len(texts)} rows, every visible row)",
        "recipe": {"features": recipe.spec.to_json(), "train": asdict(recipe.config)},
        "lexicon_fingerprint": lexicon_fingerprint(),
    }
    if cv:
        preds, _ = cross_validate(
            rows,
            label_sets,
            recipe.labels,
            folds=recipe.folds,
            config=recipe.config,
            groups=groups,
            seed=recipe.seed,
        )
        if recipe.config.kind == "multiclass":
            task = score_single([next(iter(s)) for s in label_sets], [p[0] for p in preds], name=recipe.name)
        else:
            task = score_multi(label_sets, [set(p) for p in preds], name=recipe.name, labels=recipe.labels)
        split = "by document" if groups is not None else "by row"
        meta["cross_validation"] = {
            "folds": recipe.folds,
            "seed": recipe.seed,
            "split": split,
            **cv_scores(recipe, task),
        }
        line = ", ".join(f"{k} {v:.3f}" for k, v in cv_scores(recipe, task).items())
        print(f"{recipe.name}: {recipe.folds}-fold CV ({split}) on {source}: {line}")
    model = train(
        rows,
        label_sets,
        recipe.labels,
        name=recipe.name,
        spec=recipe.spec,
        config=recipe.config,
        groups=groups,
        meta=meta,
    )
    path = out / f"{recipe.name}.json"
    model.save(path)
    size = path.stat().st_size
    print(
        f"{recipe.name}: wrote {path} ({size / 1024:.0f} KiB, {len(model.weights)} features) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the gold data sets")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write <name>.json")
    parser.add_argument("--only", choices=sorted(RECIPES), action="append", help="train only these")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data} not found: the gold data folder is absent", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or list(RECIPES):
        run(RECIPES[name], args.data, args.out, cv=not args.no_cv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
