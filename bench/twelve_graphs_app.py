"""The interaction baseline: a bare Dash app with as many dcc.Graphs as the overview has charts,
whose one callback returns the very figures the dashboard draws, computed ahead (no work at
request time). It is what Dash itself costs for a redraw of the page.

    python bench/twelve_graphs_app.py --port 8098
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dash import Dash, Input, Output, dcc, html

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from interaction_views import interaction_views  # noqa: E402

from app.catalog import catalog_of  # noqa: E402
from app.charts import CHARTS, draw  # noqa: E402
from app.paths import ASSETS  # noqa: E402
from loaders import load_dataset  # noqa: E402

CATALOG = catalog_of(load_dataset())
VIEWS = interaction_views(CATALOG.vocabulary)
FIGURES = [[draw(chart, CATALOG.select(view), ()) for chart in CHARTS] for view in VIEWS]


def create_app() -> Dash:
    # the dashboard's own plotly.js, so both apps plot with the same library
    app = Dash(__name__, assets_folder=str(ASSETS / "vendor"), compress=True)
    app.layout = html.Div(
        [
            dcc.Input(id="view", type="number", value=0),
            *[dcc.Graph(id=f"graph-{n}", figure=FIGURES[0][n]) for n in range(len(CHARTS))],
        ]
    )

    @app.callback([Output(f"graph-{n}", "figure") for n in range(len(CHARTS))], Input("view", "value"))
    def show(view):
        return FIGURES[int(view or 0) % len(FIGURES)]

    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8098)
    args = parser.parse_args()
    app.run(host="127.0.0.1", port=args.port, debug=False)
