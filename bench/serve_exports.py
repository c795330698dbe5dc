"""Pages while exports run: how each way of serving keeps pages quick during an export burst.

    python bench/serve_exports.py [--seconds 20] [--configs sync:process,gthread:thread,gthread:process]

Each configuration runs gunicorn with deploy/gunicorn.conf.py (2 workers) on loopback, the worker
class overridden on the command line and the export pool's kind set by $SRI_EXPORT_POOL. One
client measures GET / and the page's route callback (every chart drawn, a distinct view each
time so nothing is cached) first alone, then while other clients keep asking for two full decks
and four PNGs (each a new view, so each is made). Reports p50/p95/max of both, the ratio of p95
under exports to p95 alone (the baseline measured in the same run), how the exports were
answered, and the peak memory of the server's process tree (web workers, export processes,
Chromium). Bounded: a few clients, a fixed time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from functools import cache

from common import PYTHON, ROOT, free_port, percentile, print_table, running


@cache
def route_callback(base: str) -> dict:
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=10) as response:
        return next(d for d in json.load(response) if "page-content.children" in d["output"])


def route_body(base: str, number: int) -> bytes:
    """The request a visit to /?years=… sends: the page with every chart drawn (a new view each)."""
    route = route_callback(base)
    low, high = 1990 + number % 20, 2024 - (number // 20) % 10
    values = {"url.pathname": "/", "url.search": f"?years={low}-{high}"}

    def item(dep):
        key = f"{dep['id']}.{dep['property']}"
        return {"id": dep["id"], "property": dep["property"], "value": values.get(key)}

    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
        for part in route["output"][2:-2].split("...")
    ]
    body = {
        "output": route["output"],
        "outputs": outputs,
        "inputs": [item(d) for d in route["inputs"]],
        "state": [item(d) for d in route["state"]],
        "changedPropIds": ["url.pathname"],
    }
    return json.dumps(body).encode()


def timed(request) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return time.perf_counter() - start, status


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (ps), in MB."""
    table = subprocess.run(["ps", "-eo", "pid=,ppid=,rss="], capture_output=True, text=True).stdout
    rows = [tuple(int(x) for x in line.split()) for line in table.splitlines() if line.strip()]
    family, total = {pid}, 0
    for _ in range(6):
        family |= {p for p, parent, _ in rows if parent in family}
    total = sum(rss for p, _, rss in rows if p in family)
    return total / 1024


def watch_memory(pid: int, stop: threading.Event, peak: list[float]) -> None:
    while not stop.wait(0.5):
        peak.append(tree_rss_mb(pid))


def page_timings(base: str, seconds: float, offset: int) -> dict:
    pages, callbacks, number = [], [], offset
    stop = time.time() + seconds
    while time.time() < stop:
        pages.append(timed(base + "/")[0])
        request = urllib.request.Request(
            base + "/_dash-update-component",
            data=route_body(base, number),
            headers={"Content-Type": "application/json"},
        )
        callbacks.append(timed(request)[0])
        number += 1
    return {"page": pages, "callback": callbacks}


def export_burst(base: str, stop: threading.Event, answers: Counter) -> list[threading.Thread]:
    def client(kind: str, slot: int) -> None:
        number = 0
        while not stop.is_set():
            years = f"{1995 + (slot * 7 + number) % 25}-2024"
            if kind == "deck":
                url = f"{base}/download/deck.pptx?years={years}"
            else:
                url = f"{base}/download/trade-context.png?years={years}&size=16x9"
            answers[timed(url)[1]] += 1
            number += 1

    threads = [threading.Thread(target=client, args=("deck", n)) for n in range(2)]
    threads += [threading.Thread(target=client, args=("png", n + 2)) for n in range(4)]
    for thread in threads:
        thread.start()
    return threads


def measure(config: str, seconds: float) -> list[list[object]]:
    worker_class, pool = config.split(":")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    os.environ["SRI_EXPORT_POOL"] = pool
    threads = ["--threads", "1"] if worker_class == "sync" else []
    command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    command += ["-k", worker_class, *threads, "--bind", f"127.0.0.1:{port}", "app.wsgi:server"]
    with running(command, base + "/") as server:
        for chart in ("trade-context", "trade-context"):  # start each worker's Chromium
            timed(f"{base}/download/{chart}.png?size=4x3")
        alone = page_timings(base, seconds / 2, 0)
        stop, answers, peak = threading.Event(), Counter(), [0.0]
        burst = export_burst(base, stop, answers)
        watcher = threading.Thread(target=watch_memory, args=(server.pid, stop, peak))
        watcher.start()
        loaded = page_timings(base, seconds, 1000)
        stop.set()
        for thread in [*burst, watcher]:
            thread.join()
    rows = []
    for what in ("page", "callback"):
        ratio = percentile(loaded[what], 0.95) / percentile(alone[what], 0.95)
        rows.append(
            [
                config,
                what,
                *(f"{percentile(loaded[what], q) * 1000:.0f}" for q in (0.5, 0.95, 1.0)),
                f"{percentile(alone[what], 0.95) * 1000:.0f}",
                f"{ratio:.1f}x",
                " ".join(f"{k}:{v}" for k, v in sorted(answers.items())),
                f"{max(peak):.0f}",
            ]
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--configs", default="sync:process,gthread:thread,gthread:process")
    args = parser.parse_args()
    rows = [row for config in args.configs.split(",") for row in measure(config, args.seconds)]
    header = [
        "worker:pool",
        "request",
        "p50 ms",
        "p95 ms",
        "max ms",
        "alone p95",
        "p95 ratio",
        "exports (status:count)",
        "peak MB",
    ]
    print_table(header, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
