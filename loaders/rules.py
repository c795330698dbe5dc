"""Checks that span columns, tables or the report texts: what a schema alone cannot say."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.layout import lines_starting_with
from loaders.package import Table
from loaders.problems import Problem
from loaders.vocabulary import UNITS

QUOTED_TABLES = ("figures", "exercises", "events")
# Tables whose rows quote a report: the curated rows, and the numbers excluded with a reason.
CITING_TABLES = (*QUOTED_TABLES, "exclusions")


def _problem(table: Table, index: int, field: str, code: str, message: str, fix: str) -> Problem:
    column = [f["name"] for f in table.fields].index(field) + 1
    return Problem(table.files[index], table.lines[index], column, code, message, fix)


def _rows(table: Table):
    """(index, row) pairs with missing cells as None, so comparisons never meet pd.NA."""
    frame = table.frame.astype(object)
    return enumerate(frame.where(frame.notna(), None).itertuples(index=False))


def period_bounds(start: str, end: str) -> tuple[str, str]:
    """Pad partial ISO dates so that strings compare as dates: 2016 -> 2016-01-01 .. 2016-12-31."""
    return start + "-01-01"[len(start) - 4 :], end + "-12-31"[len(end) - 4 :]


def check_provenance(tables: dict[str, Table]) -> list[Problem]:
    """Each quoted row names an essay of its report, and a footnote that exists in that essay."""
    sources = tables["sources"]
    essays = {r.source_id: r.report for _, r in _rows(sources) if r.kind == "essay"}
    footnotes = set(sources.frame["source_id"].dropna())
    problems = []
    for name in CITING_TABLES:
        table = tables[name]
        for index, row in _rows(table):
            if pd.isna(row.essay) or pd.isna(row.report):
                continue
            if row.essay not in essays:
                problems.append(
                    _problem(
                        table,
                        index,
                        "essay",
                        "not-an-essay",
                        f'essay "{row.essay}" is not an essay in sources',
                        f"use one of: {', '.join(sorted(essays))}",
                    )
                )
            elif essays[row.essay] != row.report:
                problems.append(
                    _problem(
                        table,
                        index,
                        "report",
                        "essay-report-mismatch",
                        f"essay {row.essay} is in {essays[row.essay]}, not {row.report}",
                        "correct the report or the essay",
                    )
                )
            if not pd.isna(row.footnote) and f"{row.essay}-fn{row.footnote}" not in footnotes:
                problems.append(
                    _problem(
                        table,
                        index,
                        "footnote",
                        "unknown-footnote",
                        f"essay {row.essay} has no footnote {row.footnote}",
                        "give the number of the footnote that backs the figure",
                    )
                )
    return problems


def check_quotes(tables: dict[str, Table], reports_dir: Path) -> list[Problem]:
    """Every quote, and every footnote citation, stands verbatim in its report file."""
    texts: dict[str, str | None] = {}
    problems = []

    def text_of(report: str) -> str | None:
        if report not in texts:
            path = reports_dir / report
            texts[report] = path.read_text(encoding="utf-8") if path.is_file() else None
        return texts[report]

    for name, field in [*((n, "quote") for n in CITING_TABLES), ("sources", "citation")]:
        table = tables[name]
        for index, row in _rows(table):
            quote = getattr(row, field)
            if pd.isna(quote) or pd.isna(row.report):
                continue
            if name == "sources" and row.kind != "footnote":
                continue
            text = text_of(row.report)
            if text is None:
                problems.append(
                    _problem(
                        table,
                        index,
                        "report",
                        "report-not-found",
                        f"{row.report} is not in {reports_dir}",
                        "point --reports (or SRI_REPORTS_DIR) at the reports folder",
                    )
                )
            elif quote not in text:
                problems.append(
                    _problem(
                        table,
                        index,
                        field,
                        "quote-not-in-report",
                        f'the {field} "{_shorten(quote)}" is not verbatim in {row.report}',
                        "copy the sentence from the report file exactly, "
                        "with its typographic quotes, dashes and \\$ escapes",
                    )
                )
    return problems


def check_reports_declared(tables: dict[str, Table]) -> list[Problem]:
    """Every row names a report that sources.csv declares (a row of kind report): no list in code."""
    sources = tables["sources"]
    declared = {r.report for _, r in _rows(sources) if r.kind == "report"}
    problems = []
    for name in (*CITING_TABLES, "sources"):
        table = tables[name]
        for index, row in _rows(table):
            if row.report is not None and row.report not in declared:
                problems.append(
                    _problem(
                        table,
                        index,
                        "report",
                        "unknown-report",
                        f'report "{row.report}" has no row of kind report in sources',
                        f"use one of: {', '.join(sorted(declared))}, or add the report to sources.csv",
                    )
                )
    return problems


def check_essay_markers(tables: dict[str, Table], reports_dir: Path | None) -> list[Problem]:
    """Each essay says where it starts; given the texts, its markers begin exactly one line."""
    sources = tables["sources"]
    problems = []
    for index, row in _rows(sources):
        if row.kind != "essay":
            continue
        if row.starts_at is None:
            problems.append(
                _problem(
                    sources,
                    index,
                    "starts_at",
                    "essay-without-start",
                    f"essay {row.source_id} does not say where it starts",
                    "copy the start of the essay's first line (its title or first sentence) from the report",
                )
            )
            continue
        path = reports_dir / row.report if reports_dir is not None and row.report else None
        if path is None or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        starts = lines_starting_with(lines, row.starts_at)
        if len(starts) != 1:
            problems.append(
                _problem(
                    sources,
                    index,
                    "starts_at",
                    "essay-start-not-unique" if starts else "essay-start-not-found",
                    f'"{_shorten(row.starts_at)}" begins {len(starts)} lines of {row.report}, not one',
                    "copy the start of the essay's first line exactly; make it long enough to be unique",
                )
            )
        elif row.ends_before is not None:
            ends = [n for n in lines_starting_with(lines, row.ends_before) if n > starts[0]]
            if len(ends) != 1:
                problems.append(
                    _problem(
                        sources,
                        index,
                        "ends_before",
                        "essay-end-not-unique" if ends else "essay-end-not-found",
                        f'"{_shorten(row.ends_before)}" begins {len(ends)} lines '
                        "after the essay's start, not one",
                        "copy the start of the first line after the essay exactly",
                    )
                )
    return problems


def check_exclusions(tables: dict[str, Table]) -> list[Problem]:
    """An exclusion's token stands in its quote (the scan matches it there)."""
    table = tables["exclusions"]
    problems = []
    for index, row in _rows(table):
        if row.token is not None and row.quote is not None and row.token not in row.quote:
            problems.append(
                _problem(
                    table,
                    index,
                    "token",
                    "token-not-in-quote",
                    f'token "{row.token}" is not in the quote',
                    "give the token exactly as it stands in the quote, as the coverage scan prints it",
                )
            )
    return problems


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check_figures(tables: dict[str, Table]) -> list[Problem]:
    table = tables["figures"]
    unit_of = dict(
        zip(tables["indicators"].frame["indicator"], tables["indicators"].frame["unit"], strict=True)
    )
    problems = []
    for index, row in _rows(table):
        has_high = not pd.isna(row.value_high)
        if has_high and not pd.isna(row.value) and row.value_high < row.value:
            problems.append(
                _problem(
                    table,
                    index,
                    "value_high",
                    "range-reversed",
                    f"value_high {row.value_high:g} is below value {row.value:g}",
                    "value is the low end of the range, value_high the high end",
                )
            )
        if has_high and row.qualifier != "range":
            problems.append(
                _problem(
                    table,
                    index,
                    "qualifier",
                    "range-without-qualifier",
                    f"value_high is set but qualifier is {row.qualifier}",
                    "set qualifier to range, or empty value_high",
                )
            )
        if not has_high and row.qualifier == "range":
            problems.append(
                _problem(
                    table,
                    index,
                    "value_high",
                    "range-without-high",
                    "qualifier is range but value_high is empty",
                    "give the high end of the range in value_high",
                )
            )
        if not pd.isna(row.period_start) and not pd.isna(row.period_end):
            start, end = period_bounds(row.period_start, row.period_end)
            if start > end:
                problems.append(
                    _problem(
                        table,
                        index,
                        "period_end",
                        "period-reversed",
                        f"period_end {row.period_end} is before period_start {row.period_start}",
                        "swap them",
                    )
                )
        indicator_unit = unit_of.get(row.indicator)
        if (
            indicator_unit
            and not pd.isna(row.unit)
            and UNITS[row.unit].family != UNITS[indicator_unit].family
        ):
            problems.append(
                _problem(
                    table,
                    index,
                    "unit",
                    "unit-mismatch",
                    f"unit {row.unit} cannot share an axis with indicator "
                    f"{row.indicator}'s unit {indicator_unit}",
                    "use another indicator, or a unit of the same kind",
                )
            )
        if (
            pd.isna(row.footnote)
            and not pd.isna(row.cited_source)
            and not row.cited_source.startswith("No footnote")
        ):
            problems.append(
                _problem(
                    table,
                    index,
                    "cited_source",
                    "source-without-footnote",
                    "cited_source names a source but footnote is empty",
                    'give the footnote number, or write "No footnote: …" and why',
                )
            )
    return problems


