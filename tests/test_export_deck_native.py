"""Reading a dashboard figure as native chart plans, on small inline figures: ranges stay ranges,
labels are the figures as printed, colours and the key follow the dashboard, and a chart that
cannot say what its figures say natively is left to an image."""

from __future__ import annotations

import pandas as pd
from pptx import Presentation
from pptx.util import Inches

from app.export.native_charts import native_layout
from app.export.native_drawing import add_lines_panel

KASHIN, MA_ZHANG = "#0072B2", "#D55E00"  # the dashboard's essay colours


RANGE_ROW = {
    "row_id": "now",
    "value": 40.0,
    "value_high": 50.0,
    "qualifier": "range",
    "value_text": "$40–50 billion",
}  # a figure printed as a range


def rows(*records: dict) -> pd.DataFrame:
    base = {"value_high": None, "qualifier": "exact", "unit": "percent", "is_external": False}
    base |= {"essay": "kashin-2019", "essay_name": "Kashin (2019)"}
    return pd.DataFrame([base | record for record in records])


def bars(values: list, ids: list, colour=KASHIN, **trace) -> dict:
    return {
        "type": "bar",
        "orientation": "h",
        "x": values,
        "y": list(range(len(values))),
        "customdata": [[i] for i in ids],
        "marker": {"color": colour},
        "name": "Kashin (2019)",
        **trace,
    }


def row_axis(*labels: str) -> dict:
    return {"tickvals": list(range(len(labels))), "ticktext": list(labels), "autorange": "reversed"}


def test_a_range_on_a_bar_chart_becomes_a_span_from_its_low_to_its_high_end():
    figure = {"data": [bars([40, 60], ["range", "peak"])], "layout": {"yaxis": row_axis("1990s", "peak")}}
    table = rows(
        {
            "row_id": "range",
            "value": 40.0,
            "value_high": 45.0,
            "qualifier": "range",
            "value_text": "40–45%",
            "subject": "Russia → China",
            "year_start": 1990,
            "year_end": 1999,
        },
        {
            "row_id": "peak",
            "value": 60.0,
            "qualifier": "peak",
            "value_text": "peak of 60%",
            "subject": "Russia → China",
            "year_start": 2002,
            "year_end": 2002,
        },
    )
    (panel,) = native_layout("bar", figure, table).panels
    (_, span), (_, bar) = panel.rows
    assert (span.form, span.value, span.high, span.label) == ("span", 40.0, 45.0, "40–45%")
    assert (bar.form, bar.value, bar.high, bar.label) == ("bar", 60.0, None, "peak of 60%")
    assert [label for label, _ in panel.rows] == ["Russia → China (1990–1999)", "Russia → China (2002)"]


def test_points_keep_their_intervals_markers_and_essay_colours():
    trace = {
        "type": "scatter",
        "x": [40.0, 20.0, 1.29],
        "y": [0, 1, 2],
        "error_x": {"array": [10.0, 0, 0]},
        "customdata": [["now"], ["about"], ["flow"]],
        "marker": {"color": [KASHIN, KASHIN, MA_ZHANG]},
        "name": "as printed",
    }
    figure = {"data": [trace], "layout": {"yaxis": row_axis("now", "about", "flow")}}
    table = rows(
        RANGE_ROW,
        {"row_id": "about", "value": 20.0, "qualifier": "about", "value_text": "about $20 billion"},
        {
            "row_id": "flow",
            "value": 1.29,
            "value_text": "$1.29 billion",
            "essay": "ma-zhang-2019",
            "essay_name": "Ma & Zhang (2019)",
        },
    )
    layout = native_layout("scatter", figure, table)
    marks = layout.panels[0].marks
    assert [(m.form, m.value, m.high) for m in marks] == [
        ("span", 40.0, 50.0),
        ("point", 20.0, None),
        ("point", 1.29, None),
    ]
    assert [m.symbol for m in marks[1:]] == ["diamond", "circle"], "“about” is not drawn as an exact figure"
    assert [m.colour for m in marks] == [KASHIN, KASHIN, MA_ZHANG]
    assert [(e.name, e.colour, e.is_essay) for e in layout.key] == [
        ("Kashin (2019)", KASHIN, True),
        ("Ma & Zhang (2019)", MA_ZHANG, True),
    ]


