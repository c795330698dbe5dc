"""Command line: python -m loaders validate | coverage | export DIR."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders import REPORTS_ENV, default_indicators_dir, default_reports_dir, validate


def _add_folder_options(parser: argparse.ArgumentParser, default=None) -> None:
    """--indicators and --reports, accepted before or after the command."""
    parser.add_argument(
        "--indicators", type=Path, default=default, help="curated data folder (default: indicators/)"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=default,
        help=f"report texts, to check every quote verbatim (default: ${REPORTS_ENV}; "
        "without either, quotes are not checked)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loaders", description="Validate, check the coverage of, or export the curated data."
    )
    _add_folder_options(parser)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the curated data; exit 1 listing every problem")
    check.add_argument("--json", action="store_true", help="print problems as JSON")
    _add_folder_options(check, argparse.SUPPRESS)
    cover = commands.add_parser(
        "coverage",
        help="classify every number in the report texts; exit 1 while any is unaccounted",
    )
    cover.add_argument("--json", action="store_true", help="print the table and findings as JSON")
    cover.add_argument(
        "--write", action="store_true", help="write the summary to coverage.csv and coverage_rules.csv"
    )
    _add_folder_options(cover, argparse.SUPPRESS)
    export = commands.add_parser("export", help="write CSV, Parquet and datapackage.json to DIR")
    export.add_argument("dir", type=Path)
    _add_folder_options(export, argparse.SUPPRESS)
    args = parser.parse_args(argv)

    reports = args.reports or default_reports_dir()
    if reports is not None and not reports.is_dir():
        parser.error(f"reports folder {reports} does not exist")
    if args.command == "coverage" and reports is None:
        parser.error(f"coverage reads the report texts: give --reports DIR or set ${REPORTS_ENV}")
    root = args.indicators or default_indicators_dir()
    dataset, problems = validate(root, reports)
    if problems:
        if args.command in ("validate", "coverage") and args.json:
            print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
        else:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(
                f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; nothing was loaded"
                + (" or written" if args.command == "export" else ""),
                file=sys.stderr,
            )
        return 1
    if args.command == "coverage":
        from loaders.coverage_report import run_coverage

        return run_coverage(dataset, root, reports, as_json=args.json, write=args.write)
    counts = ", ".join(f"{len(frame)} {name}" for name, frame in dataset.tables().items())
    checked = f"quotes checked against {reports}" if reports else "quotes not checked (no --reports)"
    if args.command == "validate":
        if args.json:
            print("[]")
        else:
            print(f"valid: {counts}; {checked}")
        return 0
    from loaders.export import export_dataset

    written = export_dataset(dataset, args.dir, progress=lambda message: print(message, file=sys.stderr))
    print(f"wrote {len(written)} files to {args.dir}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
