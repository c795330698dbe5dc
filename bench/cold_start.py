"""Cold start: process start to the first 200 on /, ours vs the minimal Dash app.

    python bench/cold_start.py [--runs 5]

Runs alternate between the two apps so that machine noise hits both alike; the summary is
the ratio of medians. Target: ours <= 1.5x the minimal app.
"""

from __future__ import annotations

import argparse
import time

from common import SERVERS, free_port, median, print_table, running

TARGET = 1.5


def time_cold_start(name: str) -> float:
    port = free_port()
    command = [part.format(port=port) for part in SERVERS[name]]
    start = time.perf_counter()
    with running(command, f"http://127.0.0.1:{port}/"):
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"ours": [], "minimal": []}
    for _ in range(args.runs):
        for name in timings:
            timings[name].append(time_cold_start(name))
    rows = [
        [name, f"{median(values):.2f}", f"{min(values):.2f}", f"{max(values):.2f}"]
        for name, values in timings.items()
    ]
    print_table(["app", "median s", "min s", "max s"], rows)
    ratio = median(timings["ours"]) / median(timings["minimal"])
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(
        f"cold start: ours {ratio:.2f}x the minimal app "
        f"({verdict} the {TARGET}x target; {args.runs} runs each)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
