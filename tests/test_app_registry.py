"""The chart registry: every entry has what the layout, exports and readers rely on."""

from __future__ import annotations

import re

import pytest
from conftest import CITATION_COLUMNS

from app.charts import CHARTS, get_chart, source_line
from app.options import ChartOptions
from loaders import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_chart_ids_are_unique_kebab_case():
    ids = [chart.id for chart in CHARTS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_unknown_chart_error_names_the_known_ids():
    with pytest.raises(KeyError) as caught:
        get_chart("no-such-chart")
    assert "no-such-chart" in str(caught.value) and CHARTS[0].id in str(caught.value)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_chart_has_title_summary_and_native_kind(chart):
    assert len(chart.title) > 10 and not chart.title.endswith(".")
    assert len(chart.summary) > 20
    assert chart.native in (None, "bar", "line", "scatter", "table")


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_chart_builds_with_its_source_line_in_the_meta(chart, dataset):
    options = ChartOptions()
    fig = chart.build(dataset, options)
    assert fig.layout.meta["chart_id"] == chart.id
    line = source_line(chart, dataset, options)
    assert fig.layout.meta["source_line"] == line
    assert line.startswith(("Source:", "External data:")) and line.endswith(".")


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_every_mark_maps_back_to_a_row_the_chart_lists(chart, dataset):
    options = ChartOptions()
    rows = chart.rows(dataset, options)
    fig = chart.build(dataset, options)
    row_ids = set(rows["row_id"])
    for trace in fig.data:
        assert trace.customdata is not None and len(trace.customdata), f"{trace.name} has no customdata"
        assert {cd[0] for cd in trace.customdata} <= row_ids


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_rows_carry_the_citation_columns(chart, dataset):
    rows = chart.rows(dataset, ChartOptions())
    assert set(CITATION_COLUMNS) <= set(rows.columns)
    assert {"row_id", "is_external"} <= set(rows.columns)
    external = rows[rows["is_external"].astype(bool)]
    if len(external):
        assert external["source_name"].notna().all() and external["source_url"].notna().all()


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_external_traces_are_named_as_external_data(chart, dataset):
    fig = chart.build(dataset, ChartOptions())
    for trace in fig.data:
        if all(str(cd[0]).startswith("ext:") for cd in trace.customdata):
            assert "(external data)" in trace.name


def test_every_curated_figure_is_on_some_chart(dataset):
    shown = set()
    for chart in CHARTS:
        shown |= set(chart.rows(dataset, ChartOptions())["row_id"])
    assert set(dataset.figures["figure_id"]) <= shown
    assert set(dataset.exercises["exercise_id"]) <= shown and set(dataset.events["event_id"]) <= shown


def test_context_charts_show_the_external_series_with_cited_points(dataset):
    for chart_id in ("trade-context", "arms-deliveries", "jasdf-scrambles"):
        rows = get_chart(chart_id).rows(dataset, ChartOptions())
        assert rows["is_external"].astype(bool).any(), chart_id
        assert (~rows["is_external"].astype(bool)).any() or dataset.figures.empty, chart_id
