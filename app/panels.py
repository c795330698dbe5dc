"""One panel per registry chart: title, one-line summary, chart / table / sources switch, source line.

The chart itself is drawn in the browser (assets/charts.js) from the page's drawings; the panel
reserves its height from the first layout, so nothing moves when the figure arrives.
"""

from __future__ import annotations

from functools import cache, lru_cache
from html import escape as html_escape

from dash import dcc, html

from app import ids
from app.charts import Chart, get_chart
from app.citations import clean_quote, text_of
from app.drawing import Drawing
from app.embed import EMBED_CHROME_PX, iframe_code
from app.frozen import Raw, frozen, json_text, slot, with_props
from app.paths import EMBED_PREFIX, figure_path
from app.share import render_share

VIEW_OPTIONS = [
    {"label": "Chart", "value": "chart"},
    {"label": "Table", "value": "table"},
    {"label": "Sources", "value": "sources"},
]
FIRST_VIEW = "chart"
GRAPH_CLASS = "chart-graph"
EMPTY_GRAPH_CLASS = "chart-graph chart-empty"  # app.css folds a panel with nothing to draw


def graph_style(height: int) -> dict:
    return {"height": f"{height}px"}


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


def panel_part(
    chart: Chart,
    graph_class: str,
    graph_style: dict | str,
    source_line: str,
    snippet: str,
    query: str,
    standalone: bool,
) -> dict:
    """The panel (frozen) with the view's values set: what the pages' templates write of it
    (``slotted_panel``)."""
    parts = _panel_parts(chart.id, standalone)
    graph = with_props(parts["graph"], className=graph_class, style=graph_style)
    return with_props(
        parts["section"],
        children=[
            *parts["head"],
            with_props(parts["box"], children=graph),
            *parts["alt"],
            with_props(parts["source"], children=source_line),
            render_share(chart, query, snippet),
        ],
    )


def slotted_panel(chart_id: str, standalone: bool, under_a_view: bool, public: str) -> dict:
    """The panel (frozen) with a slot for each value a view sets: those of its drawing
    (``drawing_values``, named for the chart, so every panel of a page can share one template)
    and the view's own (``view_values``: the links' query, only under a view, since with none they
    carry no '?'; the embed code's, under the public address ``public``)."""
    chart = get_chart(chart_id)
    names = {name: slot(f"{name}-{chart_id}") for name in DRAWING_VALUES}
    frame = html_escape(public + f"{EMBED_PREFIX}{chart_id}") + slot("frame_query")
    return panel_part(
        chart,
        names["graph_class"],
        names["graph_style"],
        names["source_line"],
        iframe_code(chart, frame, names["frame_height"]),
        slot("query") if under_a_view else "",
        standalone,
    )


DRAWING_VALUES = ("graph_class", "graph_style", "source_line", "frame_height")


def drawing_values(chart_id: str, drawing: Drawing) -> dict[str, Raw]:
    """What a panel shows of its chart's drawing, as JSON text for its slots (``slotted_panel``)."""
    return _drawing_values(chart_id, drawing.empty, drawing.height, drawing.source_line)


@lru_cache(maxsize=4096)  # a few hundred bytes each; views share drawings, and so these
def _drawing_values(chart_id: str, empty: bool, height: int, source_line: str) -> dict[str, Raw]:
    values = {
        "graph_class": EMPTY_GRAPH_CLASS if empty else GRAPH_CLASS,
        "graph_style": graph_style(height),
        "source_line": source_line,
        "frame_height": str(height + EMBED_CHROME_PX),
    }
    return {f"{name}-{chart_id}": json_text(value) for name, value in values.items()}


def view_values(query: str) -> dict[str, Raw]:
    """What the panels show of the view itself, as JSON text for their slots: the query its
    links carry, and the embed code's (HTML-escaped, with its '?')."""
    return {"query": json_text(query), "frame_query": json_text(html_escape(f"?{query}") if query else "")}


@cache
def _panel_parts(chart_id: str, standalone: bool) -> dict:
    """A chart's panel, in its parts, under no view: frozen once."""
    chart = get_chart(chart_id)
    heading = html.H1 if standalone else html.H2
    links = (
        []
        if standalone
        else [dcc.Link("Open this chart alone ↗", href=f"/chart/{chart.id}", className="panel-link")]
    )
    return frozen(
        {
            "section": html.Section(
                className="panel",
                id=f"panel-{chart.id}",
                **{"data-chart": chart.id, "aria-labelledby": f"title-{chart.id}"},
            ),
            "head": [
                html.Header(
                    className="panel-head",
                    children=[
                        heading(chart.title, className="panel-title", id=f"title-{chart.id}"),
                        html.P(chart.summary, className="panel-summary"),
                    ],
                ),
                html.Div(className="panel-controls", children=[render_view_switch(chart), *links]),
            ],
            "box": html.Div(id=ids.chart_box(chart.id), className="chart-box"),
            "graph": html.Div(
                id=ids.graph(chart.id),
                className=GRAPH_CLASS,
                role="figure",
                **{"aria-label": f"{chart.title}. {chart.summary}", "data-chart": chart.id},
            ),
            "alt": [
                html.Div(id=ids.alt_view(chart.id), className="alt-view"),
                dcc.Store(id=ids.alt_request(chart.id)),
            ],
            "source": html.P(id=ids.source_line(chart.id), className="source-line"),
        }
    )


def render_rows_table(rows) -> html.Div:
    """The chart's rows as a plain HTML table (small; the full grid lives on /table)."""
    if rows.empty:
        return html.P("No rows under the current filters.", className="muted")
    header = html.Tr(
        [html.Th(h) for h in ("Figure", "Subject", "Period", "Source", "Quote or evidence", "Cite")]
    )
    body = []
    for row in rows.to_dict("records"):
        external = bool(row.get("is_external")) is True
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
                    html.Td(text_of(row, "value_text")),
                    html.Td(text_of(row, "subject") or text_of(row, "series_title")),
                    html.Td(text_of(row, "period")),
                    html.Td(source),
                    html.Td(quote, className="quote-cell"),
                    html.Td(
                        dcc.Link(
                            [
                                "Cite",
                                html.Span(f" {text_of(row, 'value_text')}", className="visually-hidden"),
                            ],
                            href=figure_path(text_of(row, "row_id")),
                        )
                    ),
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


def render_sources_view(chart: Chart, rows, line: str) -> html.Div:
    """Every source behind the chart and a ready citation text (its downloads are in the share
    box below)."""
    items = []
    seen = set()
    for row in rows.to_dict("records"):
        external = bool(row.get("is_external")) is True
        key = (text_of(row, "publisher"),) if external else (text_of(row, "essay"), text_of(row, "footnote"))
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
            html.Li([label, " ", html.A("link", href=url, target="_blank", rel="noopener") if url else ""])
        )
    citation = f"“{chart.title}”, Sino-Russian relations in figures (dashboard). {line}"
    return html.Div(
        className="sources-view",
        children=[
            html.H3("Sources"),
            html.Ul(items, className="source-list"),
            html.H3("Cite this chart"),
            html.Div(
                className="card-cite",
                children=[html.Code(citation), dcc.Clipboard(content=citation, className="copy")],
            ),
        ],
    )
