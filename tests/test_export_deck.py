"""The PowerPoint deck: one slide per chart, native charts holding the plotted values, sources, notes."""

from __future__ import annotations

import io

import pytest
from export_support import trace_values
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from app.charts import CHARTS, source_line
from app.citations import clean_quote
from app.export.deck import DECK_TITLE, build_deck
from app.export.native_charts import native_layout
from app.options import ChartOptions
from loaders import load_dataset

NATIVE_TYPES = {
    "bar": {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED},
    "line": {XL_CHART_TYPE.LINE_MARKERS},
    "scatter": {XL_CHART_TYPE.XY_SCATTER, XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.LINE_MARKERS},
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def deck(dataset, tmp_path_factory):
    """A deck of every chart, without a browser (images become notes on the slide)."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    try:
        data = build_deck(CHARTS, dataset, ChartOptions())
    finally:
        monkeypatch.undo()
    return Presentation(io.BytesIO(data))


def chart_slide(deck, chart):
    return deck.slides[[c.id for c in CHARTS].index(chart.id) + 1]


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_deck_has_a_title_slide_then_one_slide_per_chart(deck):
    assert len(deck.slides) == len(CHARTS) + 1
    assert DECK_TITLE in slide_text(deck.slides[0])
    for chart, slide in zip(CHARTS, list(deck.slides)[1:], strict=True):
        assert slide.shapes.title.text == chart.title


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_every_slide_has_its_source_footer_and_the_quotes_in_its_notes(chart, deck, dataset):
    slide = chart_slide(deck, chart)
    footers = [s for s in slide.shapes if s.name == "source footer"]
    assert [f.text_frame.text for f in footers] == [source_line(chart, dataset, ChartOptions())]
    notes = slide.notes_slide.notes_text_frame.text
    rows = chart.rows(dataset, ChartOptions())
    for row in rows[~rows["is_external"].fillna(False).astype(bool)].to_dict("records"):
        assert str(row["row_id"]) in notes
        if isinstance(row.get("quote"), str):
            assert clean_quote(row["quote"]) in notes


@pytest.mark.parametrize("chart", [c for c in CHARTS if c.native], ids=[c.id for c in CHARTS if c.native])
def test_native_slides_hold_charts_whose_series_equal_the_plotted_values(chart, deck, dataset):
    figure = chart.build(dataset, ChartOptions())
    layout = native_layout(chart.native, figure, chart.rows(dataset, ChartOptions()))
    slide = chart_slide(deck, chart)
    graphics = [shape.chart for shape in slide.shapes if shape.has_chart]
    if layout is None:
        pytest.skip(f"{chart.id}: marks do not plot the values (notes say so), so the slide has an image")
    assert graphics, "a native chart was expected"
    assert {g.chart_type for g in graphics} <= NATIVE_TYPES[chart.native]
    plotted = sorted(
        v for trace in figure.data if trace.type in ("bar", "scatter") for v in trace_values(trace)
    )
    if any(g.chart_type == XL_CHART_TYPE.XY_SCATTER for g in graphics) or any(
        t.type == "scatter" and t.orientation != "h" and t.y is not None and not _categorical(figure, t)
        for t in figure.data
        if chart.native == "scatter"
    ):
        pytest.skip("XY values are checked by test_native_layout_keeps_values")
    in_slide = sorted(
        v for g in graphics for plot in g.plots for s in plot.series for v in s.values if v is not None
    )
    assert in_slide == pytest.approx(_panel_values(layout))
    assert set(in_slide) <= set(plotted) | set(_horizontal_values(figure))


def _categorical(figure, trace) -> bool:
    return bool(figure.layout.yaxis.ticktext)


def _horizontal_values(figure) -> list[float]:
    return [float(v) for t in figure.data if t.x is not None for v in t.x if isinstance(v, (int, float))]


def _panel_values(layout) -> list[float]:
    return sorted(v for panel in layout.panels for s in panel.series for v in s.values if v is not None)


@pytest.mark.parametrize("chart", [c for c in CHARTS if c.native], ids=[c.id for c in CHARTS if c.native])
def test_native_layout_keeps_values_as_printed_or_says_they_were_converted(chart, dataset):
    rows = chart.rows(dataset, ChartOptions())
    layout = native_layout(chart.native, chart.build(dataset, ChartOptions()), rows)
    if layout is None:
        pytest.skip(f"{chart.id} is an image on its slide")
    printed = {str(r["row_id"]): r for r in rows.to_dict("records")}
    converted = " ".join(layout.conversions)
    derived = " ".join(layout.remarks)
    for panel in layout.panels:
        for series in panel.series:
            for row_id, value in zip(series.row_ids, series.values, strict=True):
                row = printed.get(row_id)
                if row is None or value is None:
                    continue
                if value != pytest.approx(float(row["value"])):
                    assert row_id in converted or "computed from external rows" in derived, row_id


def test_a_chart_that_places_figures_by_year_is_not_drawn_natively():
    import pandas as pd
    import plotly.graph_objects as go

    figure = go.Figure(go.Scatter(x=[2017, 2018], y=[0, 1], customdata=[["a"], ["b"]]))
    figure.update_yaxes(tickvals=[0, 1], ticktext=["trade", "arms"])
    rows = pd.DataFrame(
        {
            "row_id": ["a", "b"],
            "value": [86.9, 3.0],
            "unit": ["usd_bn", "usd_bn"],
            "is_external": [False, False],
        }
    )
    assert native_layout("scatter", figure, rows) is None


def test_a_unit_conversion_is_named_in_the_notes():
    import pandas as pd
    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["a", "b"], y=[86.9, 0.3], customdata=[["a"], ["b"]]))
    rows = pd.DataFrame(
        {
            "row_id": ["a", "b"],
            "value": [86.9, 300.0],
            "value_high": [None, None],
            "unit": ["usd_bn", "usd_mn"],
            "qualifier": ["exact", "exact"],
            "is_external": [False, False],
        }
    )
    layout = native_layout("bar", figure, rows)
    assert layout.panels[0].chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert layout.panels[0].series[0].values == [86.9, 0.3]
    assert layout.conversions == ["b: plotted as 0.3 on the shared axis; printed as $300 million."]


def test_without_a_browser_image_slides_say_why(deck):
    for chart in CHARTS:
        if chart.native is None:
            text = slide_text(chart_slide(deck, chart))
            assert "[no-browser]" in text and "BROWSER_PATH" in text
