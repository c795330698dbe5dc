"""The baseline: a one-graph Dash app on a small pyarrow-backed pandas table, with one trivial
callback. It is the floor of our fixed stack that the benchmarks compare against.

    python bench/minimal_app.py --port 8099
"""

from __future__ import annotations

import argparse

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

TABLE = pd.DataFrame(
    {
        "year": pd.array([2014, 2015, 2016, 2017], dtype="int64[pyarrow]"),
        "value": pd.array([11.6, 15.6, 4.0, 5.0], dtype="double[pyarrow]"),
    }
)


def create_minimal_app() -> Dash:
    app = Dash(__name__, compress=True)
    figure = px.bar(TABLE.astype({"year": "int64", "value": "float64"}), x="year", y="value")
    app.layout = html.Div(
        [
            dcc.Graph(id="graph", figure=figure),
            dcc.Input(id="text", value="a"),
            html.Div(id="echo"),
        ]
    )

    @app.callback(Output("echo", "children"), Input("text", "value"))
    def echo(value):
        return value

    return app


app = create_minimal_app()
server = app.server

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    app.run(host="127.0.0.1", port=args.port, debug=False)
