"""Coverage: is every number-like token in the reports curated, or excluded with a reason?

Each token (see loaders.numbers) is classified, in this order, as

- curated: it stands inside the quote of a figure, exercise or event row, and one of the rows
  whose quote covers it represents it (see ``row_numbers``);
- excluded by rule: a declared rule (loaders.exclusion_rules) says it is not a figure;
- excluded by row: a row of exclusions.csv names its quote and the token, with a reason;
- unaccounted: none of these. ``python -m loaders coverage`` fails while any remain.

Essays are located from sources.csv (loaders.layout); lines outside every essay count under the
report itself. Pure functions of the dataset and the report texts.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.exclusion_rules import RULE_DESCRIPTIONS, Place, matching_rule
from loaders.layout import EssaySpan, essay_of_line, locate_essays
from loaders.numbers import SUPERSCRIPTS, Token, find_tokens, find_url_spans
from loaders.rules import QUOTED_TABLES, plain_rows
from loaders.vocabulary import UNITS

__all__ = ["RULE_DESCRIPTIONS", "Coverage", "Finding", "scan_reports", "row_numbers"]

STATUSES = ("curated", "excluded_by_rule", "excluded_by_row", "unaccounted")


@dataclass(frozen=True)
class Finding:
    """One token and how it is accounted for."""

    report: str
    essay: str  # "" for text outside every essay
    line: int  # 1-based, as an editor shows them
    column: int
    token: Token
    status: str  # one of STATUSES
    by: str = ""  # the rule id, the exclusion id, or the ids of the rows that represent it
    context: str = ""

    def __str__(self) -> str:
        return f'{self.report}:{self.line}:{self.column}: [{self.status.replace("_", " ")}] "{self.context}"'

    def as_dict(self) -> dict:
        return {
            "report": self.report,
            "essay": self.essay,
            "line": self.line,
            "column": self.column,
            "token": self.token.text,
            "status": self.status,
            "by": self.by,
            "context": self.context,
        }


@dataclass
class Coverage:
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # stale exclusions, essays not found

    def unaccounted(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "unaccounted"]

    def summary(self, essays_in_order: list[tuple[str, str]]) -> pd.DataFrame:
        """Per report and essay ("" = outside the essays): tokens and how many of each status."""
        counts = Counter((f.report, f.essay, f.status) for f in self.findings)
        rows = []
        for report, essay in essays_in_order:
            row = {"report": report, "essay": essay}
            row.update({status: counts[(report, essay, status)] for status in STATUSES})
            row["tokens"] = sum(row[status] for status in STATUSES)
            rows.append(row)
        columns = ["report", "essay", "tokens", *STATUSES]
        return pd.DataFrame(rows, columns=columns)

    def rule_counts(self, essays_in_order: list[tuple[str, str]]) -> pd.DataFrame:
        """Per report, essay and rule: how many tokens the rule excludes there."""
        counts = Counter((f.report, f.essay, f.by) for f in self.findings if f.status == "excluded_by_rule")
        rows = [
            {"report": report, "essay": essay, "rule": rule, "tokens": counts[(report, essay, rule)]}
            for report, essay in essays_in_order
            for rule in RULE_DESCRIPTIONS
            if counts[(report, essay, rule)]
        ]
        return pd.DataFrame(rows, columns=["report", "essay", "rule", "tokens"])


# A token of these kinds is represented only by a figure in a unit of these families: "three
# decades" by 30 years, not by the 3 of "tripled" in the same sentence.
KIND_FAMILIES = {
    "duration": {"years"},
    "money": {"usd", "cny"},
    "money-range": {"usd", "cny"},
    "percent": {"percent", "percentage_points"},
    "percent-range": {"percent", "percentage_points"},
    "multiple": {"multiple", "count"},
    "marker": set(),  # a footnote marker is never a figure, whatever number it shares
    "roman": {"date"},  # "World War II" is no count of two; an exercise's "phase II" is its phase
}
DATE = "date"  # the family of a year or day of a row's dates, an exercise's year or phase


def _date_numbers(date) -> set[tuple[float, str]]:
    """Year and day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (months are printed as words)."""
    if date is None or pd.isna(date):
        return set()
    parts = str(date).split("-")
    numbers = {(float(parts[0]), DATE)}
    if len(parts) == 3:
        numbers.add((float(parts[2]), DATE))
    return numbers


def _text_numbers(text) -> set[tuple[float, str]]:
    if text is None or pd.isna(text):
        return set()
    return {(value, DATE) for token in find_tokens(str(text)) for value in token.values}


def row_numbers(table: str, row) -> set[tuple[float, str]]:
    """The numbers a curated row represents, each with its unit's family (or "date").

    A figure: its value and value_high, both as printed and in the base unit of their family
    (so 1200 usd_bn represents "\\$1.2 trillion", i.e. 1.2e12 dollars), and the years (and days)
    of its period. An exercise: its year, phase ("phase two" = 2) and the numbers of its
    frequency ("every two years since 2005"). An event: the years and days of its dates.
    """
    numbers: set[tuple[float, str]] = set()
    if table == "figures":
        unit = UNITS.get(row.unit)
        factor, family = (unit.factor, unit.family) if unit else (1.0, "")
        for value in (row.value, row.value_high):
            if value is not None and not pd.isna(value):
                numbers |= {(float(value), family), (float(value) * factor, family)}
        numbers |= _date_numbers(row.period_start) | _date_numbers(row.period_end)
    elif table == "exercises":
        if row.year is not None and not pd.isna(row.year):
            numbers.add((float(row.year), DATE))
        numbers |= _text_numbers(row.phase) | _text_numbers(row.frequency)
    elif table == "events":
        numbers |= _date_numbers(row.date_start) | _date_numbers(row.date_end)
    return numbers


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def is_represented(token: Token, numbers: set[tuple[float, str]]) -> bool:
    """Some value of the token (and, for a range, of its high end) is among the numbers, in a
    family the token's kind allows (see KIND_FAMILIES)."""
    if token.is_vague:
        return False
    families = KIND_FAMILIES.get(token.kind)
    usable = [n for n, family in numbers if families is None or family in families]
    low = any(_same(v, n) for v in token.values for n in usable)
    high = not token.high or any(_same(v, n) for v in token.high for n in usable)
    return low and high


