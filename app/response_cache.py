"""A bounded cache of callback responses, keyed by the exact request body.

Every callback here is a pure function of its request: the dataset is immutable for the life
of the process and no callback has a side effect on the server. So two identical requests
(the default view of a panel, which every visitor's browser asks for) get byte-identical
answers, and the second can be served from memory. Misses behave exactly as before.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import flask

CALLBACK_PATH = "/_dash-update-component"


class ResponseCache:
    """LRU of response bodies, bounded in entries and in bytes."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64_000_000):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, tuple[bytes, str, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str) -> tuple[bytes, str, int] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, body: bytes, mimetype: str, status: int) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one huge answer must not flush everything else
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (body, mimetype, status)
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (old, _, _) = self._entries.popitem(last=False)
                self._bytes -= len(old)

    def __len__(self) -> int:
        return len(self._entries)


def install_response_cache(server: flask.Flask, cache: ResponseCache | None = None) -> ResponseCache:
    cache = ResponseCache() if cache is None else cache  # an empty cache is falsy

    def request_key() -> str | None:
        if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
            return None
        return hashlib.sha256(flask.request.get_data(cache=True)).hexdigest()

    @server.before_request
    def answer_from_cache():
        key = request_key()
        if key is None:
            return None
        flask.g.response_cache_key = key
        entry = cache.get(key)
        if entry is None:
            return None
        flask.g.response_cache_hit = True
        body, mimetype, status = entry
        return flask.Response(body, status=status, mimetype=mimetype)

    @server.after_request
    def remember_response(response: flask.Response) -> flask.Response:
        key = flask.g.pop("response_cache_key", None)
        if (
            key
            and not flask.g.pop("response_cache_hit", False)
            and response.status_code in (200, 204)
            and not response.direct_passthrough
        ):
            cache.put(key, response.get_data(), response.mimetype, response.status_code)
        return response

    return cache
