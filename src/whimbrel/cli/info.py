"""``whimbrel stages`` and ``whimbrel config show``."""

from __future__ import annotations

import tomllib
from typing import Any

import typer
from rich.table import Table

from whimbrel import registry
from whimbrel.cli.app import guarded, out, settings_for
from whimbrel.cli.options import ConfigOption
from whimbrel.config import Settings
from whimbrel.stages.base import StageConfig, stage_options


@guarded
def stages_command(config: ConfigOption = None) -> None:
    """List the registered stages in pipeline order: what each requires, provides and may be set."""
    settings = settings_for(config)
    table = Table(title="stages")
    for col in ("stage", "in pipeline", "requires", "provides", "options", "description"):
        table.add_column(col)
    order = {name: i for i, name in enumerate(settings.pipeline.stages)}
    names = sorted(registry.stages.available(), key=lambda n: (order.get(n, len(order)), n))
    for name in names:
        stage: Any = registry.stages.get(name)
        position = order.get(name)
        doc = (stage.__doc__ or "").strip().splitlines()[0] if stage.__doc__ else ""
        table.add_row(
            name,
            str(position + 1) if position is not None else "-",
            ", ".join(sorted(stage.requires)),
            ", ".join(sorted(stage.provides)),
            ", ".join(sorted(stage_options(stage) or ())),
            doc,
        )
    out.print(table)


def _effective(settings: Settings) -> dict[str, Any]:
    """The settings with each configured stage's section filled in from its typed config."""
    data = settings.model_dump(mode="json")
    for name in settings.pipeline.stages:
        factory: Any = registry.stages.get(name)
        config = getattr(factory, "Config", None)
        if isinstance(config, type) and issubclass(config, StageConfig):
            section = config.read(settings.stage(name), name).model_dump(mode="json")
            data["stages"][name] = section
    return data


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
    """Print the effective configuration as TOML (defaults, your file, environment), every stage's
    options included."""
    settings = settings_for(config)
    text = "\n".join(_toml(_effective(settings))).strip() + "\n"
    tomllib.loads(text)  # what we print must read back
    out.print(text, markup=False, highlight=False, end="")


def register(app: typer.Typer, config_app: typer.Typer) -> None:
    """Add ``stages`` and ``config show``."""
    app.command("stages")(stages_command)
    config_app.command("show")(config_show)
