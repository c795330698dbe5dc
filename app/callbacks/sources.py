"""The /sources page: each footnote of each essay, with every figure resting on it."""

from __future__ import annotations

from dash import Output

from app import ids
from app.callbacks.controls import INPUTS
from app.catalog import Catalog
from app.interaction import view_of_controls
from app.pages import render_sources_list
from app.provenance import sources_index
from app.view import view_query


def register(app, catalog: Catalog) -> None:
    @app.callback(Output(ids.SOURCES_LIST, "children"), *INPUTS)
    def list_sources(categories, essays, subjects, years, context):
        view = view_of_controls(categories, essays, subjects, years, context, catalog.vocabulary).view
        return render_sources_list(sources_index(catalog, view), view_query(view))
