"""Hardening for the served app: security headers and cache rules on every response, a bounded
request size, callback requests checked against the callback they name before Dash sees them,
and a 404 for paths that are no page. Bad input is a 4xx with a coded reason and one log line;
a bug is logged with its traceback and answered with a generic 500.

    install_security(dash_app)   # after every callback (clientside included) is registered
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Mapping

import flask
from dash import Dash
from werkzeug.exceptions import HTTPException

from app.paths import CALLBACK_PATH, EMBED_PREFIX
from app.routes import is_page_path

LOG = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 1_000_000  # the largest real callback request is a few kB
MAX_JSON_DEPTH = 64  # real callback bodies nest a handful of levels
MAX_JSON_VALUES = 10_000  # and hold a few hundred values (every subject and figure id at most)
DASH_CATCH_ALL = "/<path:path>"  # Dash's rule serving its index for any path
WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])


def content_security_policy(script_hashes: list[str], frameable: bool) -> str:
    """A policy Dash's production bundles work under: no inline script but hashed ones, no eval."""
    scripts = " ".join(["'self'", *script_hashes])  # Dash's csp_hashes() come quoted already
    ancestors = "*" if frameable else "'none'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # plotly.js and Dash set inline styles on elements
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        ]
    )


def _pattern(spec_id: str) -> dict | None:
    return json.loads(spec_id) if spec_id.startswith("{") else None


def _id_matches(given: object, spec_id: str) -> bool:
    """Whether an id sent in a request is the callback's id (a pattern's keys and fixed values)."""
    pattern = _pattern(spec_id)
    if pattern is None:
        return given == spec_id
    if not isinstance(given, dict) or given.keys() != pattern.keys():
        return False
    return all(
        isinstance(given[key], str | int | float | bool) if value in WILDCARDS else given[key] == value
        for key, value in pattern.items()
    )


def _one_matches(item: object, spec_id: str, prop: str) -> bool:
    """One item against its spec; an output's property may carry Dash's '@<hash>' (an output
    shared by several callbacks, allow_duplicate), as the browser sends it."""
    given = item.get("property") if isinstance(item, dict) else None
    return isinstance(given, str) and given.split("@")[0] == prop and _id_matches(item.get("id"), spec_id)


def _item_matches(item: object, spec_id: str, prop: str) -> bool:
    """An input, state or output item of a request against its spec; ALL/ALLSMALLER give lists."""
    pattern = _pattern(spec_id)
    if pattern and any(value in WILDCARDS[1:] for value in pattern.values()):
        return isinstance(item, list) and all(_one_matches(one, spec_id, prop) for one in item)
    return _one_matches(item, spec_id, prop)


def output_specs(output: str) -> list[tuple[str, str]]:
    """(id, property) of each output a callback's key names: 'a.b' or '..a.b...c.d..'."""
    return [(component, prop.split("@")[0]) for component, prop in _outputs_named(output)]