def test_columns_holding_a_range_are_not_drawn_natively():
    trace = {"type": "bar", "x": ["2017"], "y": [5.0], "customdata": [["r"]], "marker": {"color": KASHIN}}
    table = rows(
        {"row_id": "r", "value": 5.0, "value_high": 9.0, "qualifier": "range", "value_text": "$5–9 billion"}
    )
    assert native_layout("bar", {"data": [trace], "layout": {}}, table) is None
    table = rows({"row_id": "r", "value": 5.0, "value_text": "$5 billion"})
    (panel,) = native_layout("bar", {"data": [trace], "layout": {}}, table).panels
    assert panel.form == "columns" and panel.series[0].marks["2017"].label == "$5 billion"


def test_external_series_are_context_and_the_reports_figures_marks_named_by_their_flow():
    external = {
        "type": "scatter",
        "x": [2016, 2017],
        "y": [69.5, 84.1],
        "customdata": [["ext:a:2016"], ["ext:a:2017"]],
        "line": {"color": "#8C8C8C", "dash": "dot"},
        "name": "Total, per Chinese customs (external data)",
    }
    report = {
        "type": "scatter",
        "x": [2017, 2017],
        "y": [86.9, 38.9],
        "customdata": [["total"], ["flow"]],
        "marker": {"color": ["#000000", KASHIN]},
        "name": "Reports: as printed",
    }
    table = rows(
        {"row_id": "ext:a:2016", "value": 69.5, "is_external": True, "value_text": "$69.5 billion"},
        {"row_id": "ext:a:2017", "value": 84.1, "is_external": True, "value_text": "$84.1 billion"},
        {"row_id": "total", "value": 86.9, "value_text": "$86.9 billion"},
        {"row_id": "flow", "value": 38.9, "value_text": "$38.9 billion"},
    )
    (panel,) = native_layout("line", {"data": [external, report], "layout": {}}, table).panels
    assert panel.form == "lines"
    (line,) = panel.context
    assert (line.xs, line.ys, line.dotted) == ([2016, 2017], [69.5, 84.1], True)
    assert [(m.x, m.value, m.label) for m in panel.marks] == [
        (2017, 86.9, "$86.9 billion"),
        (2017, 38.9, "$38.9 billion"),
    ]
    names = [entry.name for entry in panel.figure_key + panel.context_key]
    assert names == ["Reports: as printed", "Total, per Chinese customs (external data)"], (
        "black is no essay's colour"
    )


def test_a_chart_that_places_figures_by_year_is_not_drawn_natively():
    figure = {
        "data": [{"type": "scatter", "x": [2017, 2018], "y": [0, 1], "customdata": [["a"], ["b"]]}],
        "layout": {"yaxis": {"tickvals": [0, 1], "ticktext": ["trade", "arms"]}},
    }
    table = rows(
        {"row_id": "a", "value": 86.9, "unit": "usd_bn"}, {"row_id": "b", "value": 3.0, "unit": "usd_bn"}
    )
    assert native_layout("scatter", figure, table) is None


def test_a_unit_conversion_is_named_in_the_notes():
    figure = {"data": [bars([86.9, 0.3], ["a", "b"])], "layout": {"yaxis": row_axis("a", "b")}}
    table = rows(
        {"row_id": "a", "value": 86.9, "unit": "usd_bn", "value_text": "$86.9 billion"},
        {"row_id": "b", "value": 300.0, "unit": "usd_mn", "value_text": "$300 million"},
    )
    layout = native_layout("bar", figure, table)
    assert [m.label for m in layout.panels[0].marks] == ["$86.9 billion", "$300 million"]
    assert layout.conversions == ["b: plotted as 0.3 on the shared axis; printed as $300 million."]


def test_a_range_among_points_by_year_becomes_a_vertical_span():
    report = {
        "type": "scatter",
        "x": [2019],
        "y": [40.0],
        "error_y": {"array": [10.0]},
        "customdata": [["now"]],
        "marker": {"color": [KASHIN]},
        "name": "Reports: range",
    }
    table = rows(RANGE_ROW)
    (panel,) = native_layout("line", {"data": [report], "layout": {}}, table).panels
    (mark,) = panel.marks
    assert (mark.x, mark.value, mark.high, mark.label) == (2019, 40.0, 50.0, "$40–50 billion")
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    chart = add_lines_panel(slide.shapes, panel, (0, 0, Inches(8), Inches(4)), "t", (2018, 2020))
    (series,) = chart.plots[0].series
    xs = [float(v) for v in series._element.xpath("./c:xVal//c:v/text()")]
    assert list(zip(xs, series.values, strict=True)) == [(2019, 40.0), (2019, 50.0)], "drawn from 40 to 50"
    assert series.points[1].data_label.text_frame.text == "$40–50 billion"
