"""Generic builder for any indicator: labelled rows, one panel per indicator (or per kind of
figure), each panel on its own value axis.

Each figure is a row: its label above its mark, the figure as printed first ("**more than $3
billion** · Russia → China (2016)"), then a bar (bar kinds) or a point or interval (the rest).
Labels sit above the marks and wrap, so the plot keeps the chart's full width on a phone and no
label is cut where rows differ; figures of one indicator in a mixed panel sit under one
sub-heading instead of repeating it. Colour is the essay, named in a key at the top; symbols
keep their qualifiers ("more than", "about") and the label says them in words.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Iterable

from app.catalog import Rows
from app.citations import escape_plotly_text
from app.figures.common import (
    INK,
    NOTE_COLOR,
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
from app.figures.marks import essay_color, report_bars, report_points
from loaders.vocabulary import UNITS

BAR_KINDS = {"bar", "composition"}
LABEL_CHARS = 46  # a label line fits a phone's plot width (about 300 px at 12.5 px)
LINE_PX = 16
MARK_PX = 16
ROW_GAP_PX = 12
HEADING_PX = 24
PANEL_GAP_PX = 84  # the x axis and its title, then the next panel's title
TOP_PX = 40
KEY_LINE_PX = 18
BOTTOM_PX = 56


def kind_of_figure(unit: str, unit_label) -> str:
    """The panel a figure of a mixed chart goes in: its unit family, ranks apart from counts."""
    if unit_label == "rank":
        return "rank"
    return UNITS[unit].family if unit in UNITS else unit


PANEL_TITLES = {
    "rank": "Ranks (1 = first)",
    "count_per_year": "How often, per year",
    "years": "Durations and spans, in years",
    "count": "Counts",
}


def panel_groups(rows: Rows, by_kind: bool = False) -> list[tuple[str, str, Rows]]:
    """(title, kind, rows) per indicator and unit family (or per kind of figure), in order of
    appearance; within a panel an indicator's figures sit together, a composition's parts
    largest first."""
    kinds = [kind_of_figure(u, label) for u, label in zip(rows["unit"], rows["unit_label"], strict=True)]
    indicators, titles = rows["indicator"], rows["indicator_title"]
    found: dict[tuple, list[int]] = {}
    for position, (kind, indicator) in enumerate(zip(kinds, indicators, strict=True)):
        found.setdefault((kind if by_kind else indicator, kind), []).append(position)
    out = []
    for (_key, kind), where in found.items():
        order = {t: i for i, t in enumerate(dict.fromkeys(indicators[p] for p in where))}
        where = sorted(where, key=lambda p: order[indicators[p]])
        if rows["chart_kind"][where[0]] == "composition":
            base = rows["value_base"]
            where = sorted(where, key=lambda p: -(base[p] or 0))
        group = rows.take(where)
        if by_kind:
            unit = axis_unit(group)
            title = PANEL_TITLES.get(kind) or (f"In {UNITS[unit].label}" if unit in UNITS else str(kind))
        else:
            title = f"{titles[where[0]] or indicators[where[0]]} ({axis_label(axis_unit(group))})"
        out.append((title, kind, group))
    return out


def years_text(start, end, period) -> str:
    if start is None:
        return str(period or "")
    return str(start) if end is None or end == start else f"{start}–{end}"


def row_labels(rows: Rows, what: str = "subject", width: int = LABEL_CHARS) -> list[list[str]]:
    """Each row's label as lines of at most ``width`` characters: the figure as printed in bold,
    then what (``what``: its subject, or its indicator's title) and when."""
    columns = [rows[c] for c in ("value_text", what, "year_start", "year_end", "period")]
    return [list(label_lines(*row, width)) for row in zip(*columns, strict=True)]


@functools.lru_cache(maxsize=8192)  # a row's label never changes; views re-draw the same rows
def label_lines(value_text: str, subject, start, end, period, width: int = LABEL_CHARS) -> tuple[str, ...]:
    text = f"{value_text} · {subject or ''} ({years_text(start, end, period)})"
    lines = textwrap.wrap(text, width, break_long_words=False) or [text]
    bold = len(value_text)
    first = lines[0]
    head = f"<b>{escape_plotly_text(first[:bold])}</b>{escape_plotly_text(first[bold:])}"
    return (head, *(escape_plotly_text(line) for line in lines[1:]))


def _row_layout(rows: Rows, with_headings: bool) -> tuple[list[float], list[dict], float]:
    """Mark positions (y in px from the panel's top), label and heading annotations (y in the
    same px, axis refs filled in later) and the panel's height in px."""
    labels, titles, indicators = row_labels(rows), rows["indicator_title"], rows["indicator"]
    positions, notes, y, previous = [], [], 0.0, None
    for label, title, indicator in zip(labels, titles, indicators, strict=True):
        if with_headings and indicator != previous:
            notes.append(_note(escape_plotly_text(title or indicator), y, heading=True))
            y += HEADING_PX
        previous = indicator
        notes.append(_note("<br>".join(label), y))
        y += LINE_PX * len(label) + 2
        positions.append(y + MARK_PX / 2)
        y += MARK_PX + ROW_GAP_PX
    return positions, notes, y


def _note(text: str, y: float, heading: bool = False) -> dict:
    return {
        "text": text,
        "x": 0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": 12.5 if heading else 12, "color": INK if heading else "#30363d"},
    }


def _value_axis(values: list, highs: list, unit: str, kind: str) -> dict:
    known = [v for v in values + highs if v is not None]
    positive = [v for v in known if v > 0]
    is_log = bool(positive) and len(positive) == len(known) and max(positive) / min(positive) > 200
    title = "rank (1 = first)" if kind == "rank" else axis_label(unit) + (" (log scale)" if is_log else "")
    axis = {"title": {"text": title, "standoff": 4}, "nticks": 6, "type": "log" if is_log else "linear"}
    if is_log:
        axis.update(range=[math.log10(min(positive)) - 0.15, math.log10(max(positive)) + 0.15], dtick=1)
        axis["exponentformat"] = "none"
    elif kind == "rank":
        axis.update(range=[0.5, max(known or [1]) + 0.5], dtick=1)
    elif known and max(known) > 0:
        axis.update(range=[min(0, min(known)), max(known) * 1.06], rangemode="tozero")
    return axis


def essay_key(rows: Rows) -> list[str]:
    """'Colour = essay:' then each essay drawn, two to a line (so a phone shows them all)."""
    names = dict(zip(rows["essay"], rows["essay_name"], strict=True))
    items = [
        f"<span style='color:{essay_color(e)}'>●</span> {escape_plotly_text(str(n))}"
        for e, n in names.items()
    ]
    lines = ["Colour = essay:"] if items else []
    for start in range(0, len(items), 2):
        lines.append("   ".join(items[start : start + 2]))
    return lines


def build_indicator_figure(
    rows: Rows, selected_ids: Iterable[str] = (), by_kind: bool = False, kind: str | None = None
) -> dict:
    """Panels of labelled rows, one per indicator (or kind of figure), each on its own value
    axis; a panel spanning more than two orders of magnitude is logarithmic, and says so."""
    if rows.empty:
        return empty_figure()
    panels = panel_groups(rows, by_kind)
    placed = [_row_layout(group, with_headings=by_kind) for _, _, group in panels]
    heights = [height for _, _, height in placed]
    layout = stacked_panels(heights, PANEL_GAP_PX, [title for title, _, _ in panels])
    data: list[dict] = []
    for index, ((_title, panel_kind, group), (positions, notes, height)) in enumerate(
        zip(panels, placed, strict=True), start=1
    ):
        axes = axis_names(index)
        unit = axis_unit(group)
        values, highs = values_in(group, unit), values_in(group, unit, "value_high")
        as_bars = (kind or group["chart_kind"][0]) in BAR_KINDS and panel_kind != "rank"
        if as_bars and not _value_axis(values, highs, unit, panel_kind)["type"] == "log":
            data += report_bars(group, unit, selected_ids, axes, positions=positions, thickness=MARK_PX)
        else:
            data += report_points(
                group, unit, selected_ids, axes, positions=positions, show_text=False, showlegend=False
            )
        layout[layout_key(axes[1])].update(range=[height, 0], visible=False, fixedrange=True)
        layout[layout_key(axes[0])].update(_value_axis(values, highs, unit, panel_kind))
        layout["annotations"] += [{**n, "xref": f"{axes[0]} domain", "yref": axes[1]} for n in notes]
    key = essay_key(rows)
    top = TOP_PX + KEY_LINE_PX * len(key)
    plot_px = sum(heights) + PANEL_GAP_PX * (len(panels) - 1)
    if key:
        layout["annotations"].append(
            {
                "text": "<br>".join(key),
                "x": 0,
                "y": 1 + (top - 8) / plot_px,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 12, "color": NOTE_COLOR},
            }
        )
    return figure(
        data,
        house_layout(
            top + plot_px + BOTTOM_PX,
            showlegend=False,
            margin={"l": 12, "r": 28, "t": top, "b": BOTTOM_PX},
            bargap=0,
            **layout,
        ),
    )
