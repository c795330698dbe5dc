"""Shared look and mark helpers for every builder: palette, layout, hover customdata, highlight."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.citations import format_hover, is_missing
from loaders.vocabulary import UNITS, convert

# Okabe–Ito, colour-blind safe; black last (used for the reports' own marks when alone).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# For marks on white: Okabe–Ito without the yellow, which is too pale to read as a marker.
MARK_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
REPORT_COLOR = "#0072B2"
EXTERNAL_COLORS = ["#8C8C8C", "#B0B0B0", "#6E6E6E", "#A3A3A3"]
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)
HOVERTEMPLATE = "%{customdata[4]}<extra></extra>"
# Explicit selection styles for traces with text: plotly.js 4.1 fails on box-selecting text marks
# without them ("reading 'textfont'").
SELECTED_STYLE = {"textfont": {"color": "#1f2328"}}
UNSELECTED_STYLE = {"textfont": {"color": "#8c959f"}}
MUTED_OPACITY = 0.25

# How a qualifier is drawn: bounds must never read as points.
QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "peak": "star",
    "about": "circle-open",
    "nearly": "triangle-left",
    "more_than": "triangle-up",
    "at_least": "triangle-up-open",
    "less_than": "triangle-down",
    "up_to": "triangle-down-open",
    "range": "line-ns-open",
}
QUALIFIER_LEGEND = {
    "exact": "as printed",
    "peak": "peak",
    "about": "“about”",
    "nearly": "“nearly”",
    "more_than": "“more than” (lower bound)",
    "at_least": "“at least” (lower bound)",
    "less_than": "“less than” (upper bound)",
    "up_to": "“up to” (upper bound)",
    "range": "range",
}


def customdata_for(rows: pd.DataFrame) -> list[list]:
    """[row_id, year_start, year_end, subject, hover] per row: the contract's mark identity."""
    out = []
    for row in rows.to_dict("records"):
        out.append(
            [
                row["row_id"],
                None if is_missing(row.get("year_start")) else int(row["year_start"]),
                None if is_missing(row.get("year_end")) else int(row["year_end"]),
                "" if is_missing(row.get("subject")) else str(row["subject"]),
                format_hover(row),
            ]
        )
    return out


def opacities(rows: pd.DataFrame, selected_ids: Iterable[str], base: float = 1.0) -> list[float]:
    selected = set(selected_ids)
    if not selected:
        return [base] * len(rows)
    return [base if rid in selected else MUTED_OPACITY for rid in rows["row_id"]]


def values_in(rows: pd.DataFrame, unit: str, column: str = "value") -> list[float | None]:
    """Values converted to ``unit`` (same family) for a shared axis; hover keeps the printed value."""
    out = []
    for value, row_unit in zip(rows[column], rows["unit"], strict=True):
        if is_missing(value):
            out.append(None)
        else:
            out.append(convert(float(value), str(row_unit), unit))
    return out


def axis_unit(rows: pd.DataFrame) -> str:
    """The unit most rows use (ties: the larger one), for the axis of a same-family chart."""
    if rows.empty:
        return "count"
    counts = rows["unit"].value_counts()
    top = counts[counts == counts.max()].index
    return max(top, key=lambda u: UNITS[u].factor)


def axis_label(unit: str) -> str:
    return UNITS[unit].label if unit in UNITS else unit


def mark_label(row: dict) -> str:
    """Short category label for a mark: subject and period as written."""
    return f"{row.get('subject', '')} · {row.get('period', '')}"


def base_layout(fig: go.Figure, height: int = 420, legend: bool = True) -> go.Figure:
    """House style. The legend sits at the very top of the figure (container coordinates), above
    any subplot titles; builders set the top margin to the legend's height."""
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT_STACK, "size": 13, "color": "#1f2328"},
        height=height,
        margin={"l": 64, "r": 24, "t": 36, "b": 56},
        hoverlabel={
            "bgcolor": "white",
            "font": {"family": FONT_STACK, "size": 12},
            "align": "left",
            "bordercolor": "#8c959f",
        },
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 0.995,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 12},
            "itemclick": "toggle",
            "itemdoubleclick": "toggleothers",
        },
        showlegend=legend,
        clickmode="event",  # the click highlight is ours (assets/linking.js); box/lasso still select
        dragmode="select",
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=OKABE_ITO,
    )
    # Margins are set by the builders to fit their labels, so plotly.js need not measure them:
    # automargin (on in the plotly_white template) measures every tick label and then draws the
    # chart a second time with the grown margins, and ticklabeloverflow's default measures every
    # label once per label. Both off: the "all other figures" chart draws in 72 ms, not 250 ms.
    axis_style = {
        "showline": True,
        "linecolor": "#8c959f",
        "gridcolor": "#eef0f2",
        "zeroline": False,
        "automargin": False,
        "ticklabeloverflow": "allow",
    }
    fig.update_xaxes(**axis_style)
    fig.update_yaxes(**axis_style)
    return fig


def empty_figure(message: str = "No figures match the current filters.", height: int = 220) -> go.Figure:
    fig = go.Figure()
    base_layout(fig, height=height, legend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=message,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 14, "color": "#57606a"},
    )
    return fig


def add_note(fig: go.Figure, text: str, plot_px: float, below_px: float = 62, width: int = 100) -> int:
    """A small explanatory note ``below_px`` under the plot area (kept in PNG/SVG exports too).

    Long text is wrapped at ``width`` characters; returns the pixels the note needs, which the
    caller adds to the bottom margin.
    """
    lines = []
    for paragraph in text.split("<br>"):
        lines += textwrap.wrap(paragraph, width) or [""]
    fig.add_annotation(
        text="<br>".join(lines),
        x=0,
        y=-below_px / max(plot_px, 1),
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11.5, "color": "#57606a"},
    )
    return int(below_px + 17 * len(lines) + 8)


def qualifier_groups(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Rows split by qualifier in a stable order, so each bound gets its own symbol and legend."""
    order = list(QUALIFIER_SYMBOLS)
    present = [q for q in order if (rows["qualifier"] == q).any()]
    return [(q, rows[rows["qualifier"] == q]) for q in present]


def left_align_titles(fig: go.Figure, count: int) -> None:
    """make_subplots centres subplot titles (its first annotations); a reader scans from the left."""
    for annotation in list(fig.layout.annotations)[:count]:
        annotation.update(x=0, xanchor="left", font={"size": 13.5, "color": "#1f2328"})
