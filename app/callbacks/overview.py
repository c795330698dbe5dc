"""The chart pages' callbacks: one round trip per filter change for every chart on the page, and
the table / sources view of a panel, fetched only while it is open."""

from __future__ import annotations

from dash import ALL, MATCH, ClientsideFunction, Input, Output, State, no_update

from app import ids
from app.callbacks.controls import INPUTS
from app.catalog import Catalog
from app.charts import CHARTS, chart_rows, get_chart
from app.citations import source_line
from app.drawing import page_drawings, store_data
from app.interaction import EMPTY_SELECTION, is_shown, view_of_controls
from app.panels import render_rows_table, render_sources_view
from app.routes import page_of
from app.view import parse_query, view_query


def register(app, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.FIGURES, "data", allow_duplicate=True),
        Output(ids.FILTER_QUERY, "data", allow_duplicate=True),
        Output(ids.SELECTION, "data", allow_duplicate=True),
        *INPUTS,
        State(ids.URL, "pathname"),
        State(ids.FILTER_QUERY, "data"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    def redraw(categories, essays, subjects, years, context, pathname, drawn_query, selection):
        """Every chart of the page under the new filters, in one answer; the browser draws those
        in view at once and the rest as they come into view. A selection the filters hide goes."""
        view = view_of_controls(categories, essays, subjects, years, context, catalog.vocabulary).view
        query = view_query(view)
        if query == drawn_query:  # the controls were set to the view the page was drawn for
            return no_update, no_update, no_update
        rows = catalog.select(view)
        kept = no_update if is_shown(rows, selection) else dict(EMPTY_SELECTION)
        return store_data(page_drawings(rows, page_of(pathname).chart_ids)), query, kept

    # An open table / sources view asks for its rows when it opens and when the filters change;
    # a closed one asks for nothing (assets/linking.js, altRequest).
    app.clientside_callback(
        ClientsideFunction("linking", "altRequest"),
        Output(ids.alt_request(MATCH), "data"),
        Output(ids.alt_view(MATCH), "style"),
        Output(ids.chart_box(MATCH), "style"),
        Input(ids.view(MATCH), "data"),
        Input(ids.FILTER_QUERY, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.alt_view(MATCH), "children"),
        Input(ids.alt_request(MATCH), "data"),
        State(ids.alt_request(MATCH), "id"),
        prevent_initial_call=True,
    )
    def draw_alt_view(request, request_id):
        if not isinstance(request, dict) or request.get("view") not in ("table", "sources"):
            return None
        chart_id = request_id.get("chart") if isinstance(request_id, dict) else None
        if chart_id not in {chart.id for chart in CHARTS}:
            return None
        chart = get_chart(chart_id)
        view = parse_query(request.get("query"), catalog.vocabulary).view
        rows = chart_rows(chart, catalog.select(view))
        if request["view"] == "table":
            return render_rows_table(rows.frame())
        return render_sources_view(chart, rows.frame(), source_line(rows.own, rows.reference))

    app.clientside_callback(
        ClientsideFunction("linking", "pickView"),
        Output(ids.view(MATCH), "data"),
        Output(ids.view_option(MATCH, ALL), "aria-pressed"),
        Input(ids.view_option(MATCH, ALL), "n_clicks"),
        State(ids.view_option(MATCH, ALL), "id"),
        prevent_initial_call=True,
    )
