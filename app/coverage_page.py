"""/coverage: the promise of *every* figure, made checkable. Per report and essay, how many
numbers its text holds and how each is accounted for (curated, excluded by a declared rule, or by
a row of exclusions.csv with its reason), then the rules and every exclusion one by one.

Read from the committed coverage tables (``python -m loaders coverage --write`` makes them from
the report texts; a test fails when they are stale), so the served app never reads the texts.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from loaders.coverage_report import CoverageTables
from loaders.quotes import readable

STATUSES = [  # (column, heading)
    ("tokens", "Numbers in the text"),
    ("curated", "Curated as figures"),
    ("excluded_by_rule", "Excluded by a rule"),
    ("excluded_by_row", "Excluded one by one"),
    ("unaccounted", "Unaccounted"),
]
COMMAND = "python -m loaders --reports <reports folder> coverage"


def _count(value) -> str:
    return f"{int(value):,}"


def _table(label: str, header: list[str], rows: list[list], numeric_from: int | None = None) -> html.Div:
    """A table that scrolls inside its own named, focusable box (never the page, on a phone)."""

    def cells(values: list, tag) -> list:
        return [
            tag(v, className="number" if numeric_from is not None and i >= numeric_from else None)
            for i, v in enumerate(values)
        ]

    return html.Div(
        className="rows-table-wrap coverage-table",
        tabIndex="0",
        role="region",
        **{"aria-label": label},
        children=html.Table(
            className="rows-table",
            children=[
                html.Thead(html.Tr(cells(header, html.Th))),
                html.Tbody([html.Tr(cells(row, html.Td)) for row in rows]),
            ],
        ),
    )


def summary_rows(summary: pd.DataFrame) -> list[list]:
    """Report, essay and the five counts per part of a report, then the totals."""
    rows = [
        [str(r["report_name"]), str(r["essay_name"]), *(_count(r[c]) for c, _ in STATUSES)]
        for r in summary.to_dict("records")
        if r["tokens"] > 0
    ]
    totals = [_count(summary[c].sum()) for c, _ in STATUSES]
    return [*rows, [html.Strong("All reports"), "", *(html.Strong(t) for t in totals)]]


def rule_rows(rules: pd.DataFrame) -> list[list]:
    """Each rule once, with what it excludes and how many numbers, most first."""
    counts = rules.groupby(["rule", "description"], dropna=False)["tokens"].sum().reset_index()
    counts = counts.sort_values(["tokens", "rule"], ascending=[False, True])
    return [
        [html.Code(r["rule"]), str(r["description"]), _count(r["tokens"])] for r in counts.to_dict("records")
    ]


def exclusion_rows(exclusions: pd.DataFrame) -> list[list]:
    """Each excluded number: where, the number as printed, its sentence and why it is no figure."""
    return [
        [
            str(r["essay_name"]),
            html.Strong(readable(str(r["token"]))),
            html.Span(readable(str(r["quote"])), className="quote-cell"),
            readable(str(r["reason"])),
        ]
        for r in exclusions.to_dict("records")
    ]


def coverage_verdict(tables: CoverageTables) -> str:
    """The check's verdict in a sentence, from the committed coverage tables."""
    total, unaccounted = int(tables.summary["tokens"].sum()), int(tables.summary["unaccounted"].sum())
    if unaccounted:
        return f"{unaccounted:,} of the {total:,} numbers in the report texts are not yet accounted for."
    return f"Every one of the {total:,} numbers in the report texts is accounted for."


def render_coverage_page(tables: CoverageTables, version: str) -> html.Div:
    summary = tables.summary
    return html.Div(
        className="page page-coverage",
        children=[
            html.H1("Every number in the reports, accounted for"),
            html.P([html.Strong(coverage_verdict(tables)), f" (data version {version})"], className="lead"),
            html.P(
                "The coverage check reads every number-like token in the report texts: digits, money and "
                "percentages, spelled-out numbers, ordinals and ranks (“second-largest”), multiples "
                "(“tripled”) and durations (“a couple of decades”), in the body and the footnotes, in "
                "cited titles and inside web addresses. Each is curated (it stands in the quote of a "
                "figure, exercise or event that records it), excluded by a declared rule (a footnote "
                "marker, a citation's date, a page number…), or excluded one by one with the reason "
                "it is not a figure. A number that is none of these fails the check."
            ),
            html.P(
                [
                    "Check it yourself with the report texts beside the data: ",
                    html.Code(COMMAND),
                    ". It lists every number it cannot account for, with its line and column.",
                ]
            ),
            html.H2("Per report and essay", className="panel-title"),
            _table(
                "How the numbers of each essay are accounted for",
                ["Report", "Essay", *(heading for _, heading in STATUSES)],
                summary_rows(summary),
                numeric_from=2,
            ),
            html.H2("The rules", className="panel-title"),
            html.P(
                "Each rule is declared in loaders/exclusion_rules.py and tested with a case it excludes "
                "and one it must leave alone."
            ),
            _table("Exclusion rules", ["Rule", "What it excludes", "Numbers"], rule_rows(tables.rules), 2),
            html.H2("Excluded one by one", className="panel-title"),
            html.P(
                [
                    f"{len(tables.exclusions)} numbers that no rule covers and that are not figures, each "
                    "with its reason (indicators/exclusions.csv). See also ",
                    dcc.Link("the sources", href="/sources"),
                    " and ",
                    dcc.Link("how to cite the data", href="/about"),
                    ".",
                ]
            ),
            _table(
                "Numbers excluded one by one, with the reason",
                ["Essay", "Number", "In the sentence", "Why it is not a figure"],
                exclusion_rows(tables.exclusions),
            ),
        ],
    )
