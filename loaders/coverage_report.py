"""Print, write and read the coverage summary (python -m loaders coverage).

The dashboard never reads the report texts, so the summary is committed beside the curated
tables as two generated files, declared in datapackage.json and loaded with the dataset:
``coverage.csv`` (per report and essay: tokens, curated, excluded_by_rule, excluded_by_row,
unaccounted) and ``coverage_rules.csv`` (per report, essay and rule: tokens excluded).
A dashboard page reads them with ``coverage_tables(load_dataset())``.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.coverage import RULE_DESCRIPTIONS, STATUSES, Coverage, scan_reports

SUMMARY_FILE = "coverage.csv"
RULES_FILE = "coverage_rules.csv"
OUTSIDE_ESSAYS = "(outside the essays)"


def compute_summary(dataset, reports_dir: Path) -> tuple[Coverage, pd.DataFrame, pd.DataFrame]:
    """The coverage of every report, its per-essay table and its per-rule counts."""
    coverage, parts = scan_reports(dataset, reports_dir)
    return coverage, coverage.summary(parts), coverage.rule_counts(parts)


def summary_csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def write_summary(indicators_dir: Path, summary: pd.DataFrame, rules: pd.DataFrame) -> list[Path]:
    """Write both files, each whole or not at all."""
    written = []
    for name, frame in ((SUMMARY_FILE, summary), (RULES_FILE, rules)):
        target = Path(indicators_dir) / name
        handle, staging = tempfile.mkstemp(prefix=f".{name}.", dir=indicators_dir)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(summary_csv_text(frame))
        os.replace(staging, target)
        written.append(target)
    return written


def format_table(summary: pd.DataFrame) -> str:
    """The per-essay table as the command prints it."""
    header = ("report", "essay", "numbers", "curated", "by rule", "by row", "unaccounted")
    rows = [
        (
            row.report,
            row.essay or OUTSIDE_ESSAYS,
            *(str(getattr(row, c)) for c in ("tokens", *STATUSES)),
        )
        for row in summary.itertuples(index=False)
    ]
    totals = ("total", "", *(str(int(summary[c].sum())) for c in ("tokens", *STATUSES)))
    widths = [max(len(r[i]) for r in (header, *rows, totals)) for i in range(len(header))]

    def line(cells) -> str:
        return "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows), line(totals)])


def run_coverage(dataset, indicators_dir: Path, reports_dir: Path, as_json: bool, write: bool) -> int:
    """The coverage command: table, then every unaccounted token; 1 while any remain."""
    coverage, summary, rules = compute_summary(dataset, reports_dir)
    unaccounted = coverage.unaccounted()
    if write:
        write_summary(indicators_dir, summary, rules)
    if as_json:
        print(
            json.dumps(
                {
                    "summary": summary.to_dict(orient="records"),
                    "unaccounted": [f.as_dict() for f in unaccounted],
                    "problems": coverage.problems,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(format_table(summary))
        for finding in unaccounted:
            print(finding)
        for problem in coverage.problems:
            print(problem)
        verdict = f"{len(unaccounted)} unaccounted" if unaccounted else "every number is curated or excluded"
        extra = f"; {len(coverage.problems)} problems" if coverage.problems else ""
        written = f"; wrote {SUMMARY_FILE} and {RULES_FILE}" if write else ""
        print(f"{verdict}{extra}{written}")
    return 1 if unaccounted or coverage.problems else 0


@dataclass(frozen=True)
class CoverageTables:
    """What a coverage page shows, read from the loaded dataset (never from the report texts)."""

    summary: pd.DataFrame  # per report and essay, reading order: counts by status, with names
    rules: pd.DataFrame  # per report, essay and rule: tokens excluded, with the rule's description
    exclusions: pd.DataFrame  # every exclusions.csv row, with its essay's name


def coverage_tables(dataset) -> CoverageTables:
    """The committed coverage summary with readable names: essay_name is the essay's short name,
    or OUTSIDE_ESSAYS for a report's front and back matter; report_name the report's."""
    sources = dataset.sources
    essay_names = dict(zip(sources["source_id"], sources["short_name"], strict=True))
    reports = sources[sources["kind"] == "report"]
    report_names = dict(zip(reports["report"], reports["short_name"], strict=True))

    def named(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame.insert(1, "report_name", frame["report"].map(lambda r: report_names.get(r, r)))
        frame.insert(
            3,
            "essay_name",
            frame["essay"].map(lambda e: OUTSIDE_ESSAYS if pd.isna(e) else essay_names.get(e, e)),
        )
        return frame

    rules = named(dataset.coverage_rules)
    rules["description"] = rules["rule"].map(RULE_DESCRIPTIONS)
    return CoverageTables(named(dataset.coverage), rules, named(dataset.exclusions))
