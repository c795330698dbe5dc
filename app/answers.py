"""Answers to the page's two heavy callbacks, kept by the exact request that asked for them.

Every visit to one link sends the very same request (its address and the controls' first
values), and so does every filter change to one view: the page (``navigate``) and the charts
(``redraw``) are pure functions of that request and the dataset. A crowd arriving from one
article is then answered from memory after its first two visitors, not rebuilt for each.

Kept by a digest of the body, so no two requests that could differ share an answer; a body is
only ever kept once the security checks have let it through, and only a 200 is kept. An answer
is kept the second time its request comes, not the first: a view one visitor asks for once is
not worth the memory, and keeping every one-off answer pushed some 100 kB a request through
memory for nothing (in-process, a distinct filter change cost 13% more with it). Memory is
bounded in bytes (least recently used out first), per worker process.

    install_answers(dash_app)   # after install_security: its checks run first
"""

from __future__ import annotations

import hashlib
import logging

import flask
from dash import Dash

from app.export.cache import BoundedCache
from app.paths import CALLBACK_PATH
from app.security import output_specs

LOG = logging.getLogger(__name__)
KEPT_OUTPUTS = ("page-content.children", "figures-store.data")  # the two callbacks' first outputs
DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # the default visit's answer is about 0.6 MB
SEEN_ONCE = 16_384  # digests of requests answered once (about 2 MB), the oldest forgotten first
EXTENSION = "sri_answers"


def kept_output(body: object) -> bool:
    """Whether ``body`` asks for one of the callbacks whose answer is kept."""
    output = body.get("output") if isinstance(body, dict) else None
    return isinstance(output, str) and ".".join(output_specs(output)[0]) in KEPT_OUTPUTS


def install_answers(app: Dash, max_bytes: int = DEFAULT_MAX_BYTES) -> BoundedCache:
    """Answer repeated page and chart requests from a bytes-bounded cache; returns the cache,
    which is ``app.server.extensions["sri_answers"]`` (looked up there on each request)."""
    server = app.server
    server.extensions[EXTENSION] = BoundedCache(max_bytes)  # the answers' bytes: no ETag, no digest
    seen_once = BoundedCache(SEEN_ONCE)  # each digest counts 1

    def key_of_request() -> bytes | None:
        if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
            return None
        if not kept_output(flask.request.get_json(silent=True)):
            return None
        return hashlib.sha256(flask.request.get_data()).digest()

    @server.before_request
    def answer_from_memory():
        key = flask.g.sri_answer_key = key_of_request()
        if key is None:
            return None
        kept = server.extensions[EXTENSION].get(key)
        if kept is not None:
            flask.g.sri_answer_key = None  # already kept
            return flask.Response(kept, status=200, mimetype="application/json")
        if seen_once.get(key) is None:  # the first time: answered, not kept
            seen_once.put(key, True, 1)
            flask.g.sri_answer_key = None
        return None

    @server.after_request
    def keep_the_answer(response: flask.Response) -> flask.Response:
        key = flask.g.pop("sri_answer_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            data = response.get_data()
            server.extensions[EXTENSION].put(key, data, len(data))
        return response

    return server.extensions[EXTENSION]
