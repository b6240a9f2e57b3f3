"""Settings: shipped TOML defaults, then the user's file, then the environment, then CLI flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from whimbrel.errors import ConfigError

ENV_PREFIX = "WHIMBREL__"
CONFIG_ENV = "WHIMBREL_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PipelineSettings(_Section):
    stages: tuple[str, ...]
    batch_size: int = Field(gt=0)


class IngestSettings(_Section):
    encoding: str
    max_bytes: int = Field(gt=0)


class StoreSettings(_Section):
    path: str


class Settings(_Section):
    """The whole validated configuration."""

    pipeline: PipelineSettings
    ingest: IngestSettings
    store: StoreSettings
    stages: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def stage(self, name: str) -> dict[str, Any]:
        """The ``[stages.<name>]`` section (empty when absent)."""
        return dict(self.stages.get(name, {}))


def _defaults() -> dict[str, Any]:
    text = resources.files("whimbrel").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None


def _parse_env_value(raw: str) -> Any:
    # A value is read as TOML when it parses ("64", "true", '["a","b"]'), else as a string.
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX):
            continue
        path = [part.lower() for part in key[len(ENV_PREFIX) :].split("__") if part]
        if not path:
            continue
        node = layer
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = _parse_env_value(raw)
    return layer


def dotted(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Turn {"stages.nlp.batch_size": 8} into nested dicts."""
    layer: dict[str, Any] = {}
    for key, value in overrides.items():
        parts = key.split(".")
        node = layer
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return layer


def load_config(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build settings from the four layers; raise ConfigError naming what is wrong."""
    env = os.environ if env is None else env
    data = _defaults()
    user_path = path if path is not None else env.get(CONFIG_ENV)
    if user_path:
        data = _merge(data, _read_file(Path(user_path)))
    data = _merge(data, _from_env(env))
    if overrides:
        data = _merge(data, dotted(overrides))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"config {where}: {first['msg']}") from None
