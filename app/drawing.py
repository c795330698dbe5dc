"""What the browser draws: each chart of a page as a figure with its source line, its height
and its plotly config, for a view. assets/charts.js draws them as they come into view.

A drawing is kept as the JSON text Dash would send for it, and answers carry it as an
``orjson.Fragment``, so a drawing is encoded once, not once per answer. That needs Dash to encode
its answers with orjson, which plotly.io's JSON engine does when orjson is installed; the app sets
it explicitly (``app/__init__.py``), since the standard library's encoder refuses a Fragment.

Each mark's hover citation (customdata[4], the longest part of a drawing) is the same on every
chart and under every view: drawings leave it out (null) where it is its row's own, and the
browser fetches all of them once per dataset version, from a file it may keep for good
(``hover_texts``; assets/charts.js puts them back before drawing).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import orjson

from app.catalog import Catalog, Selection
from app.charts import Chart, chart_rows, draw, draw_rows, get_chart
from app.export.cache import BoundedCache
from app.export.sizes import SIZES, SLIDE_16_9
from app.frozen import json_text
from app.view import view_query

TOPOJSON_URL = "/assets/topojson/"
DRAWINGS = "drawings"  # the catalog's memo of drawings by chart and rows
HOVERS = "hover-texts"  # the catalog's memo of every row's hover citation
HOVER_TEXTS_PREFIX = "/hover-texts/"  # + a digest of the file + ".json"
HOVER = 4  # customdata: [row_id, year_start, year_end, subject, hover]
# Measured as the UTF-8 JSON kept (a whole view's 12 drawings are at most about 0.25 MB).
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

    text: bytes  # as Dash's encoder writes it, in ASCII (app.frozen.json_text)
    source_line: str
    height: int
    empty: bool
    fragment: orjson.Fragment = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fragment", orjson.Fragment(self.text))

    @classmethod
    def of(cls, chart: Chart, figure: dict, hovers: Mapping[str, str]) -> Drawing:
        layout = figure["layout"]
        content = {
            "figure": without_row_hovers(figure, hovers),
            "source_line": layout["meta"]["source_line"],
            "height": int(layout["height"]),
            "empty": not figure["data"],
            "config": graph_config(chart),
        }
        text = json_text(content).encode()  # bytes: its size is what it holds
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
        drawing = Drawing.of(chart, draw_rows(chart, rows), hover_texts(selection.catalog).by_row)
        drawing = kept.put(key, drawing, len(drawing.text))
    return drawing


def without_row_hovers(figure: dict, hovers: Mapping[str, str]) -> dict:
    """``figure`` with each mark's hover citation left out (null) where it is its row's own
    (``hovers``); a hover made for one chart (e.g. a share computed from two series) stays.
    Shares what it does not change with ``figure``."""
    data = []
    for trace in figure["data"]:
        marks = trace.get("customdata")
        if marks:
            trace = {
                **trace,
                "customdata": [
                    [*item[:HOVER], None, *item[HOVER + 1 :]]
                    if item and len(item) > HOVER and hovers.get(item[0]) == item[HOVER]
                    else item
                    for item in marks
                ],
            }
        data.append(trace)
    return {**figure, "data": data}


@dataclass(frozen=True)
class HoverTexts:
    """Every row's hover citation, as one JSON file named by its digest (so a browser may keep
    it for good: a new dataset version is a new name)."""

    by_row: dict
    body: bytes
    path: str


def hover_texts(catalog: Catalog) -> HoverTexts:
    """The catalog's hover citations by row id (made once per catalog)."""
    made = catalog.memo.get(HOVERS)
    if made is None:
        by_row = {}
        for table in (catalog.figures, catalog.exercises, catalog.events, catalog.reference):
            by_row.update(zip(table.columns["row_id"], table.columns["hover"], strict=True))
        body = orjson.dumps(by_row)
        path = f"{HOVER_TEXTS_PREFIX}{hashlib.sha256(body).hexdigest()[:16]}.json"
        made = catalog.memo.setdefault(HOVERS, HoverTexts(by_row, body, path))
    return made


def register_hover_texts_route(server, catalog: Catalog) -> None:
    """GET /hover-texts/<digest>.json: the file assets/charts.js fetches once; any other name is
    a 404 (an older page asking for an older version reloads)."""
    import flask

    @server.get(f"{HOVER_TEXTS_PREFIX}<name>")
    def hover_texts_file(name: str):
        texts = hover_texts(catalog)
        if HOVER_TEXTS_PREFIX + name != texts.path:
            flask.abort(404, "no such hover texts")
        response = flask.Response(texts.body, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def figure_alone(chart: Chart, selection: Selection) -> dict:
    """The chart's figure for a page of its own (the embed page, a static HTML page): the page
    prints the title, so the figure has none, and it takes its box's width."""
    figure = draw(chart, selection)
    figure["layout"].update(title={"text": ""}, autosize=True)
    return figure


def page_drawings(selection: Selection, chart_ids: Iterable[str]) -> dict:
    """{"view": its filters as a query, "charts": {chart id: Drawing}, "empty_summary": the line
    saying how many have nothing under the filters, "hover_texts": the address of the hover
    citations its drawings leave out} for the charts of a page, under the view whose rows are
    ``selection`` (``catalog.select(view)``)."""
    charts = {chart_id: chart_drawing(get_chart(chart_id), selection) for chart_id in chart_ids}
    return {
        "view": view_query(selection.view.filters),
        "charts": charts,
        "empty_summary": empty_summary(charts),
        "hover_texts": hover_texts(selection.catalog).path,
    }


def store_data(drawings: dict) -> dict:
    """``page_drawings`` as the figures store holds it (assets/charts.js reads it): each drawing's
    kept JSON goes into the answer as it is, and the rest as JSON text too (app/frozen.py), so
    the answer needs no escaping when it is sent."""
    return {key: json_text(value).fragment for key, value in drawings.items() if key != "charts"} | {
        "charts": {chart_id: d.fragment for chart_id, d in drawings["charts"].items()}
    }


def empty_summary(drawings: Mapping[str, Drawing]) -> str:
    """'3 charts have no figures under these filters (listed last).', or '' if none."""
    count = sum(1 for drawing in drawings.values() if drawing.empty)
    if not count:
        return ""
    return f"{count} chart{'s have' if count > 1 else ' has'} no figures under these filters (listed last)."
