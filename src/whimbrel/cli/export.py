"""``whimbrel export``: write the stored events in a standard format, filtered."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from whimbrel import registry
from whimbrel.cli.app import err, fail, guarded, settings_for
from whimbrel.cli.filtering import (
    ActorOption,
    CountryOption,
    DocOption,
    EventOption,
    SinceOption,
    StatusOption,
    UntilOption,
    parse_filter,
    with_documents,
)
from whimbrel.cli.options import ConfigOption, DbOption, ReviewsOption
from whimbrel.exports.parquet import write_parquet_dataset
from whimbrel.reviews import ReviewLog, apply_reviews, reviews_path
from whimbrel.store import Store

BINARY_FORMATS = frozenset({"parquet"})


@guarded
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format.")] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (a directory with --partition) [default: stdout]."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    event: EventOption = None,
    country: CountryOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    doc: DocOption = None,
    all_statuses: Annotated[
        bool, typer.Option("--all-statuses", help="CSV: keep future, hypothetical and negated events.")
    ] = False,
    partition: Annotated[
        bool, typer.Option("--partition", help="Parquet: one folder per year and country under --output.")
    ] = False,
    db: DbOption = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Apply the analysts' reviews (drop wrong events, apply fixes).")
    ] = False,
    reviews: ReviewsOption = None,
    config: ConfigOption = None,
) -> None:
    """Export the stored events (jsonl, csv, parquet, cameo-tsv; see docs/formats.md)."""
    settings = settings_for(config, {"store.path": str(db) if db else None})
    if fmt not in registry.exporters.available():
        raise fail(f"unknown format {fmt!r}; available: {', '.join(registry.exporters.available())}")
    if partition and (fmt != "parquet" or output is None):
        raise fail("--partition needs --format parquet and --output DIR")
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise fail(f"--format {fmt} is binary: give --output FILE or redirect stdout")
    flt = parse_filter(since=since, until=until, event=event, country=country, actor=actor, status=status)
    writer: Any = registry.exporters.get(fmt)
    options: dict[str, Any] = {"all_statuses": True} if fmt == "csv" and (all_statuses or status) else {}
    what = "edges" if fmt in {"graphml", "gexf"} else "relations" if fmt == "relations-jsonl" else "events"
    places = getattr(writer, "source", "events") == "place_mentions"  # places-jsonl reads mentions
    what = "place mentions" if places else what
    if not Path(settings.store.path).exists():
        raise fail(f"{settings.store.path}: no such store; run `whimbrel run` first")
    with Store(settings.store.path, read_only=True) as store:
        flt = with_documents(store, flt, doc)
        stored: Iterable[dict[str, Any]] = store.event_records(
            doc_ids=sorted(flt.doc_ids) if flt.doc_ids else None
        )
        if reviewed:
            latest = ReviewLog(reviews or reviews_path(settings.store.path)).latest()
            stored = apply_reviews(stored, latest)
        records = flt.apply(stored)
        if places:  # places-jsonl: every resolved place mention, not the events
            records = store.place_mentions()
        if getattr(writer, "wants_relations", False):  # the network formats
            options["relations"] = store.relations()
            options["published"] = {d["id"]: d["published"] for d in store.documents() if d.get("published")}
        if partition and output is not None:
            n = write_parquet_dataset(records, output)
        elif output is None:
            n = writer(records, sys.stdout.buffer if fmt in BINARY_FORMATS else sys.stdout, **options)
            sys.stdout.flush()
        elif fmt in BINARY_FORMATS:
            with output.open("wb") as fh:
                n = writer(records, fh, **options)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = writer(records, fh, **options)
    err.print(f"whimbrel: exported {n} {what}" + (f" to {output}" if output else ""), markup=False)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``export``."""
    app.command("export")(export_command)
