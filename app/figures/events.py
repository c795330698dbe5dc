"""Events builder: a timeline of the events the reports mention, one row per kind."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.citations import text_of
from app.figures.common import (
    HOVERTEMPLATE,
    MARK_COLORS,
    base_layout,
    customdata_for,
    empty_figure,
    opacities,
)
from app.figures.marks import add_category_axis


def padded_date(text: str) -> str:
    """'2001' -> '2001-07-01', '2001-07' -> '2001-07-15': a partial date drawn mid-period."""
    text = str(text)
    if len(text) == 4:
        return f"{text}-07-01"
    if len(text) == 7:
        return f"{text}-15"
    return text


def build_event_timeline(events: pd.DataFrame, selected_ids: Iterable[str] = ()) -> go.Figure:
    """Markers at each event's date (spans as bars), rows by kind, titles in the hover and labels."""
    if events.empty:
        return empty_figure("No events match the current filters.")
    kinds = sorted(events["kind"].fillna("other").astype(str).unique())
    position = {k: i for i, k in enumerate(kinds)}
    fig = go.Figure()
    for i, kind in enumerate(kinds):
        group = events[events["kind"].fillna("other").astype(str) == kind]
        color = MARK_COLORS[i % len(MARK_COLORS)]
        data = customdata_for(
            group.assign(
                label=[
                    f"{text_of(r, 'title')} ({text_of(r, 'date_start')}"
                    + (f" – {text_of(r, 'date_end')}" if text_of(r, "date_end") else "")
                    + ")"
                    for r in group.to_dict("records")
                ]
            )
        )
        for row, item in zip(group.to_dict("records"), data, strict=True):
            if text_of(row, "date_end"):
                fig.add_trace(
                    go.Scatter(
                        x=[padded_date(row["date_start"]), padded_date(row["date_end"])],
                        y=[position[kind]] * 2,
                        mode="lines",
                        line={"color": color, "width": 6},
                        opacity=0.5,
                        showlegend=False,
                        customdata=[item, item],
                        hovertemplate=HOVERTEMPLATE,
                    )
                )
        fig.add_trace(
            go.Scatter(
                x=[padded_date(d) for d in group["date_start"]],
                y=[position[kind]] * len(group),
                mode="markers",
                name=kind,
                showlegend=False,
                marker={
                    "size": 12,
                    "color": color,
                    "opacity": opacities(group, selected_ids),
                    "symbol": ["circle" if p == "day" else "circle-open" for p in group["date_precision"]],
                    "line": {"width": 2, "color": color},
                },
                customdata=data,
                hovertemplate=HOVERTEMPLATE,
            )
        )
    add_category_axis(fig, [k.replace("_", " ") for k in kinds])
    fig.update_xaxes(type="date", title_text="Date (hollow = month or year only)")
    base_layout(fig, height=max(240, 120 + 44 * len(kinds)), legend=False)
    fig.update_layout(margin={"l": 120})
    return fig
