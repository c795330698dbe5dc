"""Hardening for the served app: security headers, a bounded request size, and callback
requests checked for shape before Dash sees them, so malformed input gets a 4xx, never a 500.

    install_security(dash_app)   # after every callback (clientside included) is registered
"""

from __future__ import annotations

import logging

import flask
from dash import Dash
from werkzeug.exceptions import HTTPException

LOG = logging.getLogger(__name__)
CALLBACK_PATH = "/_dash-update-component"
EMBED_PREFIX = "/embed/"
MAX_REQUEST_BYTES = 1_000_000  # the largest real callback request is a few kB


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


def callback_request_problem(body: object, known_outputs: set[str]) -> str | None:
    """Why a /_dash-update-component body cannot be a real Dash request, or None if it can."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in known_outputs:
        return "unknown or missing output"
    outputs = body.get("outputs")
    specs = outputs if isinstance(outputs, list) else [outputs]
    if not all(isinstance(s, dict) and "id" in s and isinstance(s.get("property"), str) for s in specs):
        return "outputs must name an id and a property"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list):
            return f"{key} must be a list"
        for item in items:
            group = item if isinstance(item, list) else [item]  # pattern-matching inputs are lists
            if not all(
                isinstance(i, dict) and "id" in i and isinstance(i.get("property"), str) for i in group
            ):
                return f"each of {key} must name an id and a property"
    if "inputs" not in body:
        return "inputs are missing"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds must be a list of strings"
    return None


def install_security(app: Dash, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    policies: dict[bool, str] = {}

    def policy(frameable: bool) -> str:
        if frameable not in policies:  # computed once, after every callback is registered
            policies[frameable] = content_security_policy(app.csp_hashes(), frameable)
        return policies[frameable]

    known_outputs = {key for key in app.callback_map}

    @server.before_request
    def reject_malformed_callback_requests():
        if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
            return None
        if flask.request.content_length and flask.request.content_length > max_request_bytes:
            return _error(413, "request too large")
        body = flask.request.get_json(silent=True)
        problem = callback_request_problem(body, known_outputs or set(app.callback_map))
        return _error(400, problem) if problem else None

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
        return response

    @server.errorhandler(HTTPException)
    def answer_http_error(error: HTTPException):
        return _error(error.code or 500, error.description or error.name)

    @server.errorhandler(Exception)
    def answer_unexpected_error(error: Exception):
        LOG.exception("unhandled error on %s", flask.request.path)
        return _error(500, "internal error; it has been logged")


def _error(status: int, message: str) -> flask.Response:
    """A short plain answer: never a traceback, never the app's internals."""
    response = flask.make_response(flask.jsonify(error=message, status=status), status)
    return response
