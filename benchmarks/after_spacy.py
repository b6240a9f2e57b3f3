"""The stages after spaCy alone: parse a corpus once, then rerun the mention stages and coding over it.

Usage: python benchmarks/after_spacy.py [--passes N] [--only STAGE] [--limit N] [PATH ...]

``--only`` times one stage (``actors``, ``places``, ``dates``, ``quantities``, ``coding``), or the
four mention stages (``mentions``); the stages before it run once, untimed.

It prints each pass's seconds and sentences/s. Timings on a shared machine vary by tens of percent,
so to compare two versions of the code, count instructions instead. The count is deterministic
with a fixed hash seed; under valgrind the parse is slow, so take a few hundred sentences:

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/after_spacy.py --limit 200 --passes 1
    (run it again with --passes 2: the difference is one pass)

The parse itself is not timed, and neither is a first pass that fills the lookup tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from whimbrel.bench import benchmark_corpus
from whimbrel.config import expand_stages, load_config
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources, Stage


def _run(stages: list[Stage], docs: list[Document]) -> list[Document]:
    for stage in stages:
        docs = stage.process_batch(docs)
    return docs


def main(argv: list[str]) -> int:
    """Parse once, then time ``--passes`` passes of the stages after spaCy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="corpus files or directories")
    parser.add_argument("--passes", type=int, default=5, help="timed passes after a warm-up pass")
    parser.add_argument("--only", help="time this stage alone (or `mentions`: the four mention stages)")
    parser.add_argument("--limit", type=int, help="at most this many sentences of the shared TSV")
    args = parser.parse_args(argv)
    examples = Path(__file__).resolve().parents[1] / "examples"
    docs = benchmark_corpus(args.paths, examples=examples, limit=args.limit)
    settings = load_config()
    pipeline = Pipeline.from_config(settings, resources=Resources(settings))
    before = [s for s in pipeline.stages if s.name in ("passages", "nlp")]
    after = [s for s in pipeline.stages if s.name not in ("passages", "nlp")]
    parsed = _run(before, docs)
    if args.only:
        only = set(expand_stages([args.only]))
        if not only & {s.name for s in after}:
            parser.error(f"--only {args.only}: no such stage after nlp")
        first = min(i for i, s in enumerate(after) if s.name in only)
        parsed = _run(after[:first], parsed)  # what the timed stages read, found once, outside the timing
        after = [s for s in after[first:] if s.name in only]
    sentences = sum(len(d.sentences) for d in parsed)
    _run(after, parsed)  # warm-up: lazily loaded tables
    for n in range(1, args.passes + 1):
        started = time.perf_counter()
        _run(after, parsed)
        seconds = time.perf_counter() - started
        print(f"pass {n}: {seconds:.3f} s, {sentences / seconds:.0f} sentences/s ({sentences} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
