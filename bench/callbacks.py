"""Callback latency under a bounded concurrent load: our heaviest callbacks vs a trivial one.

    python bench/callbacks.py [--clients 20] [--seconds 20] [--workers 2]

Both apps run under gunicorn with the same workers on loopback. Each client thread posts the
callback request in a loop until the time is up; the load is bounded in clients and time.
Ours: the route callback that answers a visit to / with all twelve charts drawn (the heaviest
answer), and the redraw of the slowest chart when a filter changes. Reports p50/p95 latency,
throughput and failures, for repeated requests (what most visitors send: answered from the
response cache) and for all-distinct ones (every request computed). The summary is the p95
ratio of the heavier repeated case. Target: ours <= 1.5x the trivial callback, zero failed.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import urllib.request

from common import percentile, print_table, serve

TARGET = 1.5


def _concrete(spec: str, chart_id: str):
    """A dependency id as sent by the browser: MATCH wildcards become this chart's id."""
    if spec.startswith("{"):
        return {key: (chart_id if value == ["MATCH"] else value) for key, value in json.loads(spec).items()}
    return spec


def heaviest_request(base_url: str, chart_id: str) -> dict:
    """The request the browser sends to draw one chart panel, built from the app's own
    /_dash-dependencies (so it follows the callback's signature), filters at their defaults."""
    with urllib.request.urlopen(base_url + "/_dash-dependencies", timeout=10) as response:
        dependencies = json.load(response)
    draw = next(
        d
        for d in dependencies
        if "chart-graph" in d["output"] and ".figure" in d["output"] and d["output"].startswith("..")
    )
    outputs = []
    for part in draw["output"].strip(".").split("..."):
        spec, prop = part.rsplit(".", 1)
        outputs.append({"id": _concrete(spec, chart_id), "property": prop})

    def with_value(item: dict) -> dict:
        concrete = _concrete(item["id"], chart_id)
        value = concrete if item["property"] == "id" else None
        return {"id": concrete, "property": item["property"], "value": value}

    return {
        "output": draw["output"],
        "outputs": outputs,
        "inputs": [with_value(i) for i in draw["inputs"]],
        "state": [with_value(s) for s in draw["state"]],
        "changedPropIds": [],
    }


def route_request(search: str = "") -> dict:
    """The request the browser sends on a visit to /?search: the page, every chart drawn."""
    return {
        "output": "page-content.children",
        "outputs": {"id": "page-content", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
        "changedPropIds": ["url.pathname"],
        "state": [{"id": "url", "property": "search", "value": search}],
    }


def distinct_route_body(number: int) -> bytes:
    """A visit whose year filter no earlier request used (330 spans), so nothing is cached."""
    low, high = 1985 + number % 33, 2025 - (number // 33) % 10
    return json.dumps(route_request(f"?years={low}-{high}")).encode()


def distinct_draw_body(body: dict, number: int) -> bytes:
    """A redraw that selects an unknown figure id, so no cache can answer it."""
    state = [
        dict(item, value={"ids": [f"nonce-{number}"]}) if item["id"] == "selection-store" else item
        for item in body["state"]
    ]
    return json.dumps(dict(body, state=state)).encode()


TRIVIAL_REQUEST = {
    "output": "echo.children",
    "outputs": {"id": "echo", "property": "children"},
    "inputs": [{"id": "text", "property": "value", "value": "a"}],
    "changedPropIds": ["text.value"],
}


def post(url: str, body: bytes) -> tuple[float, bool]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            ok = response.status in (200, 204)
    except OSError:
        ok = False
    return time.perf_counter() - start, ok


def load(url: str, body: dict, clients: int, seconds: float, distinct=None) -> dict:
    """Post body from `clients` threads for `seconds`; with distinct (number -> request body),
    every request is a new one that no cache, of responses or of built figures, can answer."""
    payload = json.dumps(body).encode()
    counter = iter(range(10**9))
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            data = distinct(next(counter)) if distinct else payload
            elapsed, ok = post(url + "/_dash-update-component", data)
            with lock:
                latencies.append(elapsed)
                failures[0] += 0 if ok else 1

    for _ in range(3):  # warm up: the first draw of a chart fills its cache
        post(url + "/_dash-update-component", payload)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "p50": percentile(latencies, 0.5) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "rps": len(latencies) / seconds,
        "requests": len(latencies),
        "failed": failures[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chart", default=None, help="chart to draw (default: the slowest to build)")
    args = parser.parse_args()
    chart_id = args.chart or slowest_chart()
    results = {}
    with serve("ours", args.workers) as url:
        draw = heaviest_request(url, chart_id)
        cases = {
            "ours: route / (12 charts drawn)": (route_request(), distinct_route_body),
            f"ours: redraw {chart_id}": (draw, lambda number: distinct_draw_body(draw, number)),
        }
        for name, (body, distinct) in cases.items():
            results[name] = load(url, body, args.clients, args.seconds)
            results[f"{name}, every request computed"] = load(
                url, body, args.clients, args.seconds, distinct=distinct
            )
    with serve("minimal", args.workers) as url:
        results["minimal: trivial echo"] = load(url, TRIVIAL_REQUEST, args.clients, args.seconds)
    print_table(
        ["callback", "p50 ms", "p95 ms", "req/s", "requests", "failed"],
        [
            [name, f"{r['p50']:.1f}", f"{r['p95']:.1f}", f"{r['rps']:.0f}", r["requests"], r["failed"]]
            for name, r in results.items()
        ],
    )
    trivial = results["minimal: trivial echo"]
    heaviest = max(cases, key=lambda name: results[name]["p95"])
    ratio = results[heaviest]["p95"] / trivial["p95"]
    failed = sum(r["failed"] for r in results.values())
    computed = max(results[f"{name}, every request computed"]["p95"] for name in cases)
    verdict = "meets" if ratio <= TARGET and not failed else "MISSES"
    print(
        f"callbacks: heaviest ({heaviest}) p95 {ratio:.2f}x the trivial callback's, {failed} failed "
        f"({verdict} the {TARGET}x / 0-failure target; {args.clients} clients x {args.seconds:.0f} s, "
        f"gunicorn {args.workers} workers); every request computed, p95 is up to "
        f"{computed / trivial['p95']:.0f}x"
    )
    return 0


def slowest_chart() -> str:
    """The chart whose figure takes longest to build from scratch, measured here."""
    import sys

    from common import ROOT

    sys.path.insert(0, str(ROOT))
    from app.charts import CHARTS
    from app.options import ChartOptions
    from loaders import load_dataset

    dataset = load_dataset()
    timings = {}
    for chart in CHARTS:
        start = time.perf_counter()
        chart.build(dataset, ChartOptions())
        timings[chart.id] = time.perf_counter() - start
    return max(timings, key=timings.get)


if __name__ == "__main__":
    raise SystemExit(main())