def check_exercises(tables: dict[str, Table]) -> list[Problem]:
    table = tables["exercises"]
    problems = []
    for index, row in _rows(table):
        if pd.isna(row.latitude) != pd.isna(row.longitude):
            problems.append(
                _problem(
                    table,
                    index,
                    "longitude",
                    "incomplete-coordinates",
                    "only one of latitude and longitude is given",
                    "give both, or neither",
                )
            )
        if not pd.isna(row.latitude) and pd.isna(row.place):
            problems.append(
                _problem(
                    table,
                    index,
                    "place",
                    "coordinates-without-place",
                    "coordinates are given but place is empty",
                    "name the place they mark",
                )
            )
    return problems


def check_events(tables: dict[str, Table]) -> list[Problem]:
    table = tables["events"]
    length = {"year": 4, "month": 7, "day": 10}
    problems = []
    for index, row in _rows(table):
        if pd.isna(row.date_start) or pd.isna(row.date_precision):
            continue
        if len(row.date_start) != length[row.date_precision]:
            problems.append(
                _problem(
                    table,
                    index,
                    "date_precision",
                    "precision-mismatch",
                    f"date_start {row.date_start} does not have {row.date_precision} precision",
                    "write the date as YYYY, YYYY-MM or YYYY-MM-DD to match date_precision",
                )
            )
        if not pd.isna(row.date_end) and row.date_end < row.date_start[: len(row.date_end)]:
            problems.append(
                _problem(
                    table,
                    index,
                    "date_end",
                    "period-reversed",
                    f"date_end {row.date_end} is before date_start {row.date_start}",
                    "swap them",
                )
            )
    return problems


