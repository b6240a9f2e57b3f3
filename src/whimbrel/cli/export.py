"""``whimbrel export``: write the stored events in a standard format."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from whimbrel import registry
from whimbrel.cli.app import err, fail, guarded, settings_for
from whimbrel.cli.options import ConfigOption, DbOption, ReviewsOption
from whimbrel.reviews import ReviewLog, apply_reviews, reviews_path
from whimbrel.store import Store


@guarded
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file [default: stdout].")
    ] = None,
    db: DbOption = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Apply the analysts' reviews (drop wrong events, apply fixes).")
    ] = False,
    reviews: ReviewsOption = None,
    config: ConfigOption = None,
) -> None:
    """Export every stored event as one record per line (the contract of DESIGN.md)."""
    settings = settings_for(config, {"store.path": str(db) if db else None})
    if fmt not in registry.exporters.available():
        raise fail(f"unknown format {fmt!r}; available: {', '.join(registry.exporters.available())}")
    writer: Any = registry.exporters.get(fmt)
    if not Path(settings.store.path).exists():
        raise fail(f"{settings.store.path}: no such store; run `whimbrel run` first")
    with Store(settings.store.path, read_only=True) as store:
        records: Iterable[dict[str, Any]] = store.event_records()
        if reviewed:
            latest = ReviewLog(reviews or reviews_path(settings.store.path)).latest()
            records = apply_reviews(records, latest)
        options: dict[str, Any] = {}
        if getattr(writer, "wants_relations", False):  # the network formats
            options["relations"] = store.relations()
            options["published"] = {d["id"]: d["published"] for d in store.documents() if d.get("published")}
        if output is None:
            n = writer(records, sys.stdout, **options)
        else:
            with output.open("w", encoding="utf-8") as fh:
                n = writer(records, fh, **options)
    what = "edges" if fmt in {"graphml", "gexf"} else "relations" if fmt == "relations-jsonl" else "events"
    err.print(f"whimbrel: exported {n} {what}" + (f" to {output}" if output else ""), markup=False)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``export``."""
    app.command("export")(export_command)
