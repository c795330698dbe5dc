"""Serving: the app refuses invalid data with the validator's message, and holds up under a
bounded loopback load with no failures and no memory growth between rounds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from test_loaders_validation import CELL_MUTATIONS

from loaders import DataValidationError


@pytest.mark.parametrize(
    ("relative", "column", "value", "code"),
    CELL_MUTATIONS,
    ids=[f"{m[0]}:{m[1]}={m[2]!r}" for m in CELL_MUTATIONS],
)
def test_the_app_refuses_each_kind_of_broken_data(curated_copy, monkeypatch, relative, column, value, code):
    from app import create_app

    line, position = curated_copy.set_cell(relative, 0, column, value)
    monkeypatch.setenv("SRI_INDICATORS_DIR", str(curated_copy.root))
    with pytest.raises(DataValidationError) as raised:
        create_app()
    assert f"indicators/{relative}:{line}:{position}: [{code}]" in str(raised.value)


def test_serve_prints_the_problems_and_serves_nothing(curated_copy):
    line, position = curated_copy.set_cell("figures.csv", 0, "unit", "usd_trillion")
    environment = dict(os.environ, SRI_INDICATORS_DIR=str(curated_copy.root))
    result = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"indicators/figures.csv:{line}:{position}: [unknown-value]" in result.stderr
    assert "Not serving" in result.stderr and "Traceback" not in result.stderr


def resident_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def draw_requests(base: str, count: int) -> list[bytes]:
    """Real chart-drawing requests, each selecting a different figure (so each is computed once)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from callbacks import heaviest_request

    from app.charts import CHARTS

    bodies = []
    for n in range(count):
        body = heaviest_request(base, CHARTS[n % len(CHARTS)].id)
        body["state"] = [
            dict(s, value={"ids": [f"load-{n}"]}) if s["id"] == "selection-store" else s
            for s in body["state"]
        ]
        bodies.append(json.dumps(body).encode())
    return bodies


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read memory use")
def test_bounded_load_has_no_failures_and_no_memory_growth_between_rounds():
    with socket.socket() as probe:  # a free loopback port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not start within 60 s")
                time.sleep(0.1)
        bodies = draw_requests(base, 48)
        paths = ["/", "/_dash-layout", "/_dash-dependencies", "/assets/app.css"]
        failures, memory = 0, []
        for _round in range(4):  # bounded: 4 rounds of 48 callbacks and 48 page requests
            for n, body in enumerate(bodies):
                request = urllib.request.Request(
                    base + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
                )
                for url in (request, base + paths[n % len(paths)]):
                    try:
                        with urllib.request.urlopen(url, timeout=30) as response:
                            response.read()
                            failures += response.status not in (200, 204)
                    except OSError:
                        failures += 1
            memory.append(resident_kb(server.pid))
        assert failures == 0
        # Round 1 fills the caches; later rounds repeat the same requests and must not grow.
        assert memory[-1] - memory[1] < 8_000, f"resident memory by round (kB): {memory}"
    finally:
        server.terminate()
        server.wait(timeout=10)
