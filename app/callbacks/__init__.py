"""The dashboard's callbacks, one module per part of the page. Each is thin: it unpacks its
inputs, calls plain functions (app.interaction, app.drawing, app.provenance) and returns.

Highlighting across charts, drawing the charts as they come into view, the URL and the view
switches run in the browser (assets/linking.js, assets/charts.js).
"""

from __future__ import annotations

from app.callbacks import figure, overview, shell, sources, table
from app.catalog import Catalog


def register_callbacks(app, catalog: Catalog, dataset) -> None:
    for part in (shell, overview, table, sources):
        part.register(app, catalog)
    figure.register(app, catalog, dataset)  # /figure/<id> and /about cite the dataset's version
