"""How much of the whole pipeline's time the cyclic garbage collector takes, stage by stage.

Usage: python benchmarks/collector_share.py [--limit N] [PATH ...]

It codes the corpus once (the CAMEO sentences of ../shared when present, else examples/) with the
interpreter's default collector thresholds, and times every collection through ``gc.callbacks``. Both
sides are timed in the same process at the same moment, so their ratio holds on a busy machine too.
The collector's share is an upper bound on what any tuning of its thresholds could save.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

from whimbrel.bench import benchmark_corpus
from whimbrel.config import load_config
from whimbrel.pipeline import Pipeline, Resources


def main(argv: list[str]) -> int:
    """Code the corpus once and print the collector's seconds against the pipeline's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="corpus files or directories")
    parser.add_argument("--limit", type=int, help="at most this many sentences of the shared TSV")
    args = parser.parse_args(argv)
    examples = Path(__file__).resolve().parents[1] / "examples"
    docs = benchmark_corpus(args.paths, examples=examples, limit=args.limit)
    settings = load_config()
    pipeline = Pipeline.from_config(settings, resources=Resources(settings))
    pipeline.run_batch(docs[:2])  # load the model, gazetteer and knowledge outside the timing
    pipeline.timings.clear()
    spent = {"seconds": 0.0, "collections": 0}
    started: list[float] = []

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            spent["seconds"] += time.perf_counter() - started.pop()
            spent["collections"] += 1

    gc.collect()
    gc.callbacks.append(watch)
    try:
        begin = time.perf_counter()
        list(pipeline.run(docs))
        total = time.perf_counter() - begin
    finally:
        gc.callbacks.remove(watch)
    print(f"thresholds {gc.get_threshold()}: pipeline {total:.2f} s, ", end="")
    print(f"collector {spent['seconds']:.3f} s in {spent['collections']} collections")
    print(f"collector share of the pipeline: {100 * spent['seconds'] / total:.2f}%")
    print("stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in pipeline.timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
