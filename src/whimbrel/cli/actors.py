"""``whimbrel actors``: list and show the actor knowledge base, import PETRARCH dictionaries into it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from whimbrel.cli.app import err, fail, guarded, out, settings_for
from whimbrel.cli.options import ConfigOption
from whimbrel.knowledge.actors import KINDS, ActorKB
from whimbrel.stages.actors import ActorsConfig

actors_app = typer.Typer(
    help="The actor knowledge base: list and show entries, import PETRARCH dictionaries.",
    no_args_is_help=True,
)

FORMATS = ("petrarch",)
_SHOWN_FINDINGS = 40


def _kb(config: Path | None) -> ActorKB:
    settings = settings_for(config)
    return ActorKB.load(ActorsConfig.read(settings.stage("actors"), "actors").files())


@guarded
def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Dictionary files: *.actors.txt, *.agents.txt, *.verbs.txt, *.discards.txt (the kind is "
            "read from the name, else from the content).",
            show_default=False,
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"The dictionary format: {', '.join(FORMATS)}.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write the converted files.")] = Path(
        "whimbrel-knowledge"
    ),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every finding.")] = False,
) -> None:
    """Convert dictionaries of another coder into whimbrel's actor, trigger and discard files."""
    if fmt.lower() not in FORMATS:
        raise fail(f"unknown format {fmt!r}; supported: {', '.join(FORMATS)}")
    from whimbrel.petrarch.importer import import_dictionaries

    result = import_dictionaries(files)
    written = result.write(out_dir)
    report = result.report
    out.print(f"imported {len(result.files)} file(s):", markup=False)
    for name, kind in result.files.items():
        out.print(f"  {kind:<9} {name}", markup=False)
    out.print("counts:", markup=False)
    for key, value in sorted(report.counts.items()):
        out.print(f"  {key}: {value}", markup=False)
    for status in ("approximated", "unsupported"):
        by = report.by_construct(status)
        total = sum(by.values())
        out.print(f"{status}: {total}", markup=False)
        for construct, n in by.most_common():
            out.print(f"  {construct}: {n}", markup=False)
    unsupported = [f for f in report.findings if verbose or f.status == "unsupported"]
    if unsupported:
        out.print("findings:" if verbose else "unsupported constructs:", markup=False)
        shown = unsupported if verbose else unsupported[:_SHOWN_FINDINGS]
        for f in shown:
            out.print(f"  {f.where}: [{f.status}] {f.construct}: {f.detail}", markup=False)
        if len(shown) < len(unsupported):
            out.print(
                f"  ... and {len(unsupported) - len(shown)} more (all in {out_dir / 'import-report.json'})",
                markup=False,
            )
    out.print("wrote:", markup=False)
    for path in written:
        out.print(f"  {path}", markup=False)
    if result.actors:
        err.print(
            f'whimbrel: add "{out_dir / "actors.jsonl"}" to [stages.actors] actor_files to use the actors',
            markup=False,
        )


@guarded
def list_command(
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Only this kind of entry.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only entries whose name, id or alias contains this.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = 50,
    config: ConfigOption = None,
) -> None:
    """List the actor entries (the shipped base and the configured actor files)."""
    if kind is not None and kind not in KINDS:
        raise fail(f"unknown kind {kind!r}; expected one of {', '.join(sorted(KINDS))}")
    kb = _kb(config)
    needle = search.casefold() if search else None
    rows = []
    for entry in kb.entries():
        if kind is not None and entry.kind != kind:
            continue
        if needle is not None and not any(
            needle in text.casefold() for text in (entry.id, entry.name, *entry.aliases, *entry.demonyms)
        ):
            continue
        rows.append(entry)
    table = Table(title=f"{min(len(rows), limit)} of {len(rows)} actors")
    for column in ("id", "kind", "code", "sector", "name", "valid", "aliases"):
        table.add_column(column, overflow="fold", no_wrap=column in {"kind", "code", "sector"})
    for entry in rows[:limit]:
        valid = (
            f"{entry.valid_from or ''}..{entry.valid_to or ''}" if entry.valid_from or entry.valid_to else ""
        )
        table.add_row(
            entry.id,
            entry.kind,
            entry.code or "",
            entry.sector or "",
            entry.name,
            valid,
            ", ".join(entry.aliases[:4]),
        )
    out.print(table)


@guarded
def show_command(
    actor_id: Annotated[str, typer.Argument(help="The entry's id, e.g. iso:IRQ.", show_default=False)],
    config: ConfigOption = None,
) -> None:
    """Show one actor entry as JSON."""
    kb = _kb(config)
    if actor_id not in kb:
        close = [e.id for e in kb.find(actor_id)][:5]
        hint = f"; entries named {actor_id!r}: {', '.join(close)}" if close else ""
        raise fail(f"no actor with id {actor_id!r}{hint}")
    typer.echo(json.dumps(kb.get(actor_id).to_json(), indent=2, ensure_ascii=False))


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``actors`` with ``import``, ``list`` and ``show``."""
    actors_app.command("import")(import_command)
    actors_app.command("list")(list_command)
    actors_app.command("show")(show_command)
    app.add_typer(actors_app, name="actors")
