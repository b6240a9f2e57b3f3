"""``whimbrel stages`` and ``whimbrel config show``."""

from __future__ import annotations

import tomllib
from typing import Any

import typer
from rich.table import Table

from whimbrel import registry
from whimbrel.cli.app import guarded, out, settings_for
from whimbrel.cli.options import ConfigOption


@guarded
def stages_command(config: ConfigOption = None) -> None:
    """List the registered stages, what each requires and provides, and whether it is configured."""
    settings = settings_for(config)
    table = Table(title="stages")
    for col in ("stage", "in pipeline", "requires", "provides", "description"):
        table.add_column(col)
    for name in registry.stages.available():
        stage: Any = registry.stages.get(name)
        position = settings.pipeline.stages.index(name) + 1 if name in settings.pipeline.stages else None
        doc = (stage.__doc__ or "").strip().splitlines()[0] if stage.__doc__ else ""
        table.add_row(
            name,
            str(position) if position else "-",
            ", ".join(sorted(stage.requires)),
            ", ".join(sorted(stage.provides)),
            doc,
        )
    out.print(table)


def _toml(data: dict[str, Any], prefix: str = "") -> list[str]:
    lines: list[str] = []
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    if prefix and scalars:
        lines.append(f"[{prefix}]")
    for key, value in scalars.items():
        lines.append(f"{key} = {_value(value)}")
    if scalars:
        lines.append("")
    for key, value in tables.items():
        lines.extend(_toml(value, f"{prefix}.{key}" if prefix else key))
    return lines


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


@guarded
def config_show(config: ConfigOption = None) -> None:
    """Print the effective configuration as TOML (defaults, your file, environment)."""
    settings = settings_for(config)
    text = "\n".join(_toml(settings.model_dump(mode="json"))).strip() + "\n"
    tomllib.loads(text)  # what we print must read back
    out.print(text, markup=False, highlight=False, end="")


def register(app: typer.Typer, config_app: typer.Typer) -> None:
    """Add ``stages`` and ``config show``."""
    app.command("stages")(stages_command)
    config_app.command("show")(config_show)
