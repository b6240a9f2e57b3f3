"""Build the learned stage's models from the dev splits of the gold sets in ../shared/data.

    python scripts/train.py --out out/models [--data ../shared/data] [--only plover|research]

Only dev-split items are used (whimbrel.evaluation.splits), so the test splits stay for scoring. The
inverse L2 strength C is chosen by 5-fold cross-validation on the training rows themselves (folds by a
hash of the text), among 0.1, 0.3, 1 and 3, and the model is then fitted on every training row.

- ``plover``: the plover-gsr dev records (CC BY-SA 4.0, so a model from them could be shipped): event
  type and mode, with the old PLOVER names mapped as ``whimbrel eval plover-gsr`` maps them.
- ``research``: plover-gsr dev plus the dev halves of research-only sets (satp attack types as modes,
  GTD attack types as modes, ACLED event and sub-event types as events and modes). **Never ship it**, and
  say so with any figure measured with it.

Each model is written as ``<out>/<name>.json``; the same data and knowledge give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from whimbrel.config import load_config
from whimbrel.evaluation import acled, gtd, plover_gsr, satp
from whimbrel.training import Example, Featuriser, cross_validate, train

ROOT = Path(__file__).resolve().parents[1]
C_GRID = (0.1, 0.3, 1.0, 3.0)

SATP_MODES = {"armed_assault": "firearms", "bombing_explosion": "explosives", "kidnapping": "abduct"}
GTD_MODES = {
    "Assassination": "assassinate",
    "Hostage Taking (Kidnapping)": "abduct",
    "Bombing/Explosion": "explosives",
    "Armed Assault": "firearms",
}
ACLED_EVENTS = {
    "Protests": "PROTEST",
    "Riots": "PROTEST",
    "Battles": "ASSAULT",
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
}
ACLED_MODES = {k: sorted(v)[0] for k, v in acled.SUB_EVENT_MODES.items() if len(v) == 1}


def plover_rows(data: Path) -> list[Example]:
    return [Example(g.text, g.event, g.mode) for g in plover_gsr.load(data, split="dev")]


def research_rows(data: Path) -> list[Example]:
    rows = plover_rows(data)
    for item in satp.load(data, split="dev"):
        modes = [SATP_MODES[label] for label in sorted(item.labels) if label in SATP_MODES]
        if len(modes) == 1:
            rows.append(Example(item.text, "ASSAULT", modes[0]))
    for inc in gtd.load(data, split="dev"):
        first = inc.sub_type.split(" + ")[0]
        rows.append(Example(inc.text, "ASSAULT", GTD_MODES.get(first)))
    for inc in acled.load(data, split="dev"):
        event = ACLED_EVENTS.get(inc.event_type)
        mode = ACLED_MODES.get(inc.sub_type)
        if event or mode:
            rows.append(Example(inc.text, event, mode))
    return rows


RECIPES: dict[str, Callable[[Path], list[Example]]] = {"plover": plover_rows, "research": research_rows}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "models")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--only", choices=sorted(RECIPES))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    featurise = Featuriser(load_config())
    for name, build in RECIPES.items():
        if args.only and name != args.only:
            continue
        examples = build(args.data)
        rows = featurise([e.text for e in examples])
        scores: dict[str, dict[str, float]] = {}
        for task in ("event", "mode"):
            picked = [
                (e.text, r, getattr(e, task)) for e, r in zip(examples, rows, strict=True) if getattr(e, task)
            ]
            texts, feats, labels = [p[0] for p in picked], [p[1] for p in picked], [p[2] for p in picked]
            if len(set(labels)) >= 2:
                scores[task] = {str(c): cross_validate(texts, feats, labels, c=c) for c in C_GRID}
        best = max(C_GRID, key=lambda c: (sum(s[str(c)] for s in scores.values()), -c))
        meta = {"recipe": name, "cv_accuracy_by_c": scores, "split": "dev"}
        train(examples, rows, c=best, meta=meta).save(args.out / f"{name}.json")
        print(json.dumps({"model": name, "rows": len(examples), "c": best, "cv": scores}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
