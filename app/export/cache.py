"""Finished exports kept in memory, bounded by bytes, least recently used out first.

An export is a pure function of its key (the route, validated chart ids, the validated view's
query, format and checked size), so a repeated request is answered from here, and its ETag
(a digest of the bytes) lets browsers, nginx and CDNs revalidate it for free.
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


class ExportCache:
    """Thread-safe LRU of ``Export``s whose bytes never total more than ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, Export] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Export | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, data: bytes) -> Export:
        """Keep ``data`` under ``key`` (unless it alone would take over a quarter of the budget);
        a key already kept keeps its first export (the same content: an export is a function of
        its key; decks differ only in the timestamps python-pptx writes)."""
        kept = self.get(key)
        if kept is not None:
            return kept
        export = Export.of(data)
        if len(data) > self.max_bytes // 4:
            return export
        with self._lock:
            if key in self._entries:  # put by another thread meanwhile
                return self._entries[key]
            self._entries[key] = export
            self._bytes += len(data)
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.data)
        return export
