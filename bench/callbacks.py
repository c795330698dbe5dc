"""Callback latency under a bounded concurrent load: our heaviest callbacks vs a trivial one.

    python bench/callbacks.py [--clients 20] [--seconds 20] [--workers 2] [--worker-class gthread]

Both apps run under gunicorn with the same workers on loopback: gunicorn's default sync workers,
or with ``--worker-class gthread`` the worker class the project ships (deploy/gunicorn.conf.py,
8 threads each). Each client thread posts a callback request in a loop until the time is up;
the load is bounded in clients and time. Request bodies are written before the clock starts, as
the trivial callback's one body is, so the clients do the same work for both apps. Both apps are
served at once and the cases take turns (``--slices``, 4 by default), so the baseline is measured
over the same minutes as ours on a machine whose load drifts.
Ours: the visit (the page and every chart's figure under the URL's view) and the filter change
(every chart under new filters), each with every request a view no earlier request asked for,
and the visit to the default view repeated (a crowd arriving from one link: after the second, its
answer comes from memory, app/answers.py). Reports p50/p95 latency, throughput and failures.
Target: p95 of every distinct-view case <= 2x the trivial callback's, zero failed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
import urllib.request

from common import percentile, print_table, serve

TARGET = 2.0
PREBUILT = 30_000  # bodies written before a load starts (a 20 s load sends about 15,000)
TRIVIAL_REQUEST = {
    "output": "echo.children",
    "outputs": {"id": "echo", "property": "children"},
    "inputs": [{"id": "text", "property": "value", "value": "a"}],
    "changedPropIds": ["text.value"],
}
CATEGORIES = ["trade", "arms", "fdi", "diplomacy", "military", "economy", "loans", "energy"]
ESSAYS = ["kashin-2019", "franchell-2019", "ma-zhang-2019", "tatsumi-2019", "french-perspective-2014"]
FIRST_YEAR, LAST_YEAR = 1985, 2025  # the period slider's ends
SPANS = [(low, high) for low in range(FIRST_YEAR, LAST_YEAR) for high in range(low + 1, LAST_YEAR + 1)]
# A filter change picks, besides its period and the context switch: every category or all but one
# (the heaviest answers), one category (then two), or one essay (then two); the first PER_KIND of
# each kind are used, the kinds taking turns.
WIDE = [[]] + [[c for c in CATEGORIES if c != left_out] for left_out in CATEGORIES]
CHOICES = (
    [("filter-category.value", choice) for choice in WIDE],
    [("filter-category.value", [category]) for category in CATEGORIES]
    + [("filter-category.value", list(pair)) for pair in itertools.combinations(CATEGORIES, 2)],
    [("filter-essay.value", [essay]) for essay in ESSAYS]
    + [("filter-essay.value", list(pair)) for pair in itertools.combinations(ESSAYS, 2)],
)
# How many requests each load may send before a view would repeat (app/answers.py would then
# answer it from memory, and the load would no longer be "every view distinct").
VISITS = len(SPANS) * len(CATEGORIES) * 2 * (len(ESSAYS) + 1)
PER_KIND = min(len(choices) for choices in CHOICES)
CHANGES = len(CHOICES) * len(SPANS) * 2 * PER_KIND


def digits(number: int, *radices: int) -> list[int]:
    """``number`` in mixed radix (least significant first): a distinct tuple for each number
    below the product of the radices."""
    out = []
    for radix in radices:
        number, digit = divmod(number, radix)
        out.append(digit)
    return out


def visit_body(number: int | None) -> bytes:
    """A visit to / with a view of its own (None: the default view, as most visitors send);
    distinct for every number below VISITS."""
    search = ""
    if number is not None:
        span, category, context, essay = digits(
            number % VISITS, len(SPANS), len(CATEGORIES), 2, len(ESSAYS) + 1
        )
        low, high = SPANS[span]
        search = f"?years={low}-{high}&category={CATEGORIES[category]}" + ("&context=0" if context else "")
        search += f"&essay={ESSAYS[essay - 1]}" if essay else ""
    values = {"url.pathname": "/", "url.search": search}
    return callback_body("page-content.children", values, ["url.pathname"])


def change_body(number: int) -> bytes:
    """A filter change to a view of its own, as the controls send it (see CHOICES); distinct for
    every number below CHANGES."""
    kind, span, context, choice = digits(number % CHANGES, len(CHOICES), len(SPANS), 2, PER_KIND)
    control, value = CHOICES[kind][choice]
    low, high = SPANS[span]
    values = {
        "filter-category.value": [],
        "filter-essay.value": [],
        "filter-subject.value": [],
        "filter-years.value": [low, high],
        "filter-context.value": [] if context else ["on"],
        "url.pathname": "/",
        "filter-query.data": "",
    } | {control: value}
    return callback_body("figures-store.data", values, ["filter-years.value"])


_dependencies: list[dict] = []


def learn_signatures(base_url: str) -> None:
    """The server callbacks' signatures, from the app's own /_dash-dependencies."""
    with urllib.request.urlopen(base_url + "/_dash-dependencies", timeout=10) as response:
        _dependencies[:] = [d for d in json.load(response) if not d.get("clientside_function")]


def callback_body(first_output: str, values: dict, changed: list[str]) -> bytes:
    """The request the browser sends to the server callback whose first output is
    ``first_output``, every input and state it declares present (None where not given)."""
    for dependency in _dependencies:
        parts = dependency["output"].strip(".").split("...")
        if parts[0].split("@")[0] != first_output:
            continue
        outputs = []
        for part in parts:  # as the browser names them: an output several callbacks share keeps its '@<hash>'
            component, prop = part.rsplit(".", 1)
            outputs.append({"id": component, "property": prop})

        def item(spec: dict) -> dict:
            key = f"{spec['id']}.{spec['property']}"
            return {"id": spec["id"], "property": spec["property"], "value": values.get(key)}

        body = {
            "output": dependency["output"],
            "outputs": outputs,
            "inputs": [item(spec) for spec in dependency["inputs"]],
            "state": [item(spec) for spec in dependency["state"]],
            "changedPropIds": changed,
        }
        return json.dumps(body).encode()
    raise LookupError(f"no server callback writes {first_output}")


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


class Load:
    """One case of the benchmark: ``make_body(number)`` posted to ``url`` by ``clients`` threads,
    in slices of time; ``number`` counts up from 0 across slices, and make_body gives a distinct
    request for each number below ``distinct`` (the warm-up takes the last three, which the load
    would reach last). Bodies are written before the clock starts."""

    def __init__(self, url: str, make_body, distinct: int = 10**9):
        self.url, self.make_body, self.distinct = url + "/_dash-update-component", make_body, distinct
        self.bodies = [make_body(number) for number in range(min(distinct, PREBUILT))]
        self.sent, self.latencies, self.failed, self.seconds = 0, [], 0, 0.0
        for number in range(3):  # warm up
            post(self.url, make_body(distinct - 1 - number))

    def run(self, clients: int, seconds: float) -> None:
        lock = threading.Lock()
        deadline = time.perf_counter() + seconds

        def client() -> None:
            while time.perf_counter() < deadline:
                with lock:
                    number, self.sent = self.sent, self.sent + 1
                body = self.bodies[number] if number < len(self.bodies) else self.make_body(number)
                elapsed, ok = post(self.url, body)
                with lock:
                    self.latencies.append(elapsed)
                    self.failed += 0 if ok else 1

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.seconds += seconds

    def result(self) -> dict:
        return {
            "p50": percentile(self.latencies, 0.5) * 1000,
            "p95": percentile(self.latencies, 0.95) * 1000,
            "rps": len(self.latencies) / self.seconds,
            "requests": len(self.latencies),
            "failed": self.failed,
            "repeated": max(0, len(self.latencies) - (self.distinct - 3)),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=8, help="per gthread worker")
    parser.add_argument("--slices", type=int, default=4, help="turns each case takes, --seconds in all")
    args = parser.parse_args()
    options = ("--worker-class", args.worker_class)
    if args.worker_class == "gthread":
        options += ("--threads", str(args.threads))
    distinct = ("ours: visit, every view distinct", "ours: filter change, every view distinct")
    with serve("ours", args.workers, options) as ours, serve("minimal", args.workers, options) as minimal:
        learn_signatures(ours)
        trivial = json.dumps(TRIVIAL_REQUEST).encode()
        loads = {
            distinct[0]: Load(ours, visit_body, VISITS),
            distinct[1]: Load(ours, change_body, CHANGES),
            "ours: visit, default view": Load(ours, lambda n: visit_body(None)),
            "minimal: trivial echo": Load(minimal, lambda n: trivial),
        }
        for _ in range(args.slices):  # the cases take turns, so a change in the machine's load hits all
            for case in loads.values():
                case.run(args.clients, args.seconds / args.slices)
    results = {name: case.result() for name, case in loads.items()}
    print_table(
        ["callback", "p50 ms", "p95 ms", "req/s", "requests", "failed"],
        [
            [name, f"{r['p50']:.1f}", f"{r['p95']:.1f}", f"{r['rps']:.0f}", r["requests"], r["failed"]]
            for name, r in results.items()
        ],
    )
    base = results["minimal: trivial echo"]["p95"]
    worst = max(distinct, key=lambda name: results[name]["p95"])
    ratio = results[worst]["p95"] / base
    failed = sum(r["failed"] for r in results.values())
    repeated = sum(results[name]["repeated"] for name in distinct)
    verdict = "meets" if ratio <= TARGET and not failed and not repeated else "MISSES"
    if repeated:
        print(f"callbacks: {repeated} requests repeated an earlier view: not a distinct-view load")
    print(
        f"callbacks: heaviest distinct-view case ({worst}) p95 {ratio:.2f}x the trivial callback's, "
        f"{failed} failed ({verdict} the {TARGET:g}x / 0-failure target; {args.clients} clients x "
        f"{args.seconds:.0f} s, gunicorn {args.workers} {args.worker_class} workers)"
    )
    crowd = results["ours: visit, default view"]["p95"] / base
    print(
        "callbacks: a crowd on one link (the default view, answered from memory after the second) "
        f"p95 {crowd:.2f}x the trivial callback's"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
