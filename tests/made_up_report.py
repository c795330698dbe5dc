"""A small made-up third report, added the way a curator adds one: a text file and rows, no code.

    report = build_made_up_report(tmp_path)   # tmp_path/indicators and tmp_path/reports
    validate(report.indicators, report.reports)

The copy of indicators/ gains the report's rows in sources.csv (the report, its essay with the
line it starts at, its footnote), one indicator, three figures and one exclusion; the reports
folder holds the real report texts (where present) beside the made-up one. Tests of the
loaders, and later of the dashboard (filters, hover, CSV, deck, figure page), build on it.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import INDICATORS, locate_reports

REPORT_FILE = "900_made_up_outlook.txt"
REPORT_ID = "made-up-outlook-2019"
ESSAY_ID = "made-up-trade-2019"
FOOTNOTE = '¹ Atlantis Customs Office, "Annual Trade Report 2018," March 3, 2019, <https://example.org/2019/03/trade-report>.'
PARAGRAPH = (
    "Trade between Atlantis and Lemuria reached \\$12.5 billion in 2018, three times its 2008 level.¹ "
    "Lemuria is now Atlantis's second-largest trading partner. Several dozen firms trade across the strait."
)
TEXT = f"""A Made-Up Outlook

Atlantis and Lemuria: A Trade Essay

{PARAGRAPH}

{FOOTNOTE}

About the Publisher

1 Harbour Road, Suite 200
"""

SOURCE_ROWS = [
    {
        "source_id": REPORT_ID,
        "kind": "report",
        "report": REPORT_FILE,
        "short_name": "Made-Up Outlook (2019)",
        "title": "A Made-Up Outlook",
        "year": "2019",
        "citation": "A Made-Up Outlook (an example report for the tests, 2019)",
    },
    {
        "source_id": ESSAY_ID,
        "kind": "essay",
        "report": REPORT_FILE,
        "essay": ESSAY_ID,
        "short_name": "Trade Essay (2019)",
        "title": "Atlantis and Lemuria: A Trade Essay",
        "year": "2019",
        "citation": '"Atlantis and Lemuria: A Trade Essay," in A Made-Up Outlook, 2019',
        "starts_at": "Atlantis and Lemuria: A Trade Essay",
        "ends_before": "About the Publisher",
    },
    {
        "source_id": f"{ESSAY_ID}-fn1",
        "kind": "footnote",
        "report": REPORT_FILE,
        "essay": ESSAY_ID,
        "footnote": "1",
        "citation": FOOTNOTE,
        "url": "https://example.org/2019/03/trade-report",
    },
]
QUOTE = "Trade between Atlantis and Lemuria reached \\$12.5 billion in 2018, three times its 2008 level.¹"
CITED = 'Atlantis Customs Office, "Annual Trade Report 2018," March 3, 2019'
FIGURE_ROWS = [
    {
        "figure_id": "made-up-trade-2018",
        "category": "trade",
        "indicator": "trade_total_value",
        "subject": "Atlantis ↔ Lemuria",
        "actors": "Other",
        "period": "2018",
        "period_start": "2018",
        "period_end": "2018",
        "value": "12.5",
        "unit": "usd_bn",
        "qualifier": "exact",
        "quote": QUOTE,
        "footnote": "1",
    },
    {
        "figure_id": "made-up-trade-multiple-2008-2018",
        "category": "trade",
        "indicator": "made_up_trade_multiple",
        "subject": "Atlantis ↔ Lemuria (trade in 2018 against 2008)",
        "actors": "Other",
        "period": "2008 to 2018",
        "period_start": "2008",
        "period_end": "2018",
        "value": "3",
        "unit": "multiple",
        "qualifier": "exact",
        "quote": QUOTE,
        "footnote": "1",
    },
    {
        "figure_id": "made-up-partner-rank",
        "category": "trade",
        "indicator": "partner_rank",
        "subject": "Lemuria (rank among Atlantis's trading partners)",
        "actors": "Other",
        "period": "now",
        "period_start": "2019",
        "period_end": "2019",
        "value": "2",
        "unit": "count",
        "qualifier": "exact",
        "quote": "Lemuria is now Atlantis's second-largest trading partner.",
        "footnote": "",
    },
]
INDICATOR_ROW = {
    "indicator": "made_up_trade_multiple",
    "title": "Trade growth (multiple)",
    "description": "How many times bilateral trade grew over a period.",
    "unit": "multiple",
    "unit_label": "times",
    "category": "trade",
    "chart_kind": "point",
}
EXCLUSION_ROWS = [
    {
        "exclusion_id": "made-up-several-dozen-firms",
        "essay": ESSAY_ID,
        "quote": "Several dozen firms trade across the strait.",
        "token": "Several dozen",
        "reason": "vague: 'several dozen firms', no number",
    },
    {
        "exclusion_id": "made-up-fn1-title-2018",
        "essay": ESSAY_ID,
        "footnote": "1",
        "quote": 'Annual Trade Report 2018,"',
        "token": "2018",
        "reason": "not a figure: the year in the cited report's title",
    },
]


@dataclass(frozen=True)
class MadeUpReport:
    indicators: Path  # a copy of indicators/ with the report's rows added
    reports: Path  # the real report texts (where present) and the made-up one
    report_file: str = REPORT_FILE
    report_id: str = REPORT_ID
    essay_id: str = ESSAY_ID
    figure_ids: tuple[str, ...] = tuple(row["figure_id"] for row in FIGURE_ROWS)


def _append(path: Path, rows: list[dict], **common) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for row in rows:
            writer.writerow([{**common, **row}.get(column, "") for column in header])


def build_made_up_report(folder: Path) -> MadeUpReport:
    """Copy indicators/ and the report texts into folder, then add the made-up report to both."""
    indicators, reports = folder / "indicators", folder / "reports"
    shutil.copytree(INDICATORS, indicators)
    reports.mkdir()
    real = locate_reports()
    if real is not None:
        for text in real.glob("*.txt"):
            shutil.copy(text, reports / text.name)
    (reports / REPORT_FILE).write_text(TEXT, encoding="utf-8")
    _append(indicators / "sources.csv", SOURCE_ROWS)
    _append(indicators / "indicators.csv", [INDICATOR_ROW])
    provenance = {"report": REPORT_FILE, "essay": ESSAY_ID}
    cited = {"cited_source": CITED, "cited_url": "https://example.org/2019/03/trade-report"}
    figures = [
        {**row, **(cited if row["footnote"] else {"cited_source": "No footnote: the author's own statement"})}
        for row in FIGURE_ROWS
    ]
    _append(indicators / "figures.csv", figures, **provenance)
    _append(indicators / "exclusions.csv", EXCLUSION_ROWS, **provenance)
    return MadeUpReport(indicators, reports)
