"""What the browser draws: each chart of a page as a figure with its source line, its height
and its plotly config, for a view. assets/charts.js draws them as they come into view."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from app.catalog import Selection
from app.charts import Chart, chart_rows, draw, draw_rows, get_chart
from app.export.cache import BoundedCache
from app.export.sizes import SIZES, SLIDE_16_9
from app.view import view_query

TOPOJSON_URL = "/assets/topojson/"
DRAWINGS = "drawings"  # the catalog's memo of drawings by chart and rows
# Measured as JSON; the dicts kept take about as much (0.9x, measured with tracemalloc: their
# texts are the catalog's own strings). A whole view's 12 drawings are at most about 0.5 MB.
DRAWINGS_MAX_BYTES = 32 * 1024 * 1024
# Box and lasso stay (they select for linking); no cloud upload, no plotly logo.
REMOVED_BUTTONS = ["autoScale2d", "toggleSpikelines", "sendChartToCloud", "lasso2d"]


def graph_config(chart: Chart, size: str = SLIDE_16_9.name, responsive: bool = True) -> dict:
    """Plotly config for a chart: offline map files, the camera saving a slide-sized PNG named
    after the chart, no third-party upload."""
    preset = SIZES[size]
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "responsive": responsive,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {
            "format": "png",
            "filename": f"{chart.id}-{preset.name}",
            "width": preset.width,
            "height": preset.height,
            "scale": 1,
        },
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
    }


def chart_drawing(chart: Chart, selection: Selection) -> dict:
    """One chart under a view, as the page needs it. The selection's highlight is applied in the
    browser (assets/linking.js), so one drawing serves every selection; and it is a function of
    the chart's rows alone, so views that give a chart the same rows (most charts, when a period
    or a category changes) share one drawing, kept per dataset within DRAWINGS_MAX_BYTES.
    Drawings are shared between answers: never change one in place."""
    rows = chart_rows(chart, selection)
    key = (chart.id, rows.own.positions, rows.reference.positions)
    kept = selection.catalog.memo.get(DRAWINGS)
    if kept is None:
        kept = selection.catalog.memo.setdefault(DRAWINGS, BoundedCache(DRAWINGS_MAX_BYTES))
    drawing = kept.get(key)
    if drawing is None:
        drawing = _drawing(chart, draw_rows(chart, rows))
        drawing = kept.put(key, drawing, len(json.dumps(drawing)))
    return drawing


def _drawing(chart: Chart, figure: dict) -> dict:
    return {
        "figure": figure,
        "source_line": figure["layout"]["meta"]["source_line"],
        "height": int(figure["layout"]["height"]),
        "empty": not figure["data"],
        "config": graph_config(chart),
    }


def figure_alone(chart: Chart, selection: Selection) -> dict:
    """The chart's figure for a page of its own (the embed page, a static HTML page): the page
    prints the title, so the figure has none, and it takes its box's width."""
    figure = draw(chart, selection)
    figure["layout"].update(title={"text": ""}, autosize=True)
    return figure


def page_drawings(selection: Selection, chart_ids: Iterable[str]) -> dict:
    """{"view": its filters as a query, "charts": {chart id: drawing}, "empty_summary": the line
    saying how many have nothing under the filters} for the charts of a page, under the view
    whose rows are ``selection`` (``catalog.select(view)``)."""
    charts = {chart_id: chart_drawing(get_chart(chart_id), selection) for chart_id in chart_ids}
    return {
        "view": view_query(selection.view.filters),
        "charts": charts,
        "empty_summary": empty_summary(charts),
    }


def empty_summary(drawings: Mapping[str, dict]) -> str:
    """'3 charts have no figures under these filters (listed last).', or '' if none."""
    count = sum(1 for drawing in drawings.values() if drawing["empty"])
    if not count:
        return ""
    return f"{count} chart{'s have' if count > 1 else ' has'} no figures under these filters (listed last)."
