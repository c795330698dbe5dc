"""One panel per registry chart: title, one-line summary, chart / table / sources switch, source line."""

from __future__ import annotations

from typing import NamedTuple

from dash import dcc, html

from app import ids
from app.charts import Chart
from app.citations import clean_quote, format_figure_value, text_of

try:  # the export helper's modebar config and download routes, when present
    from app.export.config import download_links, graph_config
except ImportError:  # pragma: no cover - exports not installed
    download_links = graph_config = None

VIEW_OPTIONS = [
    {"label": "Chart", "value": "chart"},
    {"label": "Table", "value": "table"},
    {"label": "Sources", "value": "sources"},
]
FIRST_VIEW = "chart"
GRAPH_CLASS = "chart-graph"
EMPTY_GRAPH_CLASS = "chart-graph chart-empty"  # app.css folds a panel with nothing to draw


class PanelDrawing(NamedTuple):
    """A chart as drawn under some view: its figure (as a dict), source line, graph style and
    class (EMPTY_GRAPH_CLASS when no figure matches the view)."""

    figure: dict
    source_line: str
    style: dict
    class_name: str = GRAPH_CLASS


def chart_graph_config(chart: Chart) -> dict:
    """Offline maps (topojson from /assets), box and lasso kept for linking, no plotly logo."""
    config = graph_config(chart) if graph_config else {"displaylogo": False, "responsive": True}
    config = dict(config)
    config["topojsonURL"] = "/assets/topojson/"
    config["modeBarButtonsToRemove"] = ["autoScale2d", "toggleSpikelines"]
    config["displaylogo"] = False
    config["responsive"] = True  # width follows the page; the box height is set to the figure's
    return config


def render_view_switch(chart: Chart) -> html.Div:
    """Chart / Table / Sources as a group of toggle buttons (aria-pressed), and the chosen view in
    a store: Dash 4's RadioItems nest inputs in role=option labels, which screen readers garble.
    assets/linking.js (pickView) moves the pressed state and the store on a click."""
    buttons = [
        html.Button(
            option["label"],
            id=ids.view_option(chart.id, option["value"]),
            type="button",
            className="view-option",
            **{"aria-pressed": "true" if option["value"] == FIRST_VIEW else "false"},
        )
        for option in VIEW_OPTIONS
    ]
    return html.Div(
        className="view-switch",
        role="group",
        **{"aria-label": f"Show “{chart.title}” as"},
        children=[*buttons, dcc.Store(id=ids.view(chart.id), data=FIRST_VIEW)],
    )


def render_panel(chart: Chart, drawing: PanelDrawing, standalone: bool = False) -> html.Section:
    """The panel with its chart drawn: the page arrives with its figures and the browser plots
    them at once, without a callback round trip per chart."""
    heading = html.H1 if standalone else html.H2
    links = (
        []
        if standalone
        else [dcc.Link("Open this chart alone ↗", href=f"/chart/{chart.id}", className="panel-link")]
    )
    return html.Section(
        className="panel",
        id=f"panel-{chart.id}",
        **{"data-chart": chart.id},
        children=[
            html.Header(
                className="panel-head",
                children=[
                    heading(chart.title, className="panel-title"),
                    html.P(chart.summary, className="panel-summary"),
                ],
            ),
            html.Div(
                className="panel-controls",
                children=[
                    render_view_switch(chart),
                    *links,
                ],
            ),
            html.Div(
                id=ids.chart_box(chart.id),
                className="chart-box",
                children=dcc.Loading(
                    type="dot",
                    delay_show=400,
                    color="#0072B2",
                    children=dcc.Graph(
                        id=ids.graph(chart.id),
                        config=chart_graph_config(chart),
                        responsive=True,
                        style=drawing.style,
                        className=drawing.class_name,
                        figure=drawing.figure,
                    ),
                ),
            ),
            html.Div(id=ids.alt_view(chart.id), className="alt-view"),
            html.P(drawing.source_line, id=ids.source_line(chart.id), className="source-line"),
        ],
    )


def render_rows_table(rows) -> html.Div:
    """The chart's rows as a plain HTML table (small; the full grid lives on /table)."""
    if rows.empty:
        return html.P("No rows under the current filters.", className="muted")
    header = html.Tr([html.Th(h) for h in ("Figure", "Subject", "Period", "Source", "Quote or evidence")])
    body = []
    for row in rows.to_dict("records"):
        external = bool(row.get("is_external")) is True
        value = row.get("value")
        shown = f"{value:g} {text_of(row, 'unit')}" if external else format_figure_value(row)
        source = (
            f"External: {text_of(row, 'publisher')}"
            if external
            else f"{text_of(row, 'essay_name')}"
            + (f", fn. {int(row['footnote'])}" if text_of(row, "footnote") else "")
        )
        quote = text_of(row, "evidence") if external else clean_quote(text_of(row, "quote"))
        body.append(
            html.Tr(
                className="row-external" if external else "",
                children=[
                    html.Td(shown),
                    html.Td(text_of(row, "subject") or text_of(row, "series_title")),
                    html.Td(text_of(row, "period")),
                    html.Td(source),
                    html.Td(quote, className="quote-cell"),
                ],
            )
        )
    return html.Div(  # scrolls: focusable and named, so keyboard users can scroll it too
        className="rows-table-wrap",
        tabIndex="0",
        role="region",
        **{"aria-label": "Figures behind this chart"},
        children=html.Table(className="rows-table", children=[html.Thead(header), html.Tbody(body)]),
    )


def render_sources_view(chart: Chart, rows, line: str, query: str = "") -> html.Div:
    """Every source behind the chart, and a ready citation text; downloads when exports exist."""
    items = []
    if not rows.empty:
        seen = set()
        for row in rows.to_dict("records"):
            external = bool(row.get("is_external")) is True
            key = (
                (text_of(row, "publisher"),)
                if external
                else (text_of(row, "essay"), text_of(row, "footnote"))
            )
            if key in seen:
                continue
            seen.add(key)
            url = text_of(row, "source_url" if external else "cited_url")
            label = (
                f"External data: {text_of(row, 'publisher')}"
                if external
                else f"{text_of(row, 'essay_name')}"
                + (f", fn. {int(row['footnote'])}" if text_of(row, "footnote") else "")
                + f": {text_of(row, 'cited_source')}"
            )
            items.append(
                html.Li(
                    [label, " ", html.A("link", href=url, target="_blank", rel="noopener") if url else ""]
                )
            )
    citation = f"“{chart.title}”, Sino-Russian relations in figures (dashboard). {line}"
    children = [
        html.H3("Sources"),
        html.Ul(items, className="source-list"),
        html.H3("Cite this chart"),
        html.Div(
            className="card-cite",
            children=[html.Code(citation), dcc.Clipboard(content=citation, className="copy")],
        ),
    ]
    if download_links:
        children += [
            html.H3("Download"),
            html.Ul(
                [html.Li(html.A(label, href=href)) for label, href in download_links(chart, query)],
                className="download-list",
            ),
        ]
    return html.Div(children, className="sources-view")
