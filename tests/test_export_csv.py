"""Each chart's CSV holds exactly the rows it shows under the filters, with citations."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from chart_support import figure_of
from conftest import CITATION_COLUMNS

from app.charts import CHARTS
from app.export.chart_csv import chart_csv_text, csv_rows, defuse
from app.view import View

CHART_IDS = [chart.id for chart in CHARTS]


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def shown_ids(figure) -> set[str]:
    """Row ids of every mark: the first customdata entry of each point."""
    return {str(item[0]) for trace in figure.data for item in (trace.customdata or []) if item[0]}


def essay_filter(dataset) -> View:
    return View(essays=(dataset.figures["essay"].mode().iloc[0],))


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
@pytest.mark.parametrize("filtered", [False, True], ids=["all", "one-essay"])
def test_csv_rows_are_the_rows_the_chart_shows(chart, filtered, dataset, catalog):
    view = essay_filter(dataset) if filtered else View()
    csv = read_csv(chart_csv_text(chart, catalog, view))
    figure = figure_of(chart, dataset, view)
    marked = shown_ids(figure)
    assert marked <= set(csv["row_id"]), "every mark is a row of the CSV"
    notes = " ".join(" ".join((a.text or "").replace("<br>", " ").split()) for a in figure.layout.annotations)
    for row in csv[~csv["row_id"].isin(marked)].to_dict("records"):
        named = row.get("name") or row.get("title") or ""
        assert named and named in notes, (
            f"{row['row_id']} is in the CSV but neither marked nor named on the chart"
        )
    if filtered:
        assert set(csv[csv["is_external"] == "False"]["essay_id"]) <= set(view.essays)


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_csv_carries_citation_columns_readable_quotes_and_marks_external_rows(chart, catalog):
    rows = csv_rows(chart, catalog, View())
    for column in ("row_id", "is_external", "source_name", "source_url", "report_file", *CITATION_COLUMNS):
        assert column in rows.columns
    external = rows[rows["is_external"]]
    assert external["row_id"].astype(str).str.startswith("ext:").all()
    assert external["source_name"].notna().all()
    report = rows[~rows["is_external"]]
    assert report["quote"].notna().all() and not report["quote"].str.contains("\\$", regex=False).any()
    assert report["report"].notna().all() and not report["report"].str.endswith(".txt").any()
    assert report["report_file"].str.endswith(".txt").all()


def test_csv_values_and_quotes_are_the_curated_ones(dataset, catalog):
    """Against the curated table itself: each figure's value, unit and quote as printed."""
    rows = pd.concat([csv_rows(chart, catalog, View()) for chart in CHARTS], ignore_index=True)
    figures = rows[rows["row_kind"] == "figure"].drop_duplicates("row_id").set_index("row_id")
    curated = dataset.figures.set_index("figure_id")
    assert set(figures.index) == set(curated.index)
    for figure_id, row in figures.iterrows():
        assert row["value"] == curated.loc[figure_id, "value"]
        assert row["unit"] == curated.loc[figure_id, "unit"]
        assert row["quote"] == curated.loc[figure_id, "quote"].replace("\\$", "$")


def test_context_off_leaves_out_every_external_row(catalog):
    for chart in CHARTS:
        assert not csv_rows(chart, catalog, View(show_context=False))["is_external"].any(), chart.id


def test_csv_text_is_utf8_with_lf_line_ends(catalog):
    text = chart_csv_text(CHARTS[0], catalog, View())
    assert "\r\n" not in text
    assert text.splitlines()[0].startswith("row_id,is_external,")


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-12.5", "-12.5"),
        ("plain text", "plain text"),
        (3.5, 3.5),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_literally(cell, written):
    assert defuse(cell) == written
