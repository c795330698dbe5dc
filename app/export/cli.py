"""Command line: python -m app export --list | --chart ID ... | --all, --format F --out PATH.

    python -m app export --list
    python -m app export --chart trade-2017 --format png --out trade.png --size 4x3 --scale 2
    python -m app export --chart trade-2017 --chart loans-net-flows --format pptx --out deck.pptx
    python -m app export --all --format svg --out exports/
    python -m app export --chart trade-2017 --format html --out trade.html   # one self-contained page
    python -m app export --all --format html --out site/    # index + a page a chart, for any static host

Exit status: 0 done, 1 an export failed (e.g. no browser for images), 2 a usage error
(unknown chart or format, missing --out).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.export.sizes import SIZES, SLIDE_16_9
from app.view import View, Vocabulary, parse_view

FORMATS = ("png", "svg", "csv", "pptx", "html")


class UsageError(Exception):
    """A mistake in the command line: exit 2 with the message."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app export",
        description="Export charts as CSV rows, PNG/SVG images (title, unit and source line baked in) "
        "or a PowerPoint deck with native charts.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--list", action="store_true", help="print each chart's id and title, one a line")
    which.add_argument(
        "--chart",
        action="append",
        metavar="ID",
        help="chart id (repeat for several; with pptx they make one deck)",
    )
    which.add_argument("--all", action="store_true", help="every chart")
    parser.add_argument("--format", help=f"one of {', '.join(FORMATS)}")
    parser.add_argument("--out", type=Path, help="file (one chart, or a deck) or folder (several charts)")
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        default=SLIDE_16_9.name,
        help="slide size preset for images: 16x9 = 1920×1080, 4x3 = 1600×1200 (default 16x9)",
    )
    parser.add_argument("--width", type=int, help="image width in logical px (overrides --size)")
    parser.add_argument("--height", type=int, help="image height in logical px (overrides --size)")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio for PNG, e.g. 2 (default 1)")
    parser.add_argument("--category", action="append", default=[], help="only figures of this category")
    parser.add_argument("--essay", action="append", default=[], help="only figures from this essay id")
    parser.add_argument("--subject", action="append", default=[], help="only figures about this subject")
    parser.add_argument(
        "--years", metavar="FROM-TO", help="only figures whose period overlaps, e.g. 2010-2018"
    )
    parser.add_argument(
        "--context", metavar="1|0", help="show external reference series (1, the default) or not (0)"
    )
    parser.add_argument(
        "--no-context", action="store_true", help="leave out external reference series (--context 0)"
    )
    parser.add_argument("--select", action="append", default=[], metavar="ID", help="highlight this figure")
    parser.add_argument("--indicators", type=Path, help="curated data folder (default: indicators/)")
    return parser


def view_from_args(args, vocabulary: Vocabulary) -> View:
    """The view the options name, through the same parser as the dashboard's URL; anything
    unknown or malformed is a usage error naming it."""
    params = {
        "category": args.category,
        "essay": args.essay,
        "subject": args.subject,
        "years": [args.years] if args.years else [],
        "context": ["0"] if args.no_context else ([args.context] if args.context else []),
        "select": args.select,
    }
    parsed = parse_view(params, vocabulary)
    if parsed.problems:
        problems = "; ".join(str(p) for p in parsed.problems)
        raise UsageError(f"{problems}. Fix: see the values the data holds in the dashboard's filters")
    return parsed.view


def pick_charts(args) -> list:
    from app.charts import CHARTS, get_chart

    if args.all:
        return list(CHARTS)
    charts = []
    for chart_id in args.chart:
        try:
            charts.append(get_chart(chart_id))
        except KeyError:
            known = ", ".join(chart.id for chart in CHARTS)
            raise UsageError(
                f"[unknown-chart] no chart {chart_id!r}. Known charts: {known}. "
                "Fix: run `python -m app export --list`"
            ) from None
    return charts


def image_size(args) -> tuple[int, int]:
    """--size, or --width/--height, checked as the download routes check them (exit 2 if not)."""
    from app.export.images import image_size_problem

    preset = SIZES[args.size]
    width, height = args.width or preset.width, args.height or preset.height
    problem = image_size_problem(width, height, args.scale)
    if problem:
        fix = "" if "Fix:" in problem else ". Fix: --size 16x9 or 4x3, or a --width/--height within them"
        raise UsageError(problem + fix)
    return width, height


def output_paths(charts: list, fmt: str, out: Path | None) -> list[Path]:
    if out is None:
        raise UsageError(
            "[missing-out] --out is required. Fix: add --out FILE (one chart) or --out DIR (several)"
        )
    if len(charts) == 1 and out.suffix:
        return [out]
    if out.exists() and not out.is_dir():
        raise UsageError(f"[out-not-a-folder] {out} is a file; several charts need a folder. Fix: --out DIR")
    return [out / f"{chart.id}.{fmt}" for chart in charts]


