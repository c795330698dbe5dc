"""Helpers for the export tests: the browser requirement and reading exported files."""

from __future__ import annotations

import struct

import pytest
from conftest import IN_CI

from app.export.images import browser_problem


def require_browser() -> None:
    """Skip (fail under CI=true) when no headless Chromium is available for images."""
    problem = browser_problem()
    if problem is None:
        return
    message = f"needs a headless Chromium (/usr/bin/chromium or $BROWSER_PATH): {problem}"
    if IN_CI:
        pytest.fail(message + " — CI installs Debian's chromium, so this must not happen there")
    pytest.skip(message)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def trace_values(trace) -> list[float]:
    """The numbers a bar/scatter trace plots on its value axis."""
    values = trace.x if trace.type == "bar" and trace.orientation == "h" else trace.y
    return [
        float(v) for v in (values if values is not None else []) if isinstance(v, (int, float)) and v == v
    ]
