"""Helpers shared by the benchmarks: start a server, wait for it, summarise timings."""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_200(url: str, timeout: float = 60.0) -> float:
    """Seconds until url answers 200; raises TimeoutError."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


SERVERS = {
    # name -> command line (with {port}) for the dev server of each app
    "ours": [PYTHON, "-m", "app", "serve", "--port", "{port}"],
    "minimal": [PYTHON, str(ROOT / "bench" / "minimal_app.py"), "--port", "{port}"],
}
GUNICORN = {
    "ours": "app.wsgi:server",
    "minimal": "bench.minimal_app:server",
}


@contextmanager
def running(command: list[str], url: str, timeout: float = 60.0):
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_200(url, timeout)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def serve(name: str, gunicorn_workers: int = 0, gunicorn_options: tuple[str, ...] = ()):
    """Serve one app on a free port: the dev server, or gunicorn with N workers (and options)."""
    port = free_port()
    if gunicorn_workers:
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            *gunicorn_options,
            "--workers",
            str(gunicorn_workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            GUNICORN[name],
        ]
    else:
        command = [part.format(port=port) for part in SERVERS[name]]
    with running(command, f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def print_table(header: list[str], rows: list[list[object]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def chromium(width: int = 1440, height: int = 1000):
    """Debian's headless Chromium through its chromedriver (never a downloaded browser)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--disable-extensions",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
