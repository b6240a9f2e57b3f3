"""Throughput: full whimbrel pipeline vs bare spaCy words/s on the same text, one process.

Usage: python benchmarks/throughput.py [PATH ...]
Without paths it uses ../shared/data/cameo_pentacode (real news sentences) when present,
else the examples/ corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

from whimbrel.bench import SHARED_CORPUS, corpus_from_paths, corpus_from_tsv, report, run_benchmark


def main(argv: list[str]) -> int:
    """Run the benchmark and print its report."""
    if argv:
        docs = corpus_from_paths(argv)
    elif SHARED_CORPUS.exists():
        docs = corpus_from_tsv(SHARED_CORPUS)
    else:
        docs = corpus_from_paths([str(Path(__file__).resolve().parents[1] / "examples")])
    print(report(run_benchmark(docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
