"""CSV of exactly the rows a chart shows under the reader's filters, with citation columns."""

from __future__ import annotations

import pandas as pd

from app.options import ChartOptions
from app.rows import CITATION_COLUMNS

EXTERNAL_COLUMNS = ("is_external", "source_name", "source_url")
REQUIRED_COLUMNS = ("row_id",) + CITATION_COLUMNS + EXTERNAL_COLUMNS


def chart_rows(chart, dataset, options: ChartOptions) -> pd.DataFrame:
    """The chart's own rows (registry ``rows``), with every citation and external column present.

    External reference rows keep ``is_external=True`` and their publisher in source_name /
    source_url; report rows get ``is_external=False`` and empty source columns.
    """
    rows = chart.rows(dataset, options).copy()
    if "row_id" not in rows.columns:
        for id_column in ("figure_id", "exercise_id", "event_id"):
            if id_column in rows.columns:
                rows.insert(0, "row_id", rows[id_column])
                break
    for column in REQUIRED_COLUMNS:
        if column not in rows.columns:
            rows[column] = False if column == "is_external" else pd.NA
    rows["is_external"] = rows["is_external"].fillna(False).astype(bool)
    ordered = ["row_id", "is_external"] + [c for c in rows.columns if c not in ("row_id", "is_external")]
    return rows[ordered].reset_index(drop=True)


def chart_csv_text(chart, dataset, options: ChartOptions) -> str:
    """The CSV as text: UTF-8, LF line ends, numbers as stored (no float noise)."""
    return chart_rows(chart, dataset, options).to_csv(index=False, lineterminator="\n", float_format="%.15g")


def write_chart_csv(chart, dataset, options: ChartOptions, path) -> int:
    """Write the CSV to path; return the number of rows written."""
    rows = chart_rows(chart, dataset, options)
    rows.to_csv(path, index=False, lineterminator="\n", float_format="%.15g", encoding="utf-8")
    return len(rows)
