"""Thin Dash callbacks: unpack inputs, call app.interaction / the registry, return.

Highlighting across charts and the view switches run in the browser (assets/linking.js).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

from dash import ALL, MATCH, ClientsideFunction, Input, Output, Patch, State, ctx, no_update

from app import ids
from app.cards import render_citation_card
from app.charts import CHARTS, get_chart
from app.interaction import (
    EMPTY_SELECTION,
    clean_selection,
    controls_from_query,
    describe_selection,
    options_from_controls,
    panel_figure,
    selection_from_ids,
    selection_from_key,
    selection_key,
)
from app.layout import render_overview
from app.pages import (
    render_chart_page,
    render_not_found,
    render_sources_list,
    render_sources_page,
    render_table_page,
)
from app.panels import (
    EMPTY_GRAPH_CLASS,
    GRAPH_CLASS,
    PanelDrawing,
    render_rows_table,
    render_sources_view,
)
from app.provenance import find_row, sources_index, table_records
from app.state import build_query

FILTERS = [
    Input(ids.CATEGORY, "value"),
    Input(ids.ESSAY, "value"),
    Input(ids.SUBJECT, "value"),
    Input(ids.YEARS, "value"),
    Input(ids.CONTEXT, "value"),
]
CONTROL_OUTPUTS = [
    Output(ids.CATEGORY, "value"),
    Output(ids.ESSAY, "value"),
    Output(ids.SUBJECT, "value"),
    Output(ids.YEARS, "value"),
    Output(ids.CONTEXT, "value"),
]


def unchanged_as_no_update(wanted, current) -> tuple:
    """Each wanted value, or no_update where it equals the current one."""
    return tuple(no_update if new == old else new for new, old in zip(wanted, current, strict=True))


def register_callbacks(app, dataset, vocabulary) -> Callable[[], None]:
    """Register every callback; returns a function that draws the default view's charts ahead
    of the first visitor (its figures then come from the cache)."""

    @lru_cache(maxsize=512)
    def build_panel_once(chart_id: str, options, key: tuple) -> PanelDrawing:
        """Built figures are pure functions of their inputs: build each combination once.

        The graph's box takes the figure's height; its width follows the page (responsive)."""
        figure, line = panel_figure(get_chart(chart_id), dataset, options, selection_from_key(key))
        style = {"height": f"{figure.layout.height or 450}px"}
        return PanelDrawing(figure.to_dict(), line, style, GRAPH_CLASS if figure.data else EMPTY_GRAPH_CLASS)

    building = threading.Lock()

    def build_panel(chart_id: str, options, key: tuple) -> PanelDrawing:
        # One build at a time (the GIL allows no more): a request that wants a figure the warm-up
        # thread is building waits for it and takes it from the cache instead of building it too.
        with building:
            return build_panel_once(chart_id, options, key)

    def options_of(categories, essays, subjects, years, context, selection=None):
        return options_from_controls(categories, essays, subjects, years, context, selection, vocabulary)

    def drawer_for(search: str | None) -> Callable[[str], PanelDrawing]:
        """Draws a chart under the view a URL query names, exactly as draw_chart will once
        restore_state has set the controls from that query (same options, same cache entry)."""
        state = controls_from_query(dataset, vocabulary, search)
        controls = [state[name] for name in ("categories", "essays", "subjects", "years", "context")]
        options = options_of(*controls, state["selection"])
        key = selection_key(state["selection"])
        return lambda chart_id: build_panel(chart_id, options, key)

    @app.callback(
        *CONTROL_OUTPUTS,
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Output(ids.STATE_NOTE, "children"),
        Input(ids.URL, "search"),
        Input(ids.RESET_FILTERS, "n_clicks"),
        *(State(output.component_id, output.component_property) for output in CONTROL_OUTPUTS),
        State(ids.SELECTION, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def restore_state(search, _reset, *current):
        state = controls_from_query(
            dataset, vocabulary, "" if ctx.triggered_id == ids.RESET_FILTERS else search
        )
        wanted = (
            state["categories"],
            state["essays"],
            state["subjects"],
            state["years"],
            state["context"],
            state["selection"],
        )
        # Setting a control to the value it has would redraw every chart for nothing: on a plain
        # visit the URL holds the defaults the layout already shows.
        return (*unchanged_as_no_update(wanted, current), state["note"])

    @app.callback(
        Output(ids.QUERY, "data"),
        Output(ids.NAV_OVERVIEW, "href"),
        Output(ids.NAV_TABLE, "href"),
        Output(ids.NAV_SOURCES, "href"),
        *FILTERS,
        Input(ids.SELECTION, "data"),
    )
    def write_query(categories, essays, subjects, years, context, selection):
        query = build_query(options_of(categories, essays, subjects, years, context, selection))
        suffix = f"?{query}" if query else ""
        return query, f"/{suffix}", f"/table{suffix}", f"/sources{suffix}"

    @app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))
    def route(pathname, search):
        """The page, with its charts already drawn under the URL's view: one round trip, not one
        per chart (the controls may not hold that view yet; restore_state sets them in parallel)."""
        path = (pathname or "/").rstrip("/") or "/"
        if path == "/":
            draw = drawer_for(search)
            return render_overview({chart.id: draw(chart.id) for chart in CHARTS})
        if path == "/table":
            return render_table_page()
        if path == "/sources":
            return render_sources_page()
        if path.startswith("/chart/"):
            return render_chart_page(path.removeprefix("/chart/"), drawer_for(search))
        return render_not_found(f"There is no page at {path}.")

    @app.callback(
        Output(ids.graph(MATCH), "figure"),
        Output(ids.source_line(MATCH), "children"),
        Output(ids.graph(MATCH), "style"),
        Output(ids.graph(MATCH), "className"),
        *FILTERS,
        State(ids.SELECTION, "data"),
        State(ids.graph(MATCH), "id"),
        prevent_initial_call=True,  # route draws a page's charts; this redraws them when filters change
    )
    def draw_chart(categories, essays, subjects, years, context, selection, graph_id):
        options = options_of(categories, essays, subjects, years, context, selection)
        return build_panel(graph_id["chart"], options, selection_key(selection))

    @app.callback(
        Output(ids.alt_view(MATCH), "children"),
        Input(ids.view(MATCH), "data"),
        *FILTERS,
        State(ids.QUERY, "data"),
        State(ids.view(MATCH), "id"),
        prevent_initial_call=True,  # every panel opens on its chart: nothing to fetch until switched
    )
    def draw_alt_view(view, categories, essays, subjects, years, context, query, view_id):
        if view == "chart":
            return None
        chart = get_chart(view_id["chart"])
        options = options_of(categories, essays, subjects, years, context)
        rows = chart.rows(dataset, options)
        if view == "table":
            return render_rows_table(rows)
        return render_sources_view(
            chart, rows, chart.build(dataset, options).layout.meta["source_line"], query
        )

    @app.callback(
        Output(ids.CITATION_CARD, "children"),
        Output(ids.SELECTION_SUMMARY, "children"),
        Input(ids.SELECTION, "data"),
    )
    def show_citation(selection):
        selection = clean_selection(selection)
        chosen = selection["ids"]
        info = find_row(dataset, chosen[0]) if chosen else None
        return render_citation_card(info, more=max(len(chosen) - 1, 0)), describe_selection(selection)

    @app.callback(Output(ids.TABLE_GRID, "rowData"), Output(ids.TABLE_COUNT, "children"), *FILTERS)
    def fill_table(categories, essays, subjects, years, context):
        records = table_records(dataset, options_of(categories, essays, subjects, years, context))
        return records, f"{len(records)} figures"

    @app.callback(
        Output(ids.TABLE_GRID, "dashGridOptions"), Input(ids.TABLE_SEARCH, "value"), prevent_initial_call=True
    )
    def search_table(text):
        patched = Patch()
        patched["quickFilterText"] = text or ""
        return patched

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.TABLE_GRID, "cellClicked"),
        prevent_initial_call=True,
    )
    def select_table_row(cell):
        row_id = cell.get("rowId") if isinstance(cell, dict) else None
        return selection_from_ids(dataset, [row_id]) if isinstance(row_id, str) else EMPTY_SELECTION

    @app.callback(
        Output(ids.TABLE_GRID, "exportDataAsCsv"),
        Input(ids.TABLE_EXPORT, "n_clicks"),
        prevent_initial_call=True,
    )
    def export_table(_clicks):
        return True

    @app.callback(Output(ids.SOURCES_LIST, "children"), *FILTERS, State(ids.QUERY, "data"))
    def list_sources(categories, essays, subjects, years, context, query):
        entries = sources_index(dataset, options_of(categories, essays, subjects, years, context))
        return render_sources_list(entries, query or "")

    # Browser-side: selection from clicks, boxes, lassos and legends; highlight; URL; view switch.
    app.clientside_callback(
        ClientsideFunction("linking", "selectionFromEvents"),
        Output(ids.SELECTION, "data"),
        Input(ids.graph(ALL), "clickData"),
        Input(ids.graph(ALL), "selectedData"),
        Input(ids.graph(ALL), "restyleData"),
        Input(ids.CLEAR_SELECTION, "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "highlight"),
        Output(ids.HIGHLIGHT_DONE, "data"),
        Input(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "writeUrl"),
        Output(ids.URL_WRITER, "data"),
        Input(ids.QUERY, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("linking", "pickView"),
        Output(ids.view(MATCH), "data"),
        Output(ids.view_option(MATCH, ALL), "aria-pressed"),
        Input(ids.view_option(MATCH, ALL), "n_clicks"),
        State(ids.view_option(MATCH, ALL), "id"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "toggleView"),
        Output(ids.chart_box(MATCH), "style"),
        Input(ids.view(MATCH), "data"),
    )

    def draw_default_view() -> None:
        draw = drawer_for("")
        for chart in CHARTS:
            draw(chart.id)

    return draw_default_view
