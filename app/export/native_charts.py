"""Turn a chart's plotly traces into python-pptx chart data, so slides hold editable charts.

One native chart per subplot (plotly axis pair), placed where the subplot sits. Series values
are the values the figure plots, which are the figures as printed; where a builder converted
a value to a shared unit (e.g. US$ million on a US$ billion axis) the notes name the figure
and its printed value. A chart whose marks do not encode the figures' values (e.g. dots placed
at their year, value only in the hover) is not drawn natively: the slide gets an image.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from numbers import Number

import pandas as pd
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE

from app.citations import format_figure_value
from loaders.vocabulary import UNITS, convert

TAG = re.compile(r"<[^>]+>")


@dataclass
class NativeSeries:
    name: str
    categories: list  # category labels, or x numbers for XY
    values: list
    row_ids: list
    color: str | None = None
    show_line: bool = True


@dataclass
class NativeChart:
    chart_type: XL_CHART_TYPE
    series: list[NativeSeries]
    categories: list = field(default_factory=list)  # empty for XY
    value_axis_title: str = ""
    category_axis_title: str = ""
    title: str = ""
    domain: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # x0, x1, y0, y1 (paper)
    conversions: list[str] = field(default_factory=list)
    reverse_categories: bool = False
    value_axis_log: bool = False

    @property
    def is_xy(self) -> bool:
        return self.chart_type == XL_CHART_TYPE.XY_SCATTER

    def chart_data(self):
        if self.is_xy:
            data = XyChartData(number_format="General")
            for series in self.series:
                xy = data.add_series(series.name)
                for x, y in zip(series.categories, series.values, strict=True):
                    if y is not None:
                        xy.add_data_point(x, y)
            return data
        data = CategoryChartData(number_format="General")
        data.categories = list(self.categories)
        for series in self.series:
            by_category = dict(zip(series.categories, series.values, strict=True))
            data.add_series(series.name, [by_category.get(c) for c in self.categories])
        return data


@dataclass
class NativeLayout:
    """What a slide needs: the panels, and what the notes should say about them."""

    panels: list[NativeChart]
    omitted: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    @property
    def conversions(self) -> list[str]:
        return [note for panel in self.panels for note in panel.conversions]

    @property
    def chart_type_names(self) -> str:
        return ", ".join(dict.fromkeys(panel.chart_type.name for panel in self.panels))


def plain(text) -> str:
    return TAG.sub(" ", str(text or "")).replace("  ", " ").strip()


def _number(value) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _as_list(values) -> list:
    """Trace data as a list (builders write plain lists; a single value counts as one)."""
    if values is None:
        return []
    return list(values) if isinstance(values, list | tuple) else [values]


def _row_ids(trace: dict, count: int) -> list:
    ids = []
    for item in _as_list(trace.get("customdata"))[:count]:
        first = item[0] if isinstance(item, (list, tuple)) and item else item
        ids.append(None if first is None else str(first))
    return ids + [None] * (count - len(ids))


def _colour(trace: dict) -> str | None:
    for part in ("marker", "line"):
        colour = (trace.get(part) or {}).get("color")
        if isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            return colour
    return None


def _label(value, axis: dict) -> str:
    ticks, texts = _as_list(axis.get("tickvals")), _as_list(axis.get("ticktext"))
    if ticks and texts:
        for tick, text in zip(ticks, texts, strict=False):
            if tick == value:
                return plain(text)
    if isinstance(value, Number) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return plain(value)


def _unique(labels: list) -> list:
    """Make repeated category labels of one series distinct so no value is lost."""
    seen: dict = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def _is_categorical(values: list, axis: dict) -> bool:
    return (
        bool(axis.get("ticktext"))
        or axis.get("type") == "category"
        or any(_number(v) is None for v in values if v is not None)
    )


def _axis_name(ref: str | None, letter: str) -> str:
    ref = ref or letter
    return f"{letter}axis{ref[1:]}"


def _matches_printed(plotted: float, row: dict) -> bool | None:
    """True if plotted is the printed value or a unit conversion of it; None if unknowable."""
    value, unit = row.get("value"), row.get("unit")
    if value is None or pd.isna(value):
        return None
    value = float(value)
    candidates = [value]
    high = row.get("value_high")
    if high is not None and not pd.isna(high):
        candidates.append(float(high))
    if unit in UNITS:
        family = UNITS[unit].family
        candidates += [
            convert(c, unit, other)
            for c in list(candidates)
            for other, spec in UNITS.items()
            if spec.family == family
        ]
    return any(math.isclose(plotted, c, rel_tol=1e-6, abs_tol=1e-9) for c in candidates)


def _conversion_notes(series: list[NativeSeries], by_id: dict) -> list[str]:
    notes = []
    for one in series:
        for row_id, plotted in zip(one.row_ids, one.values, strict=True):
            row = by_id.get(row_id)
            if row is None or plotted is None or pd.isna(row.get("value")):
                continue
            if not math.isclose(float(row["value"]), plotted, rel_tol=1e-9, abs_tol=1e-12):
                printed = format_figure_value(row) or f"{row['value']} {row.get('unit', '')}"
                notes.append(f"{row_id}: plotted as {plotted:g} on the shared axis; printed as {printed}.")
    return notes


def _panel_title(layout: dict, x_domain, y_domain) -> str:
    for note in layout.get("annotations", []) or []:
        if note.get("xref", "paper") != "paper" or note.get("yref", "paper") != "paper":
            continue
        x, y = note.get("x", 0.5), note.get("y", 0.5)
        if abs(y - y_domain[1]) < 0.04 and x_domain[0] - 0.01 <= x <= x_domain[1] + 0.01 and note.get("text"):
            return plain(note["text"])
    return ""


def native_layout(kind: str | None, figure: dict, rows: pd.DataFrame | None = None) -> NativeLayout | None:
    """The figure (a builder's dict) as native PowerPoint panels, or None when it cannot honestly be one."""
    if kind not in ("bar", "line", "scatter"):
        return None
    spec = figure
    layout = spec.get("layout", {})
    by_id = (
        {str(r["row_id"]): r for r in rows.to_dict("records")}
        if rows is not None and "row_id" in rows
        else {}
    )
    groups: dict[tuple[str, str], list[dict]] = {}
    omitted = []
    for trace in spec.get("data", []):
        name = plain(trace.get("name")) or "Series"
        if trace.get("type", "scatter") not in ("bar", "scatter") or trace.get("visible", True) is False:
            omitted.append(f"{name} ({trace.get('type')})")
            continue
        groups.setdefault((trace.get("xaxis") or "x", trace.get("yaxis") or "y"), []).append(trace)
    panels, remarks = [], []
    for (x_ref, y_ref), traces in groups.items():
        x_axis = layout.get(_axis_name(x_ref, "x"), {}) or {}
        y_axis = layout.get(_axis_name(y_ref, "y"), {}) or {}
        panel = _panel(kind, traces, x_axis, y_axis, by_id, omitted, remarks)
        if panel is None:
            return None
        x_domain, y_domain = tuple(x_axis.get("domain", (0, 1))), tuple(y_axis.get("domain", (0, 1)))
        panel.domain = (*x_domain, *y_domain)
        panel.title = _panel_title(layout, x_domain, y_domain)
        if panel.value_axis_title and panel.value_axis_title.lower() in panel.title.lower():
            panel.value_axis_title = ""  # "Officers trained (people)" already says the unit
        panels.append(panel)
    if not panels:
        return None
    panels.sort(key=lambda p: (-p.domain[3], p.domain[0]))
    return NativeLayout(panels, omitted, list(dict.fromkeys(remarks)))


def _panel(kind, traces, x_axis, y_axis, by_id, omitted, remarks) -> NativeChart | None:
    """One subplot as a native chart; None if its marks do not plot the figures' values."""
    horizontal = any(t.get("type") == "bar" and t.get("orientation") == "h" for t in traces)
    if not horizontal and not any(t.get("type") == "bar" for t in traces):
        ys = [v for t in traces for v in _as_list(t.get("y"))]
        horizontal = _is_categorical(ys, y_axis) and not _is_categorical(
            [v for t in traces for v in _as_list(t.get("x"))], x_axis
        )
    value_axis, category_axis = (x_axis, y_axis) if horizontal else (y_axis, x_axis)
    series, order, derived = [], {}, set()
    for trace in traces:
        name = plain(trace.get("name")) or f"Series {len(series) + 1}"
        x, y = _as_list(trace.get("x")), _as_list(trace.get("y"))
        positions, values = (y, x) if horizontal else (x, y)
        if not values:
            omitted.append(f"{name} (no values)")
            continue
        if not positions:
            positions = list(range(len(values)))
        numbers = [_number(v) for v in values]
        ids = _row_ids(trace, len(values))
        for row_id, plotted in zip(ids, numbers, strict=True):
            row = by_id.get(row_id)
            if row is None or plotted is None or _matches_printed(plotted, row) is not False:
                continue
            if bool(row.get("is_external")) is not True:
                return None  # the marks place figures (e.g. by year); values are only in the hover
            remarks.append(
                f"“{name}” plots values computed from external rows (e.g. {row_id}), "
                "not the rows' own values."
            )
            derived.update(i for i in ids if i)
            break
        mode = trace.get("mode") or ("markers" if len(values) > 20 else "lines+markers")
        show_line = trace.get("type") == "scatter" and "lines" in mode
        if kind == "scatter" and not horizontal and not _is_categorical(positions, category_axis):
            series.append(
                NativeSeries(name, [_number(p) for p in positions], numbers, ids, _colour(trace), show_line)
            )
            continue
        raw = [_label(p, category_axis) for p in positions]
        for label, position in zip(raw, positions, strict=True):
            order.setdefault(label, _number(position) if _number(position) is not None else len(order))
        is_bar_like = trace.get("type") == "bar" or horizontal
        if len(set(raw)) == len(raw) or is_bar_like:
            series.append(NativeSeries(name, _unique(raw), numbers, ids, _colour(trace), show_line))
            continue
        # several marks at one x in a line chart: one series per mark, named by its label
        texts = [plain(t) for t in _as_list(trace.get("text"))] + [""] * len(raw)
        for index, (label, value, row_id) in enumerate(zip(raw, numbers, ids, strict=True)):
            point_name = f"{name}: {texts[index] or row_id or index + 1}"
            series.append(NativeSeries(point_name, [label], [value], [row_id], _colour(trace), False))
    if not series:
        return None
    value_title = plain((value_axis.get("title") or {}).get("text"))
    category_title = plain((category_axis.get("title") or {}).get("text"))
    conversions = _conversion_notes(series, {k: v for k, v in by_id.items() if k not in derived})
    if (
        kind == "scatter"
        and not horizontal
        and all(isinstance(c, float) for s in series for c in s.categories)
    ):
        return NativeChart(
            XL_CHART_TYPE.XY_SCATTER,
            series,
            [],
            value_title,
            category_title,
            conversions=conversions,
            value_axis_log=value_axis.get("type") == "log",
        )
    categories = []
    for one in series:
        categories += [c for c in one.categories if c not in categories]
    if all(_is_number_text(c) for c in categories):
        categories.sort(key=float)
    elif all(isinstance(order.get(c), float) for c in categories):
        categories.sort(key=lambda c: order[c])  # tick positions: plotly and PowerPoint both count up
    if any(t.get("type") == "bar" for t in traces) or horizontal:
        if any(t.get("type") == "scatter" for t in traces):
            remarks.append("Dots are drawn as bars in PowerPoint; the values are the same.")
        chart_type = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    else:
        chart_type = XL_CHART_TYPE.LINE_MARKERS
    native = NativeChart(chart_type, series, categories, value_title, category_title, conversions=conversions)
    if category_axis.get("autorange") == "reversed":  # reorder instead of flipping the axis,
        native.categories = native.categories[::-1]  # so the value axis stays at the bottom
    native.value_axis_log = value_axis.get("type") == "log"
    return native


def _is_number_text(text) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def panel_height_inches(panel: NativeChart) -> float:
    """Height a panel needs to stay legible: bars need room per category, others a fixed plot."""
    overhead = (
        0.5
        + (0.25 if panel.title else 0)
        + (0.3 if len(panel.series) > 1 else 0)
        + (0.25 if panel.value_axis_title else 0)
    )
    if panel.chart_type == XL_CHART_TYPE.BAR_CLUSTERED:
        return overhead + 0.24 * max(1, len(panel.categories))
    return overhead + 1.4


def fits_on_slide(layout: NativeLayout, height_inches: float) -> bool:
    """True when the panels, stacked, fit the slide's chart area legibly."""
    return sum(panel_height_inches(panel) for panel in layout.panels) <= height_inches * 1.1
