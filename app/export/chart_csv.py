"""CSV of exactly the rows a chart shows under a view, with every citation column.

Quotes are as a reader of the report sees them (markdown escapes removed); reports and essays
are named by title, the report's file name kept in its own column. A cell a spreadsheet would
run as a formula (=, +, -, @ first) is written with a leading apostrophe, whatever the data."""

from __future__ import annotations

import pandas as pd

from app.catalog import Catalog
from app.charts import Chart, chart_rows
from app.view import View

# Every column a chart's CSV carries, in this order; columns a table lacks are left empty.
CSV_COLUMNS = (
    "row_id",
    "is_external",
    "row_kind",
    "value_text",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "indicator",
    "indicator_title",
    "category",
    "subject",
    "period",
    "period_start",
    "period_end",
    "year_start",
    "year_end",
    "report",
    "report_file",
    "essay",
    "essay_id",
    "essay_name",
    "footnote",
    "footnote_text",
    "cited_source",
    "cited_url",
    "quote",
    "flag",
    "note",
    "figure_id",
    "exercise_id",
    "event_id",
    "name",
    "title",
    "year",
    "phase",
    "date_start",
    "date_end",
    "date_precision",
    "kind",
    "location_as_written",
    "place",
    "latitude",
    "longitude",
    "participants",
    "series",
    "series_title",
    "publisher",
    "source_name",
    "source_url",
    "evidence",
    "is_derived",
    "confidence",
    "caveat",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """A text cell a spreadsheet would evaluate, made literal with a leading apostrophe
    (OWASP's advice for CSV injection); numbers keep their sign."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_rows(chart: Chart, catalog: Catalog, view: View) -> pd.DataFrame:
    """The chart's rows under the view, as the CSV holds them."""
    frame = chart_rows(chart, catalog.select(view)).frame()
    out = pd.DataFrame(index=frame.index)
    renamed = {
        "report": "report_title",
        "report_file": "report",
        "essay": "essay_title",
        "essay_id": "essay",
        "quote": "quote_text",
    }
    for column in CSV_COLUMNS:
        source = renamed.get(column, column)
        out[column] = frame[source] if source in frame.columns else pd.NA
    out["is_external"] = out["is_external"].fillna(False).astype(bool)
    text = out.select_dtypes(include="object").columns
    out[text] = out[text].map(defuse)
    return out.reset_index(drop=True)


def chart_csv_text(chart: Chart, catalog: Catalog, view: View) -> str:
    """The CSV as text: UTF-8, LF line ends, numbers as stored (no float noise)."""
    return csv_rows(chart, catalog, view).to_csv(index=False, lineterminator="\n", float_format="%.15g")


def write_chart_csv(chart: Chart, catalog: Catalog, view: View, path) -> int:
    """Write the CSV to path; return the number of rows written."""
    rows = csv_rows(chart, catalog, view)
    rows.to_csv(path, index=False, lineterminator="\n", float_format="%.15g", encoding="utf-8")
    return len(rows)
