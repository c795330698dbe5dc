"""Helpers for tests of charts: a chart's figure (validated by plotly) and its rows under a view."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from app.catalog import catalog_of
from app.charts import chart_rows, draw
from app.view import View


def figure_of(chart, dataset, view: View | None = None) -> go.Figure:
    """The chart's figure under the view, through plotly's validation (which a bad key fails)."""
    return go.Figure(draw(chart, catalog_of(dataset).select(view or View())))


def rows_of(chart, dataset, view: View | None = None) -> pd.DataFrame:
    """Every row the chart shows under the view, as one frame."""
    return chart_rows(chart, catalog_of(dataset).select(view or View())).frame()
