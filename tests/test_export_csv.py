"""Each chart's CSV holds exactly the rows it shows under the filters, with citations."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import CITATION_COLUMNS

from app.charts import CHARTS
from app.export.chart_csv import chart_csv_text, chart_rows
from app.options import ChartOptions
from loaders import load_dataset

CHART_IDS = [chart.id for chart in CHARTS]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def shown_ids(figure) -> set[str]:
    """Row ids of every mark: the first customdata entry of each point."""
    ids = set()
    for trace in figure.data:
        for item in trace.customdata if trace.customdata is not None else []:
            first = (
                item[0]
                if isinstance(item, (list, tuple)) or hasattr(item, "__len__") and not isinstance(item, str)
                else item
            )
            if first is not None and str(first):
                ids.add(str(first))
    return ids


def essay_filter(dataset) -> ChartOptions:
    essays = dataset.figures["essay"].dropna().astype(str)
    return ChartOptions(essays=(essays.mode().iloc[0],)) if len(essays) else ChartOptions(essays=("none",))


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
@pytest.mark.parametrize("filtered", [False, True], ids=["all", "one-essay"])
def test_csv_rows_are_the_rows_the_chart_shows(chart, filtered, dataset):
    options = essay_filter(dataset) if filtered else ChartOptions()
    csv = pd.read_csv(io.StringIO(chart_csv_text(chart, dataset, options)), dtype=str, keep_default_na=False)
    expected = chart.rows(dataset, options)
    assert list(csv["row_id"]) == [str(i) for i in expected["row_id"]]
    figure = chart.build(dataset, options)
    marked = shown_ids(figure)
    assert marked <= set(csv["row_id"]), "every mark is a row of the CSV"
    notes = " ".join(" ".join((a.text or "").replace("<br>", " ").split()) for a in figure.layout.annotations)
    for row in csv[~csv["row_id"].isin(marked)].to_dict("records"):
        named = row.get("name") or row.get("title") or ""
        assert named and named in notes, (
            f"{row['row_id']} is in the CSV but neither marked nor named on the chart"
        )
    if filtered:
        report = csv[csv["is_external"] == "False"]
        assert set(report["essay"]) <= set(options.essays)


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_csv_carries_citation_columns_and_marks_external_rows(chart, dataset):
    rows = chart_rows(chart, dataset, ChartOptions())
    for column in ("row_id", "is_external", "source_name", "source_url", *CITATION_COLUMNS):
        assert column in rows.columns
    external = rows[rows["is_external"]]
    assert external["row_id"].astype(str).str.startswith("ext:").all()
    assert external["source_name"].notna().all()
    report = rows[~rows["is_external"]]
    assert report["quote"].notna().all()


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_csv_values_equal_the_figures_as_printed(chart, dataset):
    rows = chart_rows(chart, dataset, ChartOptions())
    report = rows[~rows["is_external"]]
    if "figure_id" not in report.columns or report.empty:
        pytest.skip(f"{chart.id} shows no figures table rows")
    figures = dataset.figures.set_index("figure_id")
    for figure_id, value, unit in zip(report["figure_id"], report["value"], report["unit"], strict=True):
        assert figures.loc[figure_id, "value"] == value
        assert figures.loc[figure_id, "unit"] == unit


def test_context_off_leaves_out_every_external_row(dataset):
    for chart in CHARTS:
        rows = chart_rows(chart, dataset, ChartOptions(show_context=False))
        assert not rows["is_external"].any(), chart.id


def test_csv_text_is_utf8_with_lf_line_ends(dataset):
    text = chart_csv_text(CHARTS[0], dataset, ChartOptions())
    assert "\r\n" not in text
    assert text.splitlines()[0].startswith("row_id,is_external,")
