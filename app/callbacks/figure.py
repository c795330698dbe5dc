"""The /figure/<id> and /about pages' callbacks: the browser says its own address and date
(assets/cite.js), then the page is rendered with absolute permalinks for that reader.

Each server callback is a pure function of its request: the access date is the reader's (checked
against the server's), the base of every link the configured $SRI_PUBLIC_URL or the origin the
browser reports, never the Host header."""

from __future__ import annotations

import datetime

from dash import ClientsideFunction, Input, Output, State

from app.about_page import ABOUT_BODY, ABOUT_CONTEXT, ABOUT_PAGE, render_about_body
from app.catalog import Catalog
from app.cite import works_of
from app.embed import public_url
from app.figure_page import (
    FIGURE_BODY,
    FIGURE_CONTEXT,
    FIGURE_ROW,
    page_context,
    render_figure_body,
    render_row_missing,
)
from app.routes import ROW_IDS_CONFIG


def register(app, catalog: Catalog, dataset) -> None:
    app.server.config[ROW_IDS_CONFIG] = catalog.vocabulary.row_ids  # app.routes.page_of reads them
    works = works_of(dataset.sources)

    app.clientside_callback(
        ClientsideFunction("cite", "context"), Output(FIGURE_CONTEXT, "data"), Input(FIGURE_ROW, "data")
    )
    app.clientside_callback(
        ClientsideFunction("cite", "context"), Output(ABOUT_CONTEXT, "data"), Input(ABOUT_PAGE, "data")
    )

    @app.callback(Output(FIGURE_BODY, "children"), Input(FIGURE_CONTEXT, "data"), State(FIGURE_ROW, "data"))
    def show_figure(reported, row_id):
        row = catalog.row(row_id)
        if row is None:
            return render_row_missing(row_id)
        context = page_context(reported, public_url(), datetime.date.today())
        return render_figure_body(catalog, works, row, context, dataset.version)

    @app.callback(Output(ABOUT_BODY, "children"), Input(ABOUT_CONTEXT, "data"))
    def show_about(reported):
        return render_about_body(
            catalog, dataset, page_context(reported, public_url(), datetime.date.today())
        )
