"""Page render: navigation until the first screen's charts are drawn in headless Chromium, and
bytes transferred, ours vs the minimal one-graph app.

    python bench/render.py [--runs 3]

Needs Debian's chromium and chromedriver. Time is from navigation start until every chart box
in the 1440x1000 window holds a drawn plot (the overview draws the others as they are scrolled
to; bench/interaction.py measures a redraw of all of them); bytes are the compressed sizes the
browser received (Resource Timing transferSize, all requests including callbacks). Targets:
render <= 2x the minimal app's, compressed bytes <= 1.5x.
"""

from __future__ import annotations

import argparse
import time

from common import chromium, median, print_table, serve

TARGET_TIME, TARGET_BYTES = 2.0, 1.5
DRAWN = """
const inView = b => { const r = b.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; };
const boxes = [...document.querySelectorAll('.chart-graph, .dash-graph')].filter(inView);
const drawn = b => b.classList.contains('chart-empty') ||
  [...b.querySelectorAll('.js-plotly-plot')].some(g => g._fullLayout && g.querySelector('.main-svg'));
return boxes.length > 0 && boxes.every(drawn);
"""
TRANSFER = """
const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
return [entries.reduce((sum, e) => sum + (e.transferSize || 0), 0), entries.length,
        document.querySelectorAll('.js-plotly-plot').length];
"""


def measure(driver, url: str, timeout: float = 60.0) -> tuple[float, int, int, int]:
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    start = time.perf_counter()
    driver.get(url)
    while not driver.execute_script(DRAWN):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{url}: graphs not drawn within {timeout:.0f} s")
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    time.sleep(0.5)  # let late callbacks finish so their bytes count too
    transferred, requests, graphs = driver.execute_script(TRANSFER)
    return elapsed, transferred, requests, graphs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    driver = chromium()
    results = {}
    try:
        for name in ("ours", "minimal"):
            with serve(name, gunicorn_workers=2) as url:
                first = measure(driver, url + "/")  # a fresh server: the first visitor
                for _ in range(3):  # each worker process fills its own caches
                    measure(driver, url + "/")
                runs = [measure(driver, url + "/") for _ in range(args.runs)]
            results[name] = {
                "seconds": median([r[0] for r in runs]),
                "bytes": median([r[1] for r in runs]),
                "requests": runs[-1][2],
                "graphs": runs[-1][3],
                "first": first[0],
            }
    finally:
        driver.quit()
    print_table(
        ["app", "first screen s (warm server)", "first visit s", "kB transferred", "requests", "plots drawn"],
        [
            [
                n,
                f"{r['seconds']:.2f}",
                f"{r['first']:.2f}",
                f"{r['bytes'] / 1024:.0f}",
                r["requests"],
                r["graphs"],
            ]
            for n, r in results.items()
        ],
    )
    time_ratio = results["ours"]["seconds"] / results["minimal"]["seconds"]
    byte_ratio = results["ours"]["bytes"] / results["minimal"]["bytes"]
    verdict = "meets" if time_ratio <= TARGET_TIME and byte_ratio <= TARGET_BYTES else "MISSES"
    print(
        f"render: ours {time_ratio:.2f}x the minimal app's time, {byte_ratio:.2f}x its compressed bytes "
        f"({verdict} the {TARGET_TIME}x / {TARGET_BYTES}x targets; "
        f"empty browser cache, warm server, {args.runs} runs)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