def _occurrences(text: str, quote: str, start: int, end: int) -> list[tuple[int, int]]:
    found, position = [], text.find(quote, start)
    while position != -1 and position + len(quote) <= end:
        found.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    return found


def _offset_range(line_starts: list[int], text: str, first_line: int, end_line: int) -> tuple[int, int]:
    start = line_starts[first_line - 1] if first_line - 1 < len(line_starts) else len(text)
    end = line_starts[end_line - 1] if end_line - 1 < len(line_starts) else len(text)
    return start, end


def essay_declarations(sources: pd.DataFrame, report: str) -> list[tuple[str, str, str | None]]:
    essays = sources[(sources["kind"] == "essay") & (sources["report"] == report)]
    return [
        (row.source_id, row.starts_at, row.ends_before if row.ends_before is not None else None)
        for row in plain_rows(essays)
    ]


@dataclass(frozen=True)
class ReportText:
    """One report's text, where its lines start, and where each essay stands in it."""

    report: str
    text: str
    line_starts: list[int]
    essays: list[EssaySpan]
    span_of: dict  # essay -> (start offset, end offset)

    @classmethod
    def of(cls, report: str, text: str, dataset) -> tuple[ReportText, list[str]]:
        spans, problems = locate_essays(text, essay_declarations(dataset.sources, report))
        line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        span_of = {s.essay: _offset_range(line_starts, text, s.first_line, s.end_line) for s in spans}
        return cls(report, text, line_starts, spans, span_of), [f"{report}: {p}" for p in problems]

    def region(self, essay) -> list[tuple[int, int]]:
        """Where an essay's rows may quote from; for no essay, everything outside every essay."""
        if essay is None:
            ranges, position = [], 0
            for start, end in sorted(self.span_of.values()):
                ranges.append((position, start))
                position = end
            return [*ranges, (position, len(self.text))]
        return [self.span_of[essay]] if essay in self.span_of else []

    def occurrences(self, quote: str, essay) -> list[tuple[int, int]]:
        return [
            where for start, end in self.region(essay) for where in _occurrences(self.text, quote, start, end)
        ]


