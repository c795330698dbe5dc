"""The page each path names: the overview, /chart/<id>, /table and /sources under the same
filters; /figure/<id>, /about and /coverage; and a gentle not-found."""

from __future__ import annotations

from functools import lru_cache

import dash_ag_grid as dag
import orjson
from dash import dcc, html

from app import ids
from app.about_page import render_about_skeleton
from app.catalog import Catalog
from app.charts import CHARTS
from app.coverage_page import render_coverage_page
from app.drawing import Drawing
from app.embed import public_url
from app.figure_page import render_figure_skeleton
from app.frozen import Raw, Template, frozen, with_props
from app.layout import render_overview
from app.panels import drawing_values, slotted_panel, view_values
from app.routes import Page

GRID_COLUMNS = [
    {"field": "value_text", "headerName": "Figure as printed", "pinned": "left", "width": 190},
    {  # a link to the figure's own page, where it is cited: assets/cite.js draws it
        "field": "figure_id",
        "colId": "page",
        "headerName": "Cite",
        "cellRenderer": "FigurePageLink",
        "pinned": "left",
        "width": 80,
        "sortable": False,
        "filter": False,
    },
    {"field": "indicator_title", "headerName": "Measures", "width": 220},
    {"field": "subject", "headerName": "Subject", "width": 220},
    {"field": "period", "headerName": "Period", "width": 150},
    {"field": "category", "headerName": "Category", "width": 110},
    {"field": "essay_name", "headerName": "Essay", "width": 140},
    {"field": "footnote", "headerName": "Fn.", "width": 70, "filter": "agNumberColumnFilter"},
    {"field": "cited_source", "headerName": "Cited source", "width": 260},
    {"field": "quote_text", "headerName": "Quote (verbatim)", "width": 420, "wrapText": False},
    {"field": "value", "headerName": "Value", "width": 95, "filter": "agNumberColumnFilter"},
    {"field": "value_high", "headerName": "High", "width": 85, "filter": "agNumberColumnFilter"},
    {"field": "unit", "headerName": "Unit", "width": 100},
    {"field": "qualifier", "headerName": "Qualifier", "width": 110},
    {"field": "flag", "headerName": "Flag", "width": 130},
    {"field": "note", "headerName": "Curator's note", "width": 300},
    {"field": "cited_url", "headerName": "Cited URL", "width": 240},
    {"field": "figure_id", "headerName": "Figure id", "width": 240},
]


def render_table_page() -> html.Div:
    return html.Div(
        className="page page-table",
        children=[
            html.H1("All figures, under the current filters"),
            html.P(
                "Search any column, sort by clicking a header, and download exactly what the grid shows "
                "as CSV. Click a row (or press Enter on it) for its full citation; “Cite” opens its page. "
                "External reference data is never mixed in here.",
                className="lead",
            ),
            html.Div(
                className="table-tools",
                children=[
                    dcc.Input(
                        id=ids.TABLE_SEARCH,
                        type="search",
                        placeholder="Search figures, quotes, sources…",
                        debounce=False,
                        className="table-search",
                    ),
                    html.Button("Download CSV", id=ids.TABLE_EXPORT, className="button"),
                    html.Span(id=ids.TABLE_COUNT, className="muted"),
                ],
            ),
            dag.AgGrid(
                id=ids.TABLE_GRID,
                columnDefs=GRID_COLUMNS,
                rowData=[],
                getRowId="params.data.figure_id",
                defaultColDef={"sortable": True, "filter": True, "resizable": True},
                dashGridOptions={
                    "pagination": True,
                    "paginationPageSize": 50,
                    "tooltipShowDelay": 300,
                    "enableCellTextSelection": True,
                    "ensureDomOrder": True,
                },
                csvExportParams={"fileName": "sino-russian-figures.csv"},
                className="ag-theme-alpine figures-grid",
                style={"height": "68vh", "width": "100%"},
            ),
        ],
    )


