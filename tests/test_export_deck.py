"""The PowerPoint deck: one slide per chart, native charts holding the plotted values, sources, notes."""

from __future__ import annotations

import io

import pytest
from chart_support import figure_of, rows_of
from export_support import trace_values
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from app.catalog import catalog_of
from app.charts import CHARTS, chart_rows, draw
from app.citations import clean_quote, source_line
from app.export.deck import DECK_TITLE, TABLE_ROWS, build_deck
from app.export.native_charts import native_layout
from app.view import View
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
        data = build_deck(CHARTS, catalog_of(dataset), View())
    finally:
        monkeypatch.undo()
    return Presentation(io.BytesIO(data))


NATIVE_CHARTS = [c for c in CHARTS if c.native in NATIVE_TYPES]
TABLE_CHARTS = [c for c in CHARTS if c.native == "table"]


def chart_slides(deck, chart) -> list:
    """The slides of one chart: one, or a table chart's 'Title (1 of n)' … '(n of n)'."""
    return [
        slide
        for slide in list(deck.slides)[1:]
        if slide.shapes.title.text == chart.title or slide.shapes.title.text.startswith(f"{chart.title} (")
    ]


def chart_slide(deck, chart):
    return chart_slides(deck, chart)[0]


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_deck_has_a_title_slide_then_the_charts_slides_in_order(deck, dataset):
    assert DECK_TITLE in slide_text(deck.slides[0])
    expected = []
    for chart in CHARTS:
        if chart.native == "table":
            pages = -(-len(rows_of(chart, dataset)) // TABLE_ROWS)
            expected += [f"{chart.title} ({n} of {pages})" for n in range(1, pages + 1)]
        else:
            expected.append(chart.title)
    assert [slide.shapes.title.text for slide in list(deck.slides)[1:]] == expected


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_every_slide_has_its_source_footer_and_the_quotes_in_its_notes(chart, deck, dataset):
    slides = chart_slides(deck, chart)
    footers = [s.text_frame.text for slide in slides for s in slide.shapes if s.name == "source footer"]
    if chart.native == "table":  # each page names the sources of its own rows
        own = chart_rows(chart, catalog_of(dataset).select(View())).own
        pages = [own.take(range(i, min(i + TABLE_ROWS, len(own)))) for i in range(0, len(own), TABLE_ROWS)]
        assert footers == [source_line(page) for page in pages]
    else:
        assert footers == [figure_of(chart, dataset).layout.meta["source_line"]]
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in slides)
    rows = rows_of(chart, dataset)
    for row in rows[~rows["is_external"].fillna(False).astype(bool)].to_dict("records"):
        assert str(row["row_id"]) in notes
        if isinstance(row.get("quote"), str):
            assert clean_quote(row["quote"]) in notes


@pytest.mark.parametrize("chart", NATIVE_CHARTS, ids=[c.id for c in NATIVE_CHARTS])
def test_native_slides_hold_charts_whose_series_equal_the_plotted_values(chart, deck, dataset):
    figure = figure_of(chart, dataset)
    layout = native_layout(
        chart.native, draw(chart, catalog_of(dataset).select(View())), rows_of(chart, dataset)
    )
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


@pytest.mark.parametrize("chart", NATIVE_CHARTS, ids=[c.id for c in NATIVE_CHARTS])
def test_native_layout_keeps_values_as_printed_or_says_they_were_converted(chart, dataset):
    rows = rows_of(chart, dataset)
    layout = native_layout(chart.native, draw(chart, catalog_of(dataset).select(View())), rows)
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

    figure = {
        "data": [{"type": "scatter", "x": [2017, 2018], "y": [0, 1], "customdata": [["a"], ["b"]]}],
        "layout": {"yaxis": {"tickvals": [0, 1], "ticktext": ["trade", "arms"]}},
    }
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

    figure = {
        "data": [{"type": "bar", "x": ["a", "b"], "y": [86.9, 0.3], "customdata": [["a"], ["b"]]}],
        "layout": {},
    }
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


@pytest.mark.parametrize("chart", TABLE_CHARTS, ids=[c.id for c in TABLE_CHARTS])
def test_table_slides_hold_every_row_as_printed_in_order(chart, deck, dataset):
    cells = []
    for slide in chart_slides(deck, chart):
        (table,) = [shape.table for shape in slide.shapes if shape.has_table]
        rows = list(table.rows)
        assert [c.text_frame.text for c in rows[0].cells][0] == "Figure as printed"
        assert len(rows) - 1 <= TABLE_ROWS
        cells += [[c.text_frame.text for c in row.cells] for row in rows[1:]]
    records = rows_of(chart, dataset).to_dict("records")
    assert [c[0].removesuffix(" ⚑") for c in cells] == [r["value_text"] for r in records]
    assert [(c[1], c[2], c[3]) for c in cells] == [
        (r["indicator_title"], r["subject"], r["period"]) for r in records
    ]
    assert all(c[4].startswith(r["essay_name"]) for c, r in zip(cells, records, strict=True))
    flagged = [row for row in records if isinstance(row.get("flag"), str) and row["flag"]]
    assert flagged and all(
        cell[0].endswith("⚑") for cell, row in zip(cells, records, strict=True) if row in flagged
    )