def _quoted(page: ReportText, dataset) -> list[tuple[int, int, str, set[tuple[float, str]]]]:
    """(start, end, row id, numbers the row represents) for every quote of a curated row."""
    quoted = []
    for table in QUOTED_TABLES:
        frame = getattr(dataset, table)
        key = frame.columns[0]
        for row in plain_rows(frame[frame["report"] == page.report]):
            for where in page.occurrences(row.quote, row.essay):
                quoted.append((*where, getattr(row, key), row_numbers(table, row)))
    return quoted


def _excluded(page: ReportText, exclusions: list) -> dict[tuple[int, int], str]:
    """(start, end) of each token an exclusions.csv row names -> the row's id."""
    excluded: dict[tuple[int, int], str] = {}
    for row in exclusions:
        for quote_start, _ in page.occurrences(row.quote, row.essay):
            for token in find_tokens(row.quote):
                if token.text == row.token:
                    excluded.setdefault(
                        (quote_start + token.start, quote_start + token.end), row.exclusion_id
                    )
    return excluded


def _place(page: ReportText, token: Token, urls, titles) -> tuple[int, Place]:
    """The token's line number and where it stands: its line, footnote or not, inside a URL."""
    line = bisect_right(page.line_starts, token.start)
    line_start = page.line_starts[line - 1]
    line_text = page.text[line_start:].split("\n", 1)[0]
    url = next(((s, e) for s, e in urls if s <= token.start and token.end <= e), None)
    return line, Place(
        line_text,
        token.start - line_start,
        token.end - line_start,
        token,
        is_footnote=line_text.lstrip()[:1] in SUPERSCRIPTS and line_text.strip() != "",
        url=page.text[url[0] : url[1]] if url else "",
        url_offset=token.start - url[0] if url else 0,
        essay_titles=titles,
    )


def scan_report(report: str, text: str, dataset) -> tuple[list[Finding], list[str], list[EssaySpan]]:
    """Classify every token of one report; also list what is wrong (essays, stale exclusions)."""
    page, problems = ReportText.of(report, text, dataset)
    titles = frozenset(dataset.sources.loc[dataset.sources["kind"] == "essay", "title"].dropna())
    quoted = _quoted(page, dataset)
    exclusions = [row for row in plain_rows(dataset.exclusions) if row.report == report]
    excluded = _excluded(page, exclusions)
    urls = find_url_spans(text)
    findings: list[Finding] = []
    used: set[str] = set()
    for token in find_tokens(text):
        line, place = _place(page, token, urls, titles)
        covering = [(rid, numbers) for s, e, rid, numbers in quoted if s <= token.start and token.end <= e]
        representing = [rid for rid, numbers in covering if is_represented(token, numbers)]
        if representing:
            status, by = "curated", " ".join(sorted(set(representing)))
        elif rule := matching_rule(place):
            status, by = "excluded_by_rule", rule
        elif (token.start, token.end) in excluded:
            status, by = "excluded_by_row", excluded[(token.start, token.end)]
            used.add(by)
        else:
            status, by = "unaccounted", ""
        context = _context(place.line, place.start, place.end)
        essay = essay_of_line(page.essays, line) or ""
        findings.append(Finding(report, essay, line, place.start + 1, token, status, by, context))
    problems += [
        f"exclusions: {row.exclusion_id} excludes nothing in {report} (its token is curated, "
        "excluded by a rule, or not in its quote within its essay)"
        for row in exclusions
        if row.exclusion_id not in used
    ]
    return findings, problems, page.essays


def _context(line: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(line), end + width)
    return ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")


def scan_reports(dataset, reports_dir: Path) -> tuple[Coverage, list[tuple[str, str]]]:
    """Coverage of every report the sources list, and the (report, essay) parts in reading order."""
    coverage = Coverage()
    parts: list[tuple[str, str]] = []
    reports = dataset.sources.loc[dataset.sources["kind"] == "report", "report"].tolist()
    for report in reports:
        path = Path(reports_dir) / report
        if not path.is_file():
            coverage.problems.append(f"{report}: not in {reports_dir}")
            continue
        findings, problems, spans = scan_report(report, path.read_text(encoding="utf-8"), dataset)
        coverage.findings += findings
        coverage.problems += problems
        parts += [(report, "")] + [(report, span.essay) for span in spans]
    return coverage, parts