def render_sources_page() -> html.Div:
    return html.Div(
        className="page page-sources",
        children=[
            html.H1("Sources, and the figures resting on each"),
            html.P(
                "Each entry is one footnote of one essay (or the author's own statement), with the source "
                "it cites and every figure, exercise and event that rests on it. Click a figure to see it "
                "highlighted on the overview.",
                className="lead",
            ),
            html.Div(id=ids.SOURCES_LIST),
        ],
    )


def render_sources_list(entries: list[dict], query: str = "") -> list:
    if not entries:
        return [html.P("No sources under the current filters.", className="muted")]
    out = []
    for entry in entries:
        note = f"fn. {entry['footnote']}" if entry["footnote"] else "no footnote"
        url = entry["cited_url"]
        items = [
            html.Li(
                [
                    dcc.Link(
                        item["item_text"] or item["row_id"],
                        href=f"/?select={item['row_id']}" + (f"&{query}" if query else ""),
                    ),
                    html.Span(f" · {item['period']} · {item['item_kind']}", className="muted"),
                ]
            )
            for item in entry["items"]
        ]
        out.append(
            html.Article(
                className="source-entry",
                children=[
                    html.H3([entry["essay_name"], html.Span(f" · {note}", className="muted")]),
                    html.P(entry["cited_source"], className="source-cited"),
                    html.P(entry["footnote_text"], className="source-footnote")
                    if entry["footnote_text"]
                    else None,
                    html.A(url, href=url, target="_blank", rel="noopener noreferrer", className="card-url")
                    if url
                    else None,
                    html.Ul(items, className="source-items"),
                ],
            )
        )
    return out


def render_chart_page(chart_id: str, drawing: Drawing, query: str = "") -> Raw:
    """One chart alone, as JSON text (app/frozen.py), made as the overview is: one template with
    its panel in it, filled with the drawing's values and the view's."""
    template = _chart_page_template(chart_id, bool(query), public_url())
    return template.fill(**drawing_values(chart_id, drawing), **view_values(query))


def chart_page_part(panel: dict) -> dict:
    """The chart's page (frozen) around its panel (app/panels.py): what ``render_chart_page`` writes."""
    return with_props(frozen(html.Div(className="page page-chart")), children=[panel])


@lru_cache(maxsize=64)  # per chart, whether under a view, and public address
def _chart_page_template(chart_id: str, under_a_view: bool, public: str) -> Template:
    return Template.of(chart_page_part(slotted_panel(chart_id, True, under_a_view, public)))


def render_page(page: Page, drawings: dict, catalog: Catalog) -> orjson.Fragment | html.Div:
    """The page a path names, its charts' boxes sized by their drawings; the chart pages as the
    JSON text their templates write."""
    if page.kind == "overview":
        return render_overview(drawings["charts"], drawings["view"], drawings["empty_summary"]).fragment
    if page.kind == "chart":
        chart_id = page.chart_ids[0]
        return render_chart_page(chart_id, drawings["charts"][chart_id], drawings["view"]).fragment
    if page.kind == "table":
        return render_table_page()
    if page.kind == "sources":
        return render_sources_page()
    if page.kind == "figure":
        return render_figure_skeleton(page.row_id)
    if page.kind == "about":
        return render_about_skeleton()
    if page.kind == "coverage":
        return render_coverage_page(catalog.coverage, catalog.version)
    return render_not_found(page.message)


def render_not_found(message: str) -> html.Div:
    return html.Div(
        className="page page-missing",
        children=[
            html.H1("Nothing here"),
            html.P([message, " Here is what there is:"]),
            html.Ul(
                [
                    html.Li(dcc.Link("Overview of every chart", href="/")),
                    html.Li(dcc.Link("Table of figures", href="/table")),
                    html.Li(dcc.Link("Sources", href="/sources")),
                    html.Li(dcc.Link("About the data, and how to cite it", href="/about")),
                    html.Li(dcc.Link("Every number in the reports, accounted for", href="/coverage")),
                ]
                + [html.Li(dcc.Link(c.title, href=f"/chart/{c.id}")) for c in CHARTS]
            ),
        ],
    )
