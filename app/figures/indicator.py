"""Generic builder for any indicator: one horizontal panel per indicator (or per unit family),
bars for bar/composition kinds and points or intervals otherwise, each panel on its own axis."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

from app.catalog import Rows
from app.citations import shorten
from app.figures.common import (
    axis_label,
    axis_names,
    axis_unit,
    empty_figure,
    figure,
    house_layout,
    layout_key,
    stacked_panels,
    values_in,
)
from app.figures.marks import report_bars, report_points
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


def panel_groups(rows: Rows, by_family: bool = False) -> list[tuple[str, str, Rows]]:
    """(title, unit, rows) per indicator and unit family (or per family), in order of appearance.

    By family, an indicator's figures sit together; a composition's parts go largest first."""
    families, indicators = rows["family"], rows["indicator"]
    titles, kinds = rows["indicator_title"], rows["chart_kind"]
    found: dict[tuple, list[int]] = {}
    for position, (family, indicator) in enumerate(zip(families, indicators, strict=True)):
        found.setdefault((family if by_family else indicator, family), []).append(position)
    out = []
    for (key, family), where in found.items():
        if by_family:
            order = {t: i for i, t in enumerate(dict.fromkeys(titles[p] for p in where))}
            where = sorted(where, key=lambda p: order[titles[p]])
        if kinds[where[0]] == "composition":
            base = rows["value_base"]
            where = sorted(where, key=lambda p: -(base[p] or 0))
        group = rows.take(where)
        unit = axis_unit(group)
        if by_family:
            title = f"In {UNITS[unit].label}" if unit in UNITS else str(family)
        else:
            title = str(key) if titles[where[0]] is None else f"{titles[where[0]]} ({axis_label(unit)})"
        out.append((title, unit, group))
    return out


def years_text(start, end, period) -> str:
    if start is None:
        return str(period or "")
    return str(start) if end is None or end == start else f"{start}–{end}"


def wrapped_labels(rows: Rows, with_indicator: bool) -> list[str]:
    """Two-line tick labels that always keep the years: what, then who (and when)."""
    labels = []
    columns = [rows[c] for c in ("subject", "indicator_title", "year_start", "year_end", "period")]
    for subject, title, start, end, period in zip(*columns, strict=True):
        when = f" ({years_text(start, end, period)})"
        subject = "" if subject is None else str(subject)
        if with_indicator and isinstance(title, str):
            labels.append(
                shorten(title, LABEL_WIDTH) + "<br>" + shorten(subject, LABEL_WIDTH - len(when)) + when
            )
            continue
        lines = textwrap.wrap(subject, LABEL_WIDTH)
        if len(lines) <= 1 and len(subject) + len(when) <= LABEL_WIDTH:
            labels.append(subject + when)
        else:
            rest = subject[len(lines[0]) :].strip()
            labels.append(lines[0] + "<br>" + shorten(rest, LABEL_WIDTH - len(when)) + when)
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


def _value_axis(values: list, highs: list, unit: str, is_log: bool) -> dict:
    axis = {
        "title": {"text": axis_label(unit) + (" (log scale)" if is_log else ""), "standoff": 6},
        "type": "log" if is_log else "linear",
        "range": _value_range(values, highs, is_log),
    }
    if is_log:
        axis.update(dtick=1, exponentformat="none")
    return axis


def build_indicator_figure(
    rows: Rows, selected_ids: Iterable[str] = (), by_family: bool = False, kind: str | None = None
) -> dict:
    """Horizontal panels, one per indicator (or unit family); a panel's axis spanning more than
    two orders of magnitude is logarithmic, and says so."""
    if rows.empty:
        return empty_figure()
    panels = panel_groups(rows, by_family)
    sizes = [ROW_PX * max(len(g), 1) + 8 for _, _, g in panels]
    layout = stacked_panels(sizes, GAP_PX if len(panels) > 1 else 0, [t for t, _, _ in panels])
    data: list[dict] = []
    seen_essays: set[str] = set()
    seen_qualifiers: set[str] = set()
    all_labels: list[str] = []
    for index, (_title, unit, group) in enumerate(panels, start=1):
        axes = axis_names(index)
        panel_kind = kind or group["chart_kind"][0]
        values, highs = values_in(group, unit), values_in(group, unit, "value_high")
        positive = [v for v in values if v is not None and v > 0]
        is_log = bool(positive) and len(positive) == len(values) and max(positive) / min(positive) > 200
        if panel_kind in BAR_KINDS and not is_log:
            data += report_bars(group, unit, selected_ids, axes, hide_legend_for=seen_essays)
            seen_essays |= set(group["essay"])
        else:
            data += report_points(group, unit, selected_ids, axes, hide_legend_for=seen_qualifiers)
            seen_qualifiers |= set(group["qualifier"])
        labels = wrapped_labels(group, with_indicator=by_family)
        all_labels += labels
        layout[layout_key(axes[1])].update(
            tickvals=list(range(len(labels))), ticktext=labels, autorange="reversed"
        )
        layout[layout_key(axes[0])].update(_value_axis(values, highs, unit, is_log))
    legend_items = sum(1 for trace in data if trace["showlegend"])
    top = TOP_PX + 24 * max(0, math.ceil(legend_items / 5) - 1)  # room for a wrapped legend
    plot_px = sum(sizes) + GAP_PX * (len(panels) - 1)
    return figure(
        data,
        house_layout(
            top + plot_px + BOTTOM_PX,
            margin={"l": label_margin(all_labels), "r": RIGHT_PX, "t": top, "b": BOTTOM_PX},
            bargap=0.25,
            **layout,
        ),
    )
