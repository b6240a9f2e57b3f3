"""Settings: shipped TOML defaults, then the user's file, then the environment, then CLI flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from whimbrel.errors import ConfigError

ENV_PREFIX = "WHIMBREL__"
CONFIG_ENV = "WHIMBREL_CONFIG"
# Longer "sentences" (a page with no full stop) get no mentions and no events, with a reason.
MAX_SENTENCE_TOKENS = 250
# A name in ``pipeline.stages`` that stands for several stages: "mentions", the stage before the
# split into one stage per kind of mention, is the four in their order.
STAGE_ALIASES: dict[str, tuple[str, ...]] = {"mentions": ("actors", "places", "dates", "quantities")}


def expand_stages(names: Sequence[str]) -> tuple[str, ...]:
    """``names`` with every alias replaced by the stages it stands for."""
    return tuple(n for name in names for n in STAGE_ALIASES.get(name, (name,)))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PipelineSettings(_Section):
    stages: tuple[str, ...]
    batch_size: int = Field(gt=0)
    max_sentence_tokens: int = Field(default=MAX_SENTENCE_TOKENS, gt=0)

    @field_validator("stages")
    @classmethod
    def _expand(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return expand_stages(names)


class IngestSettings(_Section):
    encoding: str
    max_bytes: int = Field(gt=0)
    max_archive_bytes: int = Field(default=200_000_000, gt=0)
    max_archive_members: int = Field(default=10_000, gt=0)
    languages: tuple[str, ...] = ("en",)


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


# Options of the stages before the split, and where each one went.
_MOVED: dict[tuple[str, str], tuple[str, ...]] = {
    ("mentions", "actor_files"): ("stages", "actors", "actor_files"),
    ("mentions", "dates"): ("stages", "dates", "resolve"),
    ("mentions", "max_sentence_tokens"): ("pipeline", "max_sentence_tokens"),
    ("coding", "max_sentence_tokens"): ("pipeline", "max_sentence_tokens"),
}


def _renamed(layer: dict[str, Any], where: str) -> dict[str, Any]:
    """One layer with the options of older configs moved to where they live now.

    ``[stages.mentions]`` was one stage for actors, places, dates and quantities; its options, and
    the ``max_sentence_tokens`` that it and ``[stages.coding]`` each had, moved. Two different values
    for one new place are a ConfigError saying what to write instead.
    """
    if not isinstance(layer.get("stages"), dict):
        return layer
    out = _merge({}, layer)  # a copy, dicts included
    given: dict[tuple[str, ...], tuple[str, Any]] = {}
    for (stage, key), target in _MOVED.items():
        section = out["stages"].get(stage)
        if not isinstance(section, dict) or key not in section:
            continue
        value = section.pop(key)
        old = f"[stages.{stage}] {key}"
        new = f"[{'.'.join(target[:-1])}] {target[-1]}"
        node = out
        for part in target[:-1]:
            node = node.setdefault(part, {})
        earlier = given.get(target) or ((new, node[target[-1]]) if target[-1] in node else None)
        if earlier is not None and earlier[1] != value:
            raise ConfigError(
                f"{where}: {old} = {value!r} and {earlier[0]} = {earlier[1]!r} disagree; "
                f"write {new} once instead"
            )
        given[target] = (old, value)
        node[target[-1]] = value
    if out["stages"].get("mentions") == {}:
        del out["stages"]["mentions"]
    return out


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
        data = _merge(data, _renamed(_read_file(Path(user_path)), str(user_path)))
    data = _merge(data, _renamed(_from_env(env), "the environment"))
    if overrides:
        data = _merge(data, _renamed(dotted(overrides), "the overrides"))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"config {where}: {first['msg']}") from None
