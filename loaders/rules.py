"""Checks that span columns, tables or the report texts: what a schema alone cannot say.

Most are row rules, declared in RULES: the table(s) a rule reads, the column a problem points
at, its code, what is wrong (a message, or None when the row is fine) and the fix. Checks that
read the report texts (quotes, essay markers) are functions below them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def plain_rows(frame: pd.DataFrame):
    """A frame's rows as named tuples with missing cells as None, so comparisons never meet pd.NA."""
    frame = frame.astype(object)
    return frame.where(frame.notna(), None).itertuples(index=False)


def _rows(table: Table):
    """(index, row) pairs of a table, missing cells as None."""
    return enumerate(plain_rows(table.frame))


def period_bounds(start: str, end: str) -> tuple[str, str]:
    """Pad partial ISO dates so that strings compare as dates: 2016 -> 2016-01-01 .. 2016-12-31."""
    return start + "-01-01"[len(start) - 4 :], end + "-12-31"[len(end) - 4 :]


@dataclass(frozen=True)
class Lookups:
    """What row rules compare a row with: codes declared in other tables."""

    essays: dict  # essay id -> its report
    footnotes: set  # "<essay>-fn<n>"
    reports: set  # reports declared in sources
    indicator_units: dict
    series_units: dict
    series_with_values: set

    @classmethod
    def of(cls, tables: dict[str, Table]) -> Lookups:
        sources, indicators = tables["sources"], tables["indicators"].frame
        series, values = tables["reference_series"].frame, tables["reference_values"].frame
        return cls(
            essays={r.source_id: r.report for _, r in _rows(sources) if r.kind == "essay"},
            footnotes=set(sources.frame["source_id"].dropna()),
            reports={r.report for _, r in _rows(sources) if r.kind == "report"},
            indicator_units=dict(zip(indicators["indicator"], indicators["unit"], strict=True)),
            series_units=dict(zip(series["series"], series["unit"], strict=True)),
            series_with_values=set(values["series"]),
        )


@dataclass(frozen=True)
class RowRule:
    tables: tuple[str, ...]
    field: str  # the column a problem points at
    code: str
    broken: Callable[[object, Lookups], str | None]  # the message, or None when the row is fine
    fix: str | Callable[[object, Lookups], str]


def _essay_unknown(row, known: Lookups) -> str | None:
    if row.essay is None or row.report is None or row.essay in known.essays:
        return None
    return f'essay "{row.essay}" is not an essay in sources'


def _essay_elsewhere(row, known: Lookups) -> str | None:
    essay_report = known.essays.get(row.essay)
    if row.report is None or essay_report is None or essay_report == row.report:
        return None
    return f"essay {row.essay} is in {essay_report}, not {row.report}"


def _footnote_unknown(row, known: Lookups) -> str | None:
    if row.essay is None or row.report is None or row.footnote is None:
        return None
    if f"{row.essay}-fn{row.footnote}" in known.footnotes:
        return None
    return f"essay {row.essay} has no footnote {row.footnote}"


def _report_unknown(row, known: Lookups) -> str | None:
    if row.report is None or row.report in known.reports:
        return None
    return f'report "{row.report}" has no row of kind report in sources'


def _period_reversed(row, known: Lookups) -> str | None:
    if row.period_start is None or row.period_end is None:
        return None
    start, end = period_bounds(row.period_start, row.period_end)
    return f"period_end {row.period_end} is before period_start {row.period_start}" if start > end else None


def _unit_off_axis(row, known: Lookups) -> str | None:
    axis = known.indicator_units.get(row.indicator)
    if not axis or row.unit is None or UNITS[row.unit].family == UNITS[axis].family:
        return None
    return f"unit {row.unit} cannot share an axis with indicator {row.indicator}'s unit {axis}"


def _date_precision(row, known: Lookups) -> str | None:
    if row.date_start is None or row.date_precision is None:
        return None
    if len(row.date_start) == DATE_LENGTH[row.date_precision]:
        return None
    return f"date_start {row.date_start} does not have {row.date_precision} precision"


def _series_unit(row, known: Lookups) -> str | None:
    expected = known.series_units.get(row.series)
    if not expected or row.unit is None or row.unit == expected:
        return None
    return f"unit {row.unit} differs from series {row.series}'s unit {expected}"