def run(args, say) -> int:
    from app.charts import CHARTS

    if args.list:
        for chart in CHARTS:
            print(f"{chart.id}\t{chart.title}")
        return 0
    fmt = (args.format or "").lower()
    if fmt not in FORMATS:
        given = f"{args.format!r} is not a format" if args.format else "--format is required"
        raise UsageError(f"[unknown-format] {given}. Fix: --format one of {', '.join(FORMATS)}")
    charts = pick_charts(args)
    from app.catalog import catalog_of
    from loaders import load_dataset

    catalog = catalog_of(load_dataset(args.indicators))
    view = view_from_args(args, catalog.vocabulary)
    started = time.perf_counter()
    if fmt == "pptx":
        return write_deck(charts, catalog, view, args.out, say, started)
    if fmt == "html":
        return write_html(charts, catalog, view, args.out, say, started)
    return write_files(charts, catalog, view, fmt, args, say, started)


def write_deck(charts: list, catalog, view: View, out: Path | None, say, started: float) -> int:
    """The deck to FILE.pptx, or into folder out under its own name."""
    if out is None:
        raise UsageError("[missing-out] --out is required. Fix: --out deck.pptx or --out DIR")
    from app.export.deck import build_deck
    from app.export.links import deck_file_name

    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        out = out / deck_file_name(charts, view)
    out.parent.mkdir(parents=True, exist_ok=True)
    build_deck(charts, catalog, view, out=out, progress=say)
    say(f"wrote {out} (a title slide, then {len(charts)} charts) in {time.perf_counter() - started:.1f} s")
    return 0


def write_files(charts: list, catalog, view: View, fmt: str, args, say, started: float) -> int:
    """A CSV, PNG or SVG file per chart, saying each as it is written; 1 if any image failed."""
    paths = output_paths(charts, fmt, args.out)
    width, height = image_size(args) if fmt in ("png", "svg") else (0, 0)
    if fmt in ("png", "svg"):
        from app.export.images import BrowserUnavailable, browser_problem

        problem = browser_problem()
        if problem:
            raise BrowserUnavailable(problem)
    failures = []
    for index, (chart, path) in enumerate(zip(charts, paths, strict=True), start=1):
        path.parent.mkdir(parents=True, exist_ok=True)
        one = time.perf_counter()
        if fmt == "csv":
            from app.export.chart_csv import write_chart_csv

            detail = f"{write_chart_csv(chart, catalog, view, path)} rows"
        else:
            from app.export.images import BrowserUnavailable, ImageExportError, render_chart_image

            try:
                data = render_chart_image(chart, catalog, view, fmt, width, height, args.scale)
            except BrowserUnavailable:  # stops the run; one chart's failure does not
                raise
            except ImageExportError as error:
                failures.append(chart.id)
                say(f"[{index}/{len(charts)}] {chart.id}: FAILED {error}")
                continue
            path.write_bytes(data)
            detail = f"{width}×{height}" + (f" ×{args.scale:g}" if fmt == "png" and args.scale != 1 else "")
        if len(charts) > 1 or fmt != "csv":
            say(f"[{index}/{len(charts)}] {chart.id} -> {path} ({detail}, {time.perf_counter() - one:.1f} s)")
    if len(charts) > 1:
        written = len(charts) - len(failures)
        say(f"wrote {written} {fmt.upper()} files in {time.perf_counter() - started:.1f} s")
    if failures:
        say(f"error: {len(failures)} chart(s) failed: {', '.join(failures)}")
        return 1
    return 0


def write_html(charts: list, catalog, view: View, out: Path | None, say, started: float) -> int:
    """One chart to a FILE.html: one self-contained page; else a static site in folder out."""
    from app.export.static_html import write_chart_page, write_static_site

    if out is None:
        raise UsageError("[missing-out] --out is required. Fix: --out chart.html or --out DIR")
    if len(charts) == 1 and out.suffix:
        write_chart_page(charts[0], catalog, view, out)
        say(f"wrote {out} (one self-contained page) in {time.perf_counter() - started:.1f} s")
        return 0
    if out.exists() and not out.is_dir():
        raise UsageError(f"[out-not-a-folder] {out} is a file; several charts need a folder. Fix: --out DIR")
    written = write_static_site(charts, catalog, view, out)
    say(
        f"wrote {out}/index.html and {len(charts)} chart pages ({len(written)} files) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the problem
        return int(exit_.code or 0)
    try:
        return run(args, say)
    except UsageError as error:
        say(f"error: {error}")
        return 2
    except Exception as error:
        from app.export.images import ImageExportError

        if isinstance(error, ImageExportError):
            say(f"error: {error}")
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
