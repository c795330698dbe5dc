"""The /table page: every figure under the filters in a searchable grid; a row opens its card."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, Patch, State

from app import ids
from app.callbacks.controls import INPUTS
from app.catalog import Catalog
from app.interaction import EMPTY_SELECTION, selection_from_ids, view_of_controls
from app.provenance import table_records


def register(app, catalog: Catalog) -> None:
    @app.callback(Output(ids.TABLE_GRID, "rowData"), *INPUTS)
    def fill_table(categories, essays, subjects, years, context):
        view = view_of_controls(categories, essays, subjects, years, context, catalog.vocabulary).view
        return table_records(catalog, view)

    # The counter counts the rows the grid shows (after its search), in the browser.
    app.clientside_callback(
        ClientsideFunction("linking", "countRows"),
        Output(ids.TABLE_COUNT, "children"),
        Input(ids.TABLE_GRID, "virtualRowData"),
        State(ids.TABLE_GRID, "rowData"),
    )

    @app.callback(
        Output(ids.TABLE_GRID, "dashGridOptions"), Input(ids.TABLE_SEARCH, "value"), prevent_initial_call=True
    )
    def search_table(text):
        patched = Patch()
        patched["quickFilterText"] = text if isinstance(text, str) else ""
        return patched

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.TABLE_GRID, "cellClicked"),
        prevent_initial_call=True,
    )
    def select_table_row(cell):
        row_id = cell.get("rowId") if isinstance(cell, dict) else None
        return selection_from_ids(catalog, [row_id]) if isinstance(row_id, str) else dict(EMPTY_SELECTION)

    @app.callback(
        Output(ids.TABLE_GRID, "exportDataAsCsv"),
        Input(ids.TABLE_EXPORT, "n_clicks"),
        prevent_initial_call=True,
    )
    def export_table(_clicks):
        return True