def check_reference(tables: dict[str, Table]) -> list[Problem]:
    """External values carry the unit of their series; every series has values."""
    values, series = tables["reference_values"], tables["reference_series"]
    unit_of = dict(zip(series.frame["series"], series.frame["unit"], strict=True))
    problems = []
    for index, row in _rows(values):
        expected = unit_of.get(row.series)
        if expected and not pd.isna(row.unit) and row.unit != expected:
            problems.append(
                _problem(
                    values,
                    index,
                    "unit",
                    "unit-mismatch",
                    f"unit {row.unit} differs from series {row.series}'s unit {expected}",
                    f"write {expected}, or fix the series table",
                )
            )
    present = set(values.frame["series"])
    for index, row in _rows(series):
        if row.series not in present:
            problems.append(
                _problem(
                    series,
                    index,
                    "series",
                    "series-without-values",
                    f"series {row.series} has no values in any reference file",
                    "add its values or remove the series",
                )
            )
    return problems


def check_rules(tables: dict[str, Table], reports_dir: Path | None) -> list[Problem]:
    problems = check_provenance(tables) + check_figures(tables) + check_exercises(tables)
    problems += check_events(tables) + check_reference(tables) + check_exclusions(tables)
    problems += check_reports_declared(tables) + check_essay_markers(tables, reports_dir)
    if reports_dir is not None:
        problems += check_quotes(tables, reports_dir)
    return problems
