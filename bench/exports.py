"""Exports: PNG, SVG and the PPTX deck of every chart, cold (a fresh process, browser start
included) and warm (a second pass in the same process), against the baseline of rendering the
minimal app's one bar chart with the same kaleido server.

    python bench/exports.py

Needs Debian's chromium for images. Target: the whole deck <= 10 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PYTHON, ROOT, print_table

DECK_TARGET = 10.0


def cold(fmt: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "app", "export", "--all", "--format", fmt, "--out", str(out)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import plotly.express as px
    from minimal_app import TABLE  # noqa: F401 (same figure as the minimal app)

    from app.export.cli import main as export_main
    from app.export.images import render_figure

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt in ("png", "svg", "pptx"):
            cold_seconds = cold(fmt, out / f"cold-{fmt}")
            export_main(["--all", "--format", fmt, "--out", str(out / f"first-{fmt}")])  # starts kaleido
            start = time.perf_counter()
            export_main(["--all", "--format", fmt, "--out", str(out / f"warm-{fmt}")])
            rows.append([fmt, cold_seconds, time.perf_counter() - start])
        baseline_figure = px.bar(TABLE.astype({"year": "int64", "value": "float64"}), x="year", y="value")
        start = time.perf_counter()
        for _ in range(5):
            render_figure(baseline_figure, "png", 1920, 1080)
        baseline = (time.perf_counter() - start) / 5
    from app.charts import CHARTS

    print_table(
        ["format", "cold s (fresh process)", "warm s", "warm s per chart", "per chart / baseline"],
        [
            [fmt, f"{c:.1f}", f"{w:.1f}", f"{w / len(CHARTS):.2f}", f"{w / len(CHARTS) / baseline:.1f}x"]
            for fmt, c, w in rows
        ],
    )
    deck = next(r for r in rows if r[0] == "pptx")
    verdict = "meets" if max(deck[1], deck[2]) <= DECK_TARGET else "MISSES"
    print(
        f"exports: whole deck {deck[2]:.1f} s warm, {deck[1]:.1f} s cold "
        f"({verdict} the {DECK_TARGET:.0f} s target); "
        f"baseline PNG of the minimal chart {baseline * 1000:.0f} ms; {len(CHARTS)} charts"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
