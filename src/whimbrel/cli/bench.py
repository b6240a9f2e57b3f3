"""``whimbrel bench``: full pipeline vs bare spaCy throughput, measured in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from whimbrel.bench import SHARED_CORPUS, corpus_from_paths, corpus_from_tsv, report, run_benchmark
from whimbrel.cli.app import fail, guarded, out


@guarded
def bench_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Corpus files or directories.")] = None,
    rounds: Annotated[
        int, typer.Option("--rounds", help="Alternating passes of each side; each keeps its best.")
    ] = 5,
    limit: Annotated[
        int | None, typer.Option("--limit", help="At most this many sentences of the TSV.")
    ] = None,
) -> None:
    """Print the pipeline's and bare spaCy's words/s and their ratio."""
    if paths:
        docs = corpus_from_paths(paths)
    elif SHARED_CORPUS.exists():
        docs = corpus_from_tsv(SHARED_CORPUS, limit=limit)
    elif Path("examples").is_dir():
        docs = corpus_from_paths(["examples"])
    else:
        raise fail("no corpus: pass files, or run from the project root")
    if not docs:
        raise fail("the corpus has no readable documents")
    out.print(report(run_benchmark(docs, rounds=rounds)), markup=False, highlight=False)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``bench``."""
    app.command("bench")(bench_command)