def _outputs_named(output: str) -> list[tuple[str, str]]:
    """(id, property) of each output a callback's key names, as the key names it (a property
    several callbacks share keeps its '@<hash>')."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(part.rsplit(".", 1)) for part in parts]


def _size_problem(value: object, raw: bytes | None = None) -> str | None:
    """Whether a parsed body nests too deep or holds more values than any real request. Given
    its ``raw`` JSON, a body whose brackets and commas (an upper bound on both, strings' own
    included) are within the limits is let through unwalked."""
    if raw is not None:
        opened = raw.count(b"[") + raw.count(b"{")
        if opened + 1 <= MAX_JSON_DEPTH and opened + raw.count(b",") <= MAX_JSON_VALUES:
            return None
    stack, count = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"[too-deep] the body nests deeper than {MAX_JSON_DEPTH} levels"
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        count += len(children)
        if count > MAX_JSON_VALUES:
            return f"[too-many-values] the body holds more than {MAX_JSON_VALUES} values"
        stack.extend((child, depth + 1) for child in children)
    return None


def callback_request_problem(
    body: object, callbacks: Mapping[str, dict], raw: bytes | None = None
) -> str | None:
    """Why a /_dash-update-component body cannot be a request for one of ``callbacks`` (Dash's
    callback_map), as a coded reason; None if it can. ``raw``: the body's JSON, if at hand.

    A body naming each output, input and state exactly as the callback declares them (as the
    browser sends every request of a callback without pattern-matching ids) is let through on
    one comparison; any other is walked item by item (``problem_by_walk``), which decides."""
    output = body.get("output") if isinstance(body, dict) else None
    spec = callbacks.get(output) if isinstance(output, str) else None
    if spec is not None and _sent_as_declared(body, output, spec):
        return _size_problem(body, raw) or _changed_problem(body)
    return problem_by_walk(body, callbacks, raw)


def _sent_as_declared(body: dict, output: str, spec: dict) -> bool:
    """Whether ``body`` names the callback's outputs, inputs and state, in order, exactly as
    it declares them (outputs with any '@<hash>' the key carries)."""
    known = _DECLARED.get(output)
    if known is None or known[0] is not spec:  # worked out once per callback
        known = _DECLARED[output] = (spec, _declared(output, spec))
    declared = known[1]
    if declared is False:
        return False
    outputs, inputs, states = declared
    try:
        given = body["outputs"] if output.startswith("..") else [body["outputs"]]
        return (
            _named(given) == outputs
            and _named(body["inputs"]) == inputs
            and _named(body.get("state", [])) == states
        )
    except (KeyError, TypeError, AttributeError):
        return False


_DECLARED: dict[str, tuple[dict, tuple | bool]] = {}  # a registered callback's key -> (its spec, _declared)


def _declared(output: str, spec: dict) -> tuple | bool:
    """(outputs, inputs, states) of a callback as (id, property) pairs, or False if any id is a
    pattern (those requests are always walked)."""
    outputs = tuple(_outputs_named(output))
    inputs = tuple((item["id"], item["property"]) for item in spec["inputs"])
    states = tuple((item["id"], item["property"]) for item in spec["state"])
    if any(_pattern(item_id) for item_id, _ in (*outputs, *inputs, *states)):
        return False
    return outputs, inputs, states


def _named(items) -> tuple:
    if not isinstance(items, list):
        raise TypeError("not a list")
    return tuple((item["id"], item["property"]) for item in items)


def problem_by_walk(body: object, callbacks: Mapping[str, dict], raw: bytes | None = None) -> str | None:
    """``callback_request_problem``, reading every item of the body against its spec."""
    if not isinstance(body, dict):
        return "[bad-callback] the body must be a JSON object"
    output = body.get("output")
    spec = callbacks.get(output) if isinstance(output, str) else None
    if spec is None:
        return "[unknown-callback] unknown or missing output"
    size_problem = _size_problem(body, raw)
    if size_problem:
        return size_problem
    outputs = output_specs(output)
    given = body.get("outputs") if output.startswith("..") else [body.get("outputs")]
    if not isinstance(given, list) or len(given) != len(outputs):
        return "[bad-callback] outputs do not match the callback's"
    if not all(_item_matches(item, *spec_) for item, spec_ in zip(given, outputs, strict=True)):
        return "[bad-callback] outputs do not match the callback's"
    for key in ("inputs", "state"):
        items, specs = body.get(key, []), spec[key]
        if key == "inputs" and "inputs" not in body:
            return "[bad-callback] inputs are missing"
        if not isinstance(items, list) or len(items) != len(specs):
            return f"[bad-callback] {key} do not match the callback's"
        if not all(_item_matches(i, s["id"], s["property"]) for i, s in zip(items, specs, strict=True)):
            return f"[bad-callback] {key} do not match the callback's"
    return _changed_problem(body)


def _changed_problem(body: dict) -> str | None:
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "[bad-callback] changedPropIds must be a list of strings"
    return None


def read_callback_body() -> tuple[object, str | None]:
    """The request's JSON, or why it cannot be read (nested past the parser's limit, malformed)."""
    try:
        return flask.request.get_json(silent=True), None
    except RecursionError:
        return None, f"[too-deep] the body nests deeper than {MAX_JSON_DEPTH} levels"


def not_found_page(path: str) -> flask.Response:
    """A friendly 404: what went wrong and where to go instead, in the dashboard's words."""
    shown = html.escape(path[:120])
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · Sino-Russian relations in figures</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}}
a{{color:#0060a0}}code{{background:#f3f3f3;padding:0 .2em}}</style></head>
<body><main><h1>Page not found</h1>
<p>There is no page at <code>{shown}</code>.</p>
<p>Try <a href="/">the overview of every chart</a>, <a href="/table">the table of figures</a>
or <a href="/sources">the sources</a>.</p></main></body></html>"""
    return flask.Response(page, status=404, mimetype="text/html")


def install_security(app: Dash, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    policies: dict[bool, str] = {}

    def policy(frameable: bool) -> str:
        if frameable not in policies:  # computed once, after every callback is registered
            policies[frameable] = content_security_policy(app.csp_hashes(), frameable)
        return policies[frameable]

    @server.before_request
    def refuse_what_no_route_should_see():
        rule = flask.request.url_rule
        if rule is not None and rule.rule == DASH_CATCH_ALL and not is_page_path(flask.request.path):
            LOG.warning("404 %s: no such page", flask.request.path[:200])
            return not_found_page(flask.request.path)
        if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
            return None
        if flask.request.content_length and flask.request.content_length > max_request_bytes:
            return refuse(413, "[too-large] request too large")
        body, problem = read_callback_body()
        problem = problem or callback_request_problem(body, app.callback_map, flask.request.get_data())
        return refuse(400, problem) if problem else None

    @server.after_request
    def add_security_headers(response: flask.Response) -> flask.Response:
        frameable = flask.request.path.startswith(EMBED_PREFIX)
        response.headers["Content-Security-Policy"] = policy(frameable)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if frameable:
            response.headers.pop("X-Frame-Options", None)
        else:
            response.headers["X-Frame-Options"] = "DENY"
        if "Cache-Control" not in response.headers:  # errors are never kept; pages are revalidated
            response.headers["Cache-Control"] = "no-store" if response.status_code >= 400 else "no-cache"
        return response

    @server.errorhandler(HTTPException)
    def answer_http_error(error: HTTPException):
        return refuse(error.code or 500, error.description or error.name)

    @server.errorhandler(Exception)
    def answer_unexpected_error(error: Exception):
        if is_malformed_request_body(error):
            return refuse(400, f"[bad-body] the request body could not be read: {type(error).__name__}")
        LOG.exception("unhandled error on %s", flask.request.path)
        return _error(500, "internal error; it has been logged")


def is_malformed_request_body(error: Exception) -> bool:
    """A request body the WSGI server could not read (gunicorn: a bad chunk size, a truncated
    body): the client's fault, not ours."""
    try:
        from gunicorn.http import errors
    except ImportError:  # pragma: no cover - not served by gunicorn
        return False
    return isinstance(error, errors.ParseException | errors.NoMoreData)


def refuse(status: int, reason: str) -> flask.Response:
    """Bad input: one log line (no traceback) and the coded reason."""
    if status >= 500:
        LOG.error("%d %s: %s", status, flask.request.path[:200], reason)
    else:
        LOG.warning("%d %s: %s", status, flask.request.path[:200], reason)
    return _error(status, reason)


def _error(status: int, message: str) -> flask.Response:
    """A short plain answer: never a traceback, never the app's internals."""
    return flask.make_response(flask.jsonify(error=message, status=status), status)
