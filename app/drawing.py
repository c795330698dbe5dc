"""What the browser draws: each chart of a page as a figure with its source line, its height
and its plotly config, for a view. assets/charts.js draws them as they come into view.

A drawing is kept as the JSON text Dash would send for it, and answers carry it as an
``orjson.Fragment``, so a drawing is encoded once, not once per answer. That needs Dash to encode
its answers with orjson, which plotly.io's JSON engine does when orjson is installed; the app sets
it explicitly (``app/__init__.py``), since the standard library's encoder refuses a Fragment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import orjson
from plotly.io.json import to_json_plotly

from app.catalog import Selection
from app.charts import Chart, chart_rows, draw, draw_rows, get_chart
from app.export.cache import BoundedCache
from app.export.sizes import SIZES, SLIDE_16_9
from app.view import view_query

TOPOJSON_URL = "/assets/topojson/"
DRAWINGS = "drawings"  # the catalog's memo of drawings by chart and rows
# Measured as the JSON kept (a whole view's 12 drawings are at most about 0.5 MB).
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


@dataclass(frozen=True)
class Drawing:
    """One chart under a view: the JSON the browser gets (``{figure, source_line, height, empty,
    config}``) and what the page's panel needs of it."""

    text: str  # as Dash's encoder writes it (plotly.io's "orjson" engine, HTML-safe escapes)
    source_line: str
    height: int
    empty: bool
    fragment: orjson.Fragment = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fragment", orjson.Fragment(self.text))

    @classmethod
    def of(cls, chart: Chart, figure: dict) -> Drawing:
        layout = figure["layout"]
        content = {
            "figure": figure,
            "source_line": layout["meta"]["source_line"],
            "height": int(layout["height"]),
            "empty": not figure["data"],
            "config": graph_config(chart),
        }
        text = to_json_plotly(content, engine="orjson")
        return cls(text, content["source_line"], content["height"], content["empty"])

    def content(self) -> dict:
        """The drawing as the browser reads it."""
        return json.loads(self.text)


def chart_drawing(chart: Chart, selection: Selection) -> Drawing:
    """One chart under a view, as the page needs it. The selection's highlight is applied in the
    browser (assets/linking.js), so one drawing serves every selection; and it is a function of
    the chart's rows alone, so views that give a chart the same rows (most charts, when a period
    or a category changes) share one drawing, kept per dataset within DRAWINGS_MAX_BYTES."""
    rows = chart_rows(chart, selection)
    key = (chart.id, rows.own.positions, rows.reference.positions)
    kept = selection.catalog.memo.get(DRAWINGS)
    if kept is None:
        kept = selection.catalog.memo.setdefault(DRAWINGS, BoundedCache(DRAWINGS_MAX_BYTES))
    drawing = kept.get(key)
    if drawing is None:
        drawing = Drawing.of(chart, draw_rows(chart, rows))
        drawing = kept.put(key, drawing, len(drawing.text))
    return drawing


def figure_alone(chart: Chart, selection: Selection) -> dict:
    """The chart's figure for a page of its own (the embed page, a static HTML page): the page
    prints the title, so the figure has none, and it takes its box's width."""
    figure = draw(chart, selection)
    figure["layout"].update(title={"text": ""}, autosize=True)
    return figure


def page_drawings(selection: Selection, chart_ids: Iterable[str]) -> dict:
    """{"view": its filters as a query, "charts": {chart id: Drawing}, "empty_summary": the line
    saying how many have nothing under the filters} for the charts of a page, under the view
    whose rows are ``selection`` (``catalog.select(view)``)."""
    charts = {chart_id: chart_drawing(get_chart(chart_id), selection) for chart_id in chart_ids}
    return {
        "view": view_query(selection.view.filters),
        "charts": charts,
        "empty_summary": empty_summary(charts),
    }


def store_data(drawings: dict) -> dict:
    """``page_drawings`` as the figures store holds it (assets/charts.js reads it): each drawing's
    kept JSON goes into the answer as it is."""
    return {**drawings, "charts": {chart_id: d.fragment for chart_id, d in drawings["charts"].items()}}


def empty_summary(drawings: Mapping[str, Drawing]) -> str:
    """'3 charts have no figures under these filters (listed last).', or '' if none."""
    count = sum(1 for drawing in drawings.values() if drawing.empty)
    if not count:
        return ""
    return f"{count} chart{'s have' if count > 1 else ' has'} no figures under these filters (listed last)."
