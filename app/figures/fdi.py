"""FDI builder: the reports' competing estimates of Chinese investment in Russia, side by side."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import note
from app.figures.indicator import build_indicator_figure


def build_fdi_estimates_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Every estimate on one value axis per unit: points, ranges as intervals, bounds as triangles.

    Nothing is averaged or chosen: where the reports disagree, the marks sit apart.
    """
    fig = build_indicator_figure(figures, selected_ids, by_kind=True, kind="point")
    if figures.empty:
        return fig
    layout = fig["layout"]
    margin = layout["margin"]
    annotation, extra = note(
        "Estimates differ in what they count (stock, flow, projects pledged); "
        "none is picked as the true one.",
        layout["height"] - margin["t"] - margin["b"],
    )
    layout["annotations"].append(annotation)
    layout["height"] += extra - margin["b"]
    margin["b"] = extra
    return fig
