"""``whimbrel run``: code files, directories, JSONL or stdin into the store."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
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
from whimbrel.stages.ingest.sniff import by_name
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
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories, .jsonl files, or - for stdin (none with --recode: all)."),
    ] = None,
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for plain-text inputs.")
    ] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Text encoding of the inputs.")] = None,
    glob: Annotated[
        str | None, typer.Option("--glob", help="In directories, read only files matching this pattern.")
    ] = None,
    text_col: Annotated[str | None, typer.Option("--text-col", help="Table column of the text.")] = None,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Table column of the document id.")] = None,
    date_col: Annotated[
        str | None, typer.Option("--date-col", help="Table column of the publication date.")
    ] = None,
    title_col: Annotated[str | None, typer.Option("--title-col", help="Table column of the title.")] = None,
    url_col: Annotated[str | None, typer.Option("--url-col", help="Table column of the URL.")] = None,
    language: Annotated[
        list[str] | None,
        typer.Option("--language", help="Code documents in this language (repeatable) [default: en]."),
    ] = None,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Code every document, whatever its language.")
    ] = False,
    recode: Annotated[
        bool,
        typer.Option(
            "--recode",
            help="Code inputs already stored again (all stored documents when no path is given), "
            "replacing their events: after a change of knowledge, model or config.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, help="Code in this many local processes; this one writes the store."
        ),
    ] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine's processes) or dask (dask.distributed).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="With --engine dask: a scheduler address, or local [default: local]."
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Code documents into the store; repeated input adds nothing.

    Reads plain text, HTML, PDF, RSS/Atom, CSV/TSV/Parquet (one document per row), JSONL, pages saved
    by `whimbrel fetch`, and .zip/.tar.gz/.gz archives of them; directories recursively.
    """
    if not paths and not recode:
        raise typer.BadParameter("give at least one path (or --recode to code the stored documents again)")
    paths = paths or []
    if engine not in {"local", "dask"}:
        raise typer.BadParameter(f"--engine {engine!r}: use local or dask")
    if scheduler is not None and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask")
    dask_at = (scheduler or "local") if engine == "dask" else None
    pub = _date(published)
    overrides: dict[str, object] = {"store.path": str(db) if db else None, "ingest.encoding": encoding}
    if any_language:
        overrides["ingest.languages"] = []
    elif language:
        overrides["ingest.languages"] = [code.strip().lower() for code in language]
    settings = settings_for(config, overrides)
    options = replace(
        runner.ingest_options(settings, published=pub),
        glob=glob,
        text_col=text_col,
        id_col=id_col,
        date_col=date_col,
        title_col=title_col,
        url_col=url_col,
    )
    multi = not paths or len(paths) > 1 or any(not p.endswith((".txt", ".md")) for p in paths)
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
            if paths:
                task = progress.add_task("coding", total=_count_inputs(paths, glob), last="")
                result = runner.run(
                    paths,
                    store,
                    settings,
                    on_document=report,
                    options=options,
                    recode=recode,
                    workers=workers,
                    scheduler=dask_at,
                )
            else:
                task = progress.add_task("coding", total=store.counts()["documents_coded"], last="")
                result = runner.recode(
                    store, settings, on_document=report, workers=workers, scheduler=dask_at
                )
    _summary(result, settings.store.path)


@guarded
def recode_command(
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Code every stored document again, replacing its events (after a change of knowledge, model or
    config); the same as ``run --recode`` without paths."""
    run_command(None, db=db, recode=True, config=config)


def _summary(result: runner.RunReport, path: str) -> None:
    counts = result.counts
    languages = ", ".join(
        f"{key.removeprefix('language_')} {n}"
        for key, n in sorted(counts.items())
        if key.startswith("language_")
    )
    other = f" ({counts['other_language']} in other languages: {languages})" if languages else ""
    err.print(
        f"whimbrel: {counts.get('coded', 0)} coded, {counts.get('unchanged', 0)} unchanged, "
        f"{counts.get('duplicate', 0)} duplicate, {counts.get('skipped', 0)} skipped{other}, "
        f"{counts.get('failed', 0)} failed; {counts.get('events', 0)} events → {path}",
        markup=False,
    )
    if result.undated:
        err.print(_NO_DATE_HINT.format(n=result.undated), markup=False, highlight=False)
    if result.failed:
        raise typer.Exit(EXIT_INPUT)


_NO_DATE_HINT = (
    "whimbrel: warning: {n} of the coded documents have no publication date, so dates relative to it "
    "('on Tuesday', 'yesterday') were not resolved and their events take no date. Give one with "
    "--published YYYY-MM-DD, a dateline ('CITY, May 2, 2024 (Agency) -'), or a 'published' field in "
    "JSONL/CSV input (--date-col for a table)."
)


def _count_inputs(paths: list[str], glob: str | None) -> int | None:
    """How many documents the paths hold, when that is cheap to know (one per file, no --glob)."""
    total = 0
    for path in paths:
        if path == "-" or by_name(path) in _MANY:
            return None
        if os.path.isdir(path):
            if glob is not None:
                return None
            for _root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                if any(by_name(f) in _MANY for f in files):
                    return None
                total += sum(1 for f in files if not f.startswith(".") and not f.endswith(_STORE))
        else:
            total += 1
    return total


# Formats holding several documents (rows, items, members): their count is only known once read.
_MANY = frozenset({"jsonl", "json", "csv", "tsv", "parquet", "feed", "zip", "tar", "gzip"})
_STORE = (".duckdb", ".duckdb.wal")


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``run`` and ``recode``."""
    app.command("run")(run_command)
    app.command("recode")(recode_command)
