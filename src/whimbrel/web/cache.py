"""Answers kept per snapshot: a read model never changes, so the same request gets the same bytes.

Keys carry the read model's generation, so a new snapshot makes every older answer unreachable (and
the least recently used ones are dropped first when the cache is full).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi.responses import Response


class ResponseCache:
    """A thread-safe LRU of encoded JSON bodies, bounded by total size."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self._max = max_bytes
        self._size = 0
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self._max // 8:
            return  # one answer may not crowd out the rest
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = body
            self._size += len(body)
            while self._size > self._max:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)


def encode(value: Any) -> bytes:
    """Compact JSON (UTF-8 kept as is) of a JSON-ready value."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(body: bytes) -> Response:
    """An application/json response of already encoded bytes."""
    return Response(body, media_type="application/json")


def cached(cache: ResponseCache, key: Hashable, compute: Callable[[], Any]) -> Response:
    """The cached answer for ``key``, computing and keeping it on a miss."""
    body = cache.get(key)
    if body is None:
        body = encode(compute())
        cache.put(key, body)
    return json_response(body)
