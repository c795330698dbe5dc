"""Loans builder: Chinese loans to Russia, net flows by year as bars."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.citations import format_figure_value
from app.figures.common import (
    HOVERTEMPLATE,
    OKABE_ITO,
    SELECTED_STYLE,
    UNSELECTED_STYLE,
    axis_label,
    axis_unit,
    base_layout,
    customdata_for,
    empty_figure,
    opacities,
    values_in,
)
from app.figures.indicator import build_indicator_figure
from loaders.vocabulary import UNITS


def build_loans_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    """Grouped bars by year, one colour per flow (borrowed, repaid, net: the subject says which)."""
    if figures.empty:
        return empty_figure()
    families = {UNITS[u].family for u in figures["unit"] if u in UNITS}
    if families != {"usd"}:
        return build_indicator_figure(figures, selected_ids, kind="bar")
    unit = axis_unit(figures)
    fig = go.Figure()
    frame = figures.assign(
        _val=values_in(figures, unit),
        _x=[
            str(p) if s != e else str(s)
            for p, s, e in zip(figures["period"], figures["year_start"], figures["year_end"], strict=True)
        ],
    )
    for i, (subject, group) in enumerate(frame.groupby("subject", sort=False)):
        fig.add_trace(
            go.Bar(
                x=group["_x"],
                y=group["_val"],
                name=str(subject),
                marker={"color": OKABE_ITO[i % len(OKABE_ITO)], "opacity": opacities(group, selected_ids)},
                text=[format_figure_value(r) for r in group.to_dict("records")],
                textposition="outside",
                selected=SELECTED_STYLE,
                unselected=UNSELECTED_STYLE,
                cliponaxis=False,
                customdata=customdata_for(group),
                hovertemplate=HOVERTEMPLATE,
            )
        )
    base_layout(fig, height=400)
    # every value label at one legible size (plotly shrinks each to its own bar's width otherwise)
    fig.update_layout(barmode="group", bargap=0.15, uniformtext={"minsize": 11, "mode": "show"})
    fig.update_xaxes(title_text="Year", type="category")
    fig.update_yaxes(title_text=axis_label(unit), zeroline=True, zerolinecolor="#8c959f")
    return fig
