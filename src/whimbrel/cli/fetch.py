"""``whimbrel fetch URLS_FILE --out DIR``: save web pages for ``whimbrel run`` to read offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import EXIT_INPUT, err, fail, guarded
from whimbrel.fetch import Fetched, FetchPolicy, fetch_all, read_urls


@guarded
def fetch_command(
    urls_file: Annotated[Path, typer.Argument(help="A file with one URL per line ('-' for stdin).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder to save the pages in.")],
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Also fetch from private, loopback and link-local addresses."),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait to connect and per read.")
    ] = 20.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest page to save, in bytes.")
    ] = 10_000_000,
) -> None:
    """Download each URL into DIR, one file per page with its metadata; then `whimbrel run DIR`."""
    if timeout <= 0 or max_bytes <= 0:
        raise fail("--timeout and --max-bytes must be positive")
    if str(urls_file) == "-":
        import sys

        urls = read_urls(sys.stdin)
    else:
        try:
            urls = read_urls(urls_file.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"{urls_file}: cannot read the URL file ({exc})") from None
    if not urls:
        raise fail(f"{urls_file}: no URLs")
    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    saved = failed = 0
    for result in fetch_all(urls, out, policy):
        if isinstance(result, Fetched):
            saved += 1
        else:
            failed += 1
            err.print(f"whimbrel: {result}", markup=False, highlight=False)
    err.print(f"whimbrel: fetched {saved} of {len(urls)} pages into {out}", markup=False)
    if failed:
        raise typer.Exit(EXIT_INPUT)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``fetch``."""
    app.command("fetch")(fetch_command)
