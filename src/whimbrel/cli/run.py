"""``whimbrel run``: code files, directories, JSONL or stdin into the store."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from whimbrel import runner
from whimbrel.cli.app import EXIT_INPUT, err, guarded, settings_for
from whimbrel.cli.options import ConfigOption, DbOption
from whimbrel.model import Document
from whimbrel.stages.ingest import describe
from whimbrel.store import Store


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


@guarded
def run_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, .jsonl files, or - for stdin.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for plain-text inputs.")
    ] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Text encoding of the inputs.")] = None,
    config: ConfigOption = None,
) -> None:
    """Code documents into the store; repeated input adds nothing."""
    pub = _date(published)
    settings = settings_for(config, {"store.path": str(db) if db else None, "ingest.encoding": encoding})
    multi = len(paths) > 1 or any(not p.endswith((".txt", ".md")) for p in paths)
    with Store(settings.store.path) as store:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]coding"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not multi,
        )

        def report(doc: Document) -> None:
            if doc.status in {"failed", "skipped"}:
                progress.console.print(describe(doc), markup=False, highlight=False)
            progress.update(task, advance=1, last=doc.origin[-40:])

        with progress:
            task = progress.add_task("coding", total=_count_inputs(paths), last="")
            result = runner.run(paths, store, settings, published=pub, on_document=report)
    counts = result.counts
    err.print(
        f"whimbrel: {counts.get('coded', 0)} coded, {counts.get('unchanged', 0)} unchanged, "
        f"{counts.get('duplicate', 0)} duplicate, {counts.get('skipped', 0)} skipped, "
        f"{counts.get('failed', 0)} failed; {counts.get('events', 0)} events → {settings.store.path}",
        markup=False,
    )
    if result.failed:
        raise typer.Exit(EXIT_INPUT)


def _count_inputs(paths: list[str]) -> int | None:
    """How many documents the paths hold, when that is cheap to know (not for JSONL or stdin)."""
    total = 0
    for path in paths:
        if path == "-" or path.endswith(".jsonl"):
            return None
        if os.path.isdir(path):
            for _root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                if any(f.endswith(".jsonl") for f in files):
                    return None
                total += sum(1 for f in files if not f.startswith("."))
        else:
            total += 1
    return total


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``run``."""
    app.command("run")(run_command)
