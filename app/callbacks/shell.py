"""The shell's callbacks: the URL to a page with its charts and controls, the citation card, and
the browser-side wiring of selection, highlight, drawing and the address bar."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from app import ids
from app.callbacks.controls import STATES, outputs
from app.cards import render_citation_card
from app.catalog import Catalog
from app.drawing import page_drawings, store_data
from app.interaction import clean_selection, describe_selection, state_of_url, unchanged_as_no_update
from app.pages import render_page
from app.provenance import find_row
from app.routes import page_of


def register(app, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.FIGURES, "data"),
        *outputs(),
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Output(ids.STATE_NOTE, "children"),
        Output(ids.FILTER_QUERY, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        Input(ids.RESET_FILTERS, "n_clicks"),
        *STATES,
        prevent_initial_call="initial_duplicate",
    )
    def navigate(pathname, search, _reset, *controls):
        """The page a URL names, drawn under its view, with the controls set to that view: one
        round trip. A change of query alone keeps the page and redraws its charts."""
        triggered = ctx.triggered_prop_ids
        state = state_of_url(catalog, "" if ctx.triggered_id == ids.RESET_FILTERS else search)
        page = page_of(pathname)
        drawings = page_drawings(catalog.select(state["view"]), page.chart_ids)
        new_page = not triggered or f"{ids.URL}.pathname" in triggered  # first visit or another path
        return (
            render_page(page, drawings, catalog) if new_page else no_update,
            store_data(drawings),
            *unchanged_as_no_update(state["controls"], controls, no_update),
            state["selection"],
            state["note"],
            state["filter_query"],
        )

    @app.callback(
        Output(ids.CITATION_CARD, "children"),
        Output(ids.SELECTION_SUMMARY, "children"),
        Input(ids.SELECTION, "data"),
    )
    def show_citation(selection):
        selection = clean_selection(selection)
        chosen = selection["ids"]
        info = find_row(catalog, chosen[0]) if chosen else None
        return render_citation_card(info, more=max(len(chosen) - 1, 0)), describe_selection(selection)

    register_browser_side(app)


def register_browser_side(app) -> None:
    """The charts drawn as they come into view (assets/charts.js); the selection from the charts'
    clicks, boxes, lassos and legends (set by charts.js) and the clear button; highlight; URL."""
    app.clientside_callback(
        ClientsideFunction("charts", "receive"),
        Output(ids.HIGHLIGHT_DONE, "data"),
        Input(ids.FIGURES, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("linking", "clear"),
        Output(ids.SELECTION, "data"),
        Input(ids.CLEAR_SELECTION, "n_clicks"),
        Input(ids.CLOSE_CARD, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "toggleFilters"),
        Output(ids.FILTERS, "className"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
        State(ids.FILTERS, "className"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "filtersLabel"),
        Output(ids.FILTERS_TOGGLE, "children"),
        Input(ids.FILTER_QUERY, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("linking", "highlight"),
        Output(ids.HIGHLIGHT_DONE, "data", allow_duplicate=True),
        Input(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("linking", "writeUrl"),
        Output(ids.URL_WRITER, "data"),
        Output(ids.NAV_OVERVIEW, "href"),
        Output(ids.NAV_TABLE, "href"),
        Output(ids.NAV_SOURCES, "href"),
        Input(ids.FILTER_QUERY, "data"),
        Input(ids.SELECTION, "data"),
    )
