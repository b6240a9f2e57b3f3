"""A bounded memo table for the hot paths: per-word lookups that depend only on the word."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``compute(key)``, computed once; the table empties itself past ``limit`` keys.

    A plain dict lookup on a hit (no Python call), so it suits loops over every token of every sentence.
    Only for pure functions of the key.
    """

    def __init__(self, compute: Callable[[K], V], limit: int = 200_000) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: K) -> V:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value
