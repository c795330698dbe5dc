"""FDI builder: the reports' competing estimates of Chinese investment in Russia, side by side."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import note
from app.figures.indicator import build_indicator_figure
from app.figures.marks import essay_color

COLOUR_NAMES = {
    "#0072B2": "(blue)",
    "#D55E00": "(vermillion)",
    "#009E73": "(green)",
    "#CC79A7": "(pink)",
    "#E69F00": "(orange)",
}


def build_fdi_estimates_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Every estimate on one value axis per unit: points, ranges as intervals, bounds as triangles.

    Nothing is averaged or chosen: where the reports disagree, the marks sit apart.
    """
    fig = build_indicator_figure(figures, selected_ids, by_family=True, kind="point")
    if figures.empty:
        return fig
    names = dict.fromkeys(zip(figures["essay_name"], figures["essay"], strict=True))
    colours = ", ".join(f"{name} {COLOUR_NAMES.get(essay_color(essay), '')}".strip() for name, essay in names)
    layout = fig["layout"]
    margin = layout["margin"]
    annotation, extra = note(
        f"Colour = essay: {colours}. Estimates differ in what they count "
        "(stock, flow, projects pledged); none is picked as the true one.",
        layout["height"] - margin["t"] - margin["b"],
    )
    layout["annotations"].append(annotation)
    layout["height"] += extra - margin["b"]
    margin["b"] = extra
    return fig
