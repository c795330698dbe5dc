"""Trace helpers every family builder composes: report bars, report points and intervals,
external reference lines. Each returns nothing and adds traces to ``fig`` at (row, col)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.citations import format_figure_value
from app.figures.common import (
    EXTERNAL_COLORS,
    HOVERTEMPLATE,
    MUTED_OPACITY,
    OKABE_ITO,
    QUALIFIER_LEGEND,
    QUALIFIER_SYMBOLS,
    SELECTED_STYLE,
    UNSELECTED_STYLE,
    customdata_for,
    opacities,
    values_in,
)

ESSAY_COLORS = {
    "kashin-2019": "#0072B2",
    "ma-zhang-2019": "#D55E00",
    "tatsumi-2019": "#009E73",
    "franchell-2019": "#CC79A7",
    "french-perspective-2014": "#E69F00",
}


def essay_color(essay: str) -> str:
    if essay in ESSAY_COLORS:
        return ESSAY_COLORS[essay]
    return OKABE_ITO[sum(map(ord, str(essay))) % (len(OKABE_ITO) - 1)]


def _where(row, col) -> dict:
    return {} if row is None else {"row": row, "col": col}


def short_label(text: str, width: int = 46) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def add_category_axis(fig: go.Figure, labels: list[str], row=None, col=None, axis: str = "y") -> None:
    """Numeric positions with text ticks, so twin labels never merge into one category."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(
        tickvals=list(range(len(labels))),
        ticktext=[short_label(t) for t in labels],
        autorange="reversed" if axis == "y" else True,
        **_where(row, col),
    )


def add_report_bars(
    fig: go.Figure,
    rows: pd.DataFrame,
    unit: str,
    selected_ids: Iterable[str] = (),
    row=None,
    col=None,
    positions: list | None = None,
    horizontal: bool = True,
    showlegend: bool = True,
    hide_legend_for: set[str] | None = None,
) -> None:
    """Bars of the reports' figures, one trace per essay; the bar text is the figure as printed."""
    positions = list(range(len(rows))) if positions is None else positions
    frame = rows.assign(_pos=positions, _val=values_in(rows, unit))
    for essay, group in frame.groupby("essay", sort=False):
        values = group["_val"].tolist()
        pos = group["_pos"].tolist()
        fig.add_trace(
            go.Bar(
                x=values if horizontal else pos,
                y=pos if horizontal else values,
                orientation="h" if horizontal else "v",
                name=str(group["essay_name"].iloc[0]),
                legendgroup=f"essay:{essay}",
                showlegend=showlegend and essay not in (hide_legend_for or set()),
                marker={
                    "color": essay_color(str(essay)),
                    "opacity": opacities(group, selected_ids),
                    "line": {"width": 0},
                },
                text=[format_figure_value(r) for r in group.to_dict("records")],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 12},
                selected=SELECTED_STYLE,
                unselected=UNSELECTED_STYLE,
                customdata=customdata_for(group),
                hovertemplate=HOVERTEMPLATE,
            ),
            **_where(row, col),
        )


def add_report_points(
    fig: go.Figure,
    rows: pd.DataFrame,
    unit: str,
    selected_ids: Iterable[str] = (),
    row=None,
    col=None,
    positions: list | None = None,
    horizontal: bool = True,
    showlegend: bool = True,
    size: int = 13,
    show_text: bool = True,
    colors: list[str] | None = None,
    name_prefix: str = "",
    hide_legend_for: set[str] | None = None,
) -> None:
    """Points for single figures, whiskers for ranges; each qualifier its own symbol and legend entry.

    A range (value..value_high) is drawn as an interval, never as a point; "more than" and
    "about" get distinct symbols so a bound never reads as an exact figure.
    """
    positions = list(range(len(rows))) if positions is None else positions
    frame = rows.assign(
        _pos=positions,
        _val=values_in(rows, unit),
        _high=values_in(rows, unit, "value_high"),
        _color=colors if colors is not None else [essay_color(e) for e in rows["essay"]],
    )
    for qualifier in [q for q in QUALIFIER_SYMBOLS if (frame["qualifier"] == q).any()]:
        group = frame[frame["qualifier"] == qualifier]
        values = group["_val"].tolist()
        span = [None if h is None or h != h else h - v for v, h in zip(values, group["_high"], strict=True)]
        has_span = any(s is not None for s in span)
        error = (
            {
                "type": "data",
                "array": [s or 0 for s in span],
                "arrayminus": [0] * len(span),
                "symmetric": False,
                "thickness": 5,
                "width": 0,
                "color": "#0072B2",
            }
            if has_span
            else None
        )
        marker_colors = group["_color"].tolist()
        fig.add_trace(
            go.Scatter(
                x=values if horizontal else group["_pos"],
                y=group["_pos"] if horizontal else values,
                mode="markers+text" if show_text else "markers",
                name=name_prefix + QUALIFIER_LEGEND.get(qualifier, qualifier),
                legendgroup=f"q:{qualifier}",
                showlegend=showlegend and qualifier not in (hide_legend_for or set()),
                marker={
                    "symbol": QUALIFIER_SYMBOLS[qualifier],
                    "size": size,
                    "color": marker_colors,
                    "opacity": opacities(group, selected_ids),
                    "line": {"width": 2, "color": marker_colors},
                },
                error_x=error if horizontal else None,
                error_y=None if horizontal else error,
                text=[format_figure_value(r) for r in group.to_dict("records")] if show_text else None,
                textposition=["middle left" if has_span and s else "middle right" for s in span],
                textfont={"size": 11.5, "color": "#1f2328"},
                cliponaxis=False,
                selected=SELECTED_STYLE,
                unselected=UNSELECTED_STYLE,
                customdata=customdata_for(group),
                hovertemplate=HOVERTEMPLATE,
            ),
            **_where(row, col),
        )


def add_reference_lines(
    fig: go.Figure,
    rows: pd.DataFrame,
    unit: str,
    selected_ids: Iterable[str] = (),
    row=None,
    col=None,
    mode: str = "lines+markers",
    colors: dict | None = None,
    dash: dict | None = None,
    x_offset: float = 0.0,
    showlegend: bool = True,
    names: dict | None = None,
) -> None:
    """External series as muted lines: own legend entry "… (external data)", derived values hollow."""
    for i, (series, group) in enumerate(rows.groupby("series", sort=False)):
        color = (colors or {}).get(series, EXTERNAL_COLORS[i % len(EXTERNAL_COLORS)])
        derived = group["is_derived"].fillna(False).astype(bool).tolist()
        selected = set(selected_ids)
        opacity = [1.0 if not selected or rid in selected else MUTED_OPACITY for rid in group["row_id"]]
        fig.add_trace(
            go.Scatter(
                x=[y + x_offset for y in group["year"].astype(int)],
                y=values_in(group, unit),
                mode=mode,
                name=(names or {}).get(series, f"{group['series_title'].iloc[0]} (external data)"),
                legendgroup=f"ext:{series}",
                showlegend=showlegend,
                line={"color": color, "width": 2, "dash": (dash or {}).get(series, "solid")},
                marker={
                    "size": 7,
                    "color": ["white" if d else color for d in derived],
                    "line": {"width": 1.5, "color": color},
                    "opacity": opacity,
                    "symbol": ["circle-open" if d else "circle" for d in derived],
                },
                customdata=customdata_for(group),
                hovertemplate=HOVERTEMPLATE,
            ),
            **_where(row, col),
        )
