"""Generic builder for any indicator: one horizontal panel per indicator (or per unit family),
bars for bar/composition kinds and points or intervals otherwise, each panel on its own axis."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app.figures.common import (
    axis_label,
    axis_unit,
    base_layout,
    empty_figure,
    left_align_titles,
    values_in,
)
from app.figures.marks import add_report_bars, add_report_points
from loaders.vocabulary import UNITS

BAR_KINDS = {"bar", "composition"}
ROW_PX = 36
GAP_PX = 96
TOP_PX = 72
BOTTOM_PX = 64
LABEL_WIDTH = 44
RIGHT_PX = 56  # the last tick label's overhang
# Width of one character of the 13 px tick font, with room for wide fonts such as DejaVu Sans
# (about 0.56 em): the left margin is sized from the labels, as plotly.js's automargin is off.
CHAR_PX = 13 * 0.6


def panel_groups(rows: pd.DataFrame, by_family: bool = False) -> list[tuple[str, str, pd.DataFrame]]:
    """(title, unit, rows) per indicator and unit family (or per family), in order of appearance."""
    families = rows["unit"].map(lambda u: UNITS[u].family if u in UNITS else u)
    frame = rows.assign(_family=families, _key=families if by_family else rows["indicator"])
    out = []
    for (key, _family), group in frame.groupby(["_key", "_family"], sort=False):
        unit = axis_unit(group)
        if by_family:
            title = f"In {UNITS[unit].label}" if unit in UNITS else str(key)
            if "indicator_title" in group:  # figures of one indicator side by side
                order = {t: i for i, t in enumerate(dict.fromkeys(group["indicator_title"]))}
                group = (
                    group.assign(_o=group["indicator_title"].map(order))
                    .sort_values("_o", kind="stable")
                    .drop(columns="_o")
                )
        else:
            title = group["indicator_title"].iloc[0] if "indicator_title" in group else key
            title = str(key) if pd.isna(title) else f"{title} ({axis_label(unit)})"
        kind = group["chart_kind"].iloc[0] if "chart_kind" in group else "point"
        if kind == "composition":
            group = (
                group.assign(_sort=values_in(group, unit))
                .sort_values("_sort", ascending=False, kind="stable")
                .drop(columns="_sort")
            )
        out.append((title, unit, group.drop(columns=["_family", "_key"])))
    return out


def years_text(record: dict) -> str:
    start, end = record.get("year_start"), record.get("year_end")
    if start is None or pd.isna(start):
        return str(record.get("period", ""))
    return str(int(start)) if pd.isna(end) or int(end) == int(start) else f"{int(start)}–{int(end)}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,(") + "…"


def wrapped_labels(rows: pd.DataFrame, with_indicator: bool) -> list[str]:
    """Two-line tick labels that always keep the years: what, then who (and when)."""
    labels = []
    for record in rows.to_dict("records"):
        when = f" ({years_text(record)})"
        subject = str(record.get("subject", ""))
        if with_indicator and isinstance(record.get("indicator_title"), str):
            labels.append(
                _fit(record["indicator_title"], LABEL_WIDTH)
                + "<br>"
                + _fit(subject, LABEL_WIDTH - len(when))
                + when
            )
            continue
        lines = textwrap.wrap(subject, LABEL_WIDTH)
        if len(lines) <= 1 and len(subject) + len(when) <= LABEL_WIDTH:
            labels.append(subject + when)
        else:
            rest = subject[len(lines[0]) :].strip()
            labels.append(lines[0] + "<br>" + _fit(rest, LABEL_WIDTH - len(when)) + when)
    return labels


def label_margin(labels: Iterable[str], pad_px: int = 16) -> int:
    """Pixels left of the plot that the longest line of any tick label needs."""
    longest = max((len(line) for label in labels for line in label.split("<br>")), default=0)
    return math.ceil(longest * CHAR_PX) + pad_px


def _value_range(values: list, highs: list, is_log: bool) -> list | None:
    """Leave room on the right for the printed-value labels."""
    known = [v for v in values + highs if v is not None]
    top = max(known or [0])
    if is_log:
        return [math.log10(min(known)) - 0.25, math.log10(top) + 0.6]
    if top <= 0:
        return None
    return [0, top * 1.32]


def build_indicator_figure(
    rows: pd.DataFrame, selected_ids: Iterable[str] = (), by_family: bool = False, kind: str | None = None
) -> go.Figure:
    """Horizontal panels, one per indicator (or unit family); a panel's axis spanning more than
    two orders of magnitude is logarithmic, and says so."""
    if rows.empty:
        return empty_figure()
    groups = panel_groups(rows, by_family)
    sizes = [ROW_PX * max(len(g), 1) + 8 for _, _, g in groups]
    plot_px = sum(sizes) + GAP_PX * (len(groups) - 1)
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        row_heights=sizes,
        vertical_spacing=GAP_PX / plot_px if len(groups) > 1 else 0,
        subplot_titles=[t for t, _, _ in groups],
    )
    seen_essays: set[str] = set()
    seen_qualifiers: set[str] = set()
    all_labels: list[str] = []
    for i, (_title, unit, group) in enumerate(groups, start=1):
        panel_kind = kind or (group["chart_kind"].iloc[0] if "chart_kind" in group else "point")
        values = values_in(group, unit)
        highs = values_in(group, unit, "value_high")
        positive = [v for v in values if v is not None and v > 0]
        is_log = bool(positive) and len(positive) == len(values) and max(positive) / min(positive) > 200
        if panel_kind in BAR_KINDS and not is_log:
            add_report_bars(fig, group, unit, selected_ids, row=i, col=1, hide_legend_for=seen_essays)
            seen_essays |= set(group["essay"])
        else:
            add_report_points(fig, group, unit, selected_ids, row=i, col=1, hide_legend_for=seen_qualifiers)
            seen_qualifiers |= set(group["qualifier"])
        labels = wrapped_labels(group, with_indicator=by_family)
        all_labels += labels
        fig.update_yaxes(
            tickvals=list(range(len(labels))), ticktext=labels, autorange="reversed", row=i, col=1
        )
        title = axis_label(unit) + (" (log scale)" if is_log else "")
        fig.update_xaxes(
            title_text=title,
            type="log" if is_log else "linear",
            range=_value_range(values, highs, is_log),
            row=i,
            col=1,
            **({"dtick": 1, "exponentformat": "none"} if is_log else {}),
        )
    legend_items = sum(1 for trace in fig.data if trace.showlegend is not False)
    top = TOP_PX + 24 * max(0, math.ceil(legend_items / 5) - 1)  # room for a wrapped legend
    base_layout(fig, height=top + plot_px + BOTTOM_PX)
    fig.update_layout(
        margin={"l": label_margin(all_labels), "r": RIGHT_PX, "t": top, "b": BOTTOM_PX}, bargap=0.25
    )
    fig.update_xaxes(title_standoff=6)
    left_align_titles(fig, len(groups))
    return fig
