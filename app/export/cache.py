"""Work kept in memory, bounded by bytes, least recently used out first (``BoundedCache``).

Finished exports (``ExportCache``): an export is a pure function of its key (the route, validated
chart ids, the validated view's query, format and checked size), so a repeated request is
answered from here, and its ETag (a digest of the bytes) lets browsers, nginx and CDNs revalidate
it for free. The page's answers (app/answers.py) and its charts' drawings (app/drawing.py) are
kept the same way.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Export:
    data: bytes
    etag: str

    @classmethod
    def of(cls, data: bytes) -> Export:
        return cls(data, hashlib.sha256(data).hexdigest()[:32])


class BoundedCache:
    """Thread-safe LRU whose values' sizes (in bytes, as the caller measures them) never total
    more than ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value, size: int):
        """Keep ``value`` under ``key`` unless it alone would take over a quarter of the budget;
        returns what is kept under ``key`` (a key already kept keeps its first value: values here
        are functions of their keys)."""
        if size > self.max_bytes // 4:
            return value
        with self._lock:
            if key in self._entries:  # put by another thread meanwhile
                return self._entries[key][0]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return value


class ExportCache:
    """Finished exports by key, their bytes never totalling more than ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES):
        self._kept = BoundedCache(max_bytes)

    @property
    def size_bytes(self) -> int:
        return self._kept.size_bytes

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable) -> Export | None:
        return self._kept.get(key)

    def keep(self, key: Hashable, data: bytes) -> Export:
        """The export kept under ``key``, ``data`` if none was (decks made twice differ only in
        the timestamps python-pptx writes, so the first is kept)."""
        kept = self._kept.get(key)
        return kept if kept is not None else self._kept.put(key, Export.of(data), len(data))
