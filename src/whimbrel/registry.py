"""Named registries of stages and exporters.

Built-ins are registered from one explicit list (``builtins``), never as a
side effect of importing a module. Third-party plugins come lazily from the
``whimbrel.stages`` and ``whimbrel.exporters`` entry-point groups.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

from whimbrel.errors import RegistryError

T = TypeVar("T")


class Registry(Generic[T]):
    """A name → factory mapping with lazy built-ins and entry points."""

    def __init__(self, kind: str, builtins: dict[str, str], group: str) -> None:
        self.kind = kind
        self._builtins = builtins  # name -> "module:attribute"
        self._group = group
        self._items: dict[str, T] = {}
        self._plugins_loaded = False

    def register(self, name: str, item: T) -> None:
        """Register ``item`` under ``name``, replacing nothing silently."""
        if name in self._items or name in self._builtins:
            raise RegistryError(f"{self.kind} {name!r} is already registered")
        self._items[name] = item

    def get(self, name: str) -> T:
        """Return the item registered as ``name``."""
        if name in self._items:
            return self._items[name]
        if name in self._builtins:
            module_name, _, attr = self._builtins[name].partition(":")
            item: T = getattr(import_module(module_name), attr)
            self._items[name] = item
            return item
        self._load_plugins()
        if name in self._items:
            return self._items[name]
        raise RegistryError(f"unknown {self.kind} {name!r}; available: {', '.join(self.available())}")

    def available(self) -> list[str]:
        """Names of every registered item, sorted."""
        self._load_plugins()
        return sorted(set(self._builtins) | set(self._items))

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=self._group):
            if ep.name not in self._items and ep.name not in self._builtins:
                self._items[ep.name] = ep.load()


# The built-in list: one place to see every stage and exporter whimbrel ships.
stages: Registry[Callable[..., Any]] = Registry(
    "stage",
    {
        "passages": "whimbrel.stages.passages:Passages",
        "newswire": "whimbrel.stages.newswire:Newswire",
        "nlp": "whimbrel.stages.nlp:Nlp",
        "actors": "whimbrel.stages.actors:Actors",
        "places": "whimbrel.stages.places:Places",
        "dates": "whimbrel.stages.dates:Dates",
        "quantities": "whimbrel.stages.quantities:Quantities",
        "coding": "whimbrel.stages.coding:Coding",
        "relations": "whimbrel.stages.relations:Relations",
        "learned": "whimbrel.stages.learned:Learned",
    },
    "whimbrel.stages",
)

exporters: Registry[Callable[..., Any]] = Registry(
    "exporter",
    {
        "jsonl": "whimbrel.exports.jsonl:write_jsonl",
        "graphml": "whimbrel.exports.network:write_graphml",
        "gexf": "whimbrel.exports.network:write_gexf",
        "relations-jsonl": "whimbrel.exports.relations_jsonl:write_relations_jsonl",
        "csv": "whimbrel.exports.csvfile:write_csv",
        "parquet": "whimbrel.exports.parquet:write_parquet",
        "cameo-tsv": "whimbrel.exports.cameo_tsv:write_cameo_tsv",
        "geojson": "whimbrel.exports.geojson:write_geojson",
        "places-jsonl": "whimbrel.exports.places_jsonl:write_places_jsonl",
    },
    "whimbrel.exporters",
)