DATE_LENGTH = {"year": 4, "month": 7, "day": 10}
RULES = (
    RowRule(
        CITING_TABLES,
        "essay",
        "not-an-essay",
        _essay_unknown,
        lambda row, known: f"use one of: {', '.join(sorted(known.essays))}",
    ),
    RowRule(
        CITING_TABLES, "report", "essay-report-mismatch", _essay_elsewhere, "correct the report or the essay"
    ),
    RowRule(
        CITING_TABLES,
        "footnote",
        "unknown-footnote",
        _footnote_unknown,
        "give the number of the footnote that backs the figure",
    ),
    RowRule(
        (*CITING_TABLES, "sources"),
        "report",
        "unknown-report",
        _report_unknown,
        lambda row, known: (
            f"use one of: {', '.join(sorted(known.reports))}, or add the report to sources.csv"
        ),
    ),
    RowRule(
        ("exclusions",),
        "token",
        "token-not-in-quote",
        lambda row, known: (
            f'token "{row.token}" is not in the quote'
            if row.token is not None and row.quote is not None and row.token not in row.quote
            else None
        ),
        "give the token exactly as it stands in the quote, as the coverage scan prints it",
    ),
    RowRule(
        ("figures",),
        "value_high",
        "range-reversed",
        lambda row, known: (
            f"value_high {row.value_high:g} is below value {row.value:g}"
            if row.value_high is not None and row.value is not None and row.value_high < row.value
            else None
        ),
        "value is the low end of the range, value_high the high end",
    ),
    RowRule(
        ("figures",),
        "qualifier",
        "range-without-qualifier",
        lambda row, known: (
            f"value_high is set but qualifier is {row.qualifier}"
            if row.value_high is not None and row.qualifier != "range"
            else None
        ),
        "set qualifier to range, or empty value_high",
    ),
    RowRule(
        ("figures",),
        "value_high",
        "range-without-high",
        lambda row, known: (
            "qualifier is range but value_high is empty"
            if row.value_high is None and row.qualifier == "range"
            else None
        ),
        "give the high end of the range in value_high",
    ),
    RowRule(("figures",), "period_end", "period-reversed", _period_reversed, "swap them"),
    RowRule(
        ("figures",),
        "unit",
        "unit-mismatch",
        _unit_off_axis,
        "use another indicator, or a unit of the same kind",
    ),
    RowRule(
        ("figures",),
        "cited_source",
        "source-without-footnote",
        lambda row, known: (
            "cited_source names a source but footnote is empty"
            if row.footnote is None
            and row.cited_source is not None
            and not row.cited_source.startswith("No footnote")
            else None
        ),
        'give the footnote number, or write "No footnote: …" and why',
    ),
    RowRule(
        ("exercises",),
        "longitude",
        "incomplete-coordinates",
        lambda row, known: (
            "only one of latitude and longitude is given"
            if (row.latitude is None) != (row.longitude is None)
            else None
        ),
        "give both, or neither",
    ),
    RowRule(
        ("exercises",),
        "place",
        "coordinates-without-place",
        lambda row, known: (
            "coordinates are given but place is empty"
            if row.latitude is not None and row.place is None
            else None
        ),
        "name the place they mark",
    ),
    RowRule(
        ("events",),
        "date_precision",
        "precision-mismatch",
        _date_precision,
        "write the date as YYYY, YYYY-MM or YYYY-MM-DD to match date_precision",
    ),
    RowRule(
        ("events",),
        "date_end",
        "period-reversed",
        lambda row, known: (
            f"date_end {row.date_end} is before date_start {row.date_start}"
            if row.date_start is not None
            and row.date_end is not None
            and row.date_end < row.date_start[: len(row.date_end)]
            else None
        ),
        "swap them",
    ),
    RowRule(
        ("reference_values",),
        "unit",
        "unit-mismatch",
        _series_unit,
        lambda row, known: f"write {known.series_units[row.series]}, or fix the series table",
    ),
    RowRule(
        ("reference_series",),
        "series",
        "series-without-values",
        lambda row, known: (
            f"series {row.series} has no values in any reference file"
            if row.series not in known.series_with_values
            else None
        ),
        "add its values or remove the series",
    ),
)


def check_row_rules(tables: dict[str, Table], rules=RULES) -> list[Problem]:
    """Every row of every table against each rule that reads that table."""
    known = Lookups.of(tables)
    problems = []
    for name, table in tables.items():
        applicable = [rule for rule in rules if name in rule.tables]
        for index, row in _rows(table) if applicable else ():
            for rule in applicable:
                message = rule.broken(row, known)
                if message is not None:
                    fix = rule.fix(row, known) if callable(rule.fix) else rule.fix
                    problems.append(_problem(table, index, rule.field, rule.code, message, fix))
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


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check_rules(tables: dict[str, Table], reports_dir: Path | None) -> list[Problem]:
    problems = check_row_rules(tables) + check_essay_markers(tables, reports_dir)
    if reports_dir is not None:
        problems += check_quotes(tables, reports_dir)
    return problems
