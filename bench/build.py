"""Figure building: every chart for many distinct views, against serialising the same figures.

    python bench/build.py [--views 24] [--repeat 3]

In process, no server. For each view (distinct year spans, categories, essays, context on and
off) the rows are selected once and all charts are built; the baseline is json.dumps of the
very figures built, which no figure-building can beat. Target: building <= 10x serialising.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from common import ROOT, median, print_table

sys.path.insert(0, str(ROOT))

TARGET = 10.0


def views(count: int):
    """Distinct views: year spans, categories, essays and the context toggle, combined."""
    from app.view import View

    categories = [(), ("trade",), ("arms",), ("fdi",), ("trade", "arms"), ("diplomacy",)]
    essays = [(), ("kashin-2019",), ("ma-zhang-2019",), ("tatsumi-2019",)]
    out = []
    for n in range(count):
        span = (1990 + n % 17, 2025 - (n // 17) % 7)
        out.append(
            View(
                categories=categories[n % len(categories)],
                essays=essays[(n // 2) % len(essays)],
                year_range=span if n % 3 else None,
                show_context=n % 4 != 3,
            )
        )
    assert len(set(out)) == count, "every view distinct"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from app.catalog import catalog_of
    from app.charts import CHARTS, draw
    from loaders import load_dataset

    start = time.perf_counter()
    catalog = catalog_of(load_dataset())
    load_seconds = time.perf_counter() - start
    chosen = views(args.views)
    build, dump, sizes = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        figures = [draw(chart, catalog.select(view)) for view in chosen for chart in CHARTS]
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        sizes = [len(json.dumps(figure)) for figure in figures]
        dump.append(time.perf_counter() - start)
    per_view_build = median(build) / len(chosen) * 1000
    per_view_dump = median(dump) / len(chosen) * 1000
    print_table(
        ["step", "ms per view", "total s", "views x charts"],
        [
            [
                "select rows + build every chart",
                f"{per_view_build:.1f}",
                f"{median(build):.2f}",
                f"{len(chosen)} x {len(CHARTS)}",
            ],
            [
                "json.dumps of the same figures",
                f"{per_view_dump:.1f}",
                f"{median(dump):.2f}",
                f"{len(chosen)} x {len(CHARTS)}",
            ],
        ],
    )
    ratio = median(build) / median(dump)
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(
        f"build: {ratio:.1f}x serialising the same figures ({verdict} the {TARGET:g}x target; "
        f"{len(chosen)} distinct views, {sum(sizes) / len(chosen) / 1000:.0f} kB of JSON per view, "
        f"median of {args.repeat}; catalog built once at load in {load_seconds:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
