"""Draw the plans of app.export.native_charts on a slide as native PowerPoint charts.

- Row charts: an XY chart, one series per row (a bar or range as its two ends, a point alone),
  each labelled as printed; its plot area placed by hand (``c:manualLayout``, honoured by both
  PowerPoint and LibreOffice) so that the row labels, text boxes beside it, line up with the rows.
- Lines by year: the external series in one XY chart, the reports' figures in a second,
  transparent one of the same size and axes laid over it, so they are drawn on top in both
  renderers (PowerPoint draws the last series on top, LibreOffice the first).
- Columns by category: clustered columns, each labelled as printed.
"""

from __future__ import annotations

import math

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from app.export.chart_style import (
    AXIS_LINE,
    LABEL_PT,
    TICK_PT,
    add_text,
    bare,
    hide_axis,
    label_point,
    nice_ceiling,
    no_line,
    place_plot_area,
    rgb,
    set_axis_title,
    style_line,
    style_marker,
    style_value_axis,
    text_inches,
    transparent,
)
from app.export.native_charts import ColumnsPanel, ContextLine, LinesPanel, Mark, RowsPanel

HEADING = Inches(0.3)  # a panel's title above it
AXIS_BAND = Inches(0.28)  # the value axis's tick labels under a row chart
LINES_LEFT, LINES_BOTTOM = Inches(1.0), Inches(0.62)  # room for a lines chart's axis labels and titles
ROW_LABEL_PT = 10
MAX_LABEL_INCHES = 4.6


# Row charts -------------------------------------------------------------------------------------


def row_axis(marks: list[Mark], log: bool) -> tuple[float, float]:
    """The value axis of a row chart: from zero (or a power of ten) to a round number."""
    values = [v for mark in marks for v in (mark.value, mark.end)]
    if log:
        positive = [v for v in values if v > 0] or [1.0]  # a point on the lowest power sits clear of the axis
        return 10 ** math.floor(math.log10(min(positive)) - 0.25), 10 ** math.ceil(math.log10(max(positive)))
    low = min(0.0, *values)
    return (-nice_ceiling(-low) if low < 0 else 0.0), nice_ceiling(max(0.0, *values))


def _share(value: float, low: float, high: float, log: bool) -> float:
    if log:
        return (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
    return (value - low) / (high - low)


def plot_share(marks: list[Mark], axis: tuple[float, float], log: bool, frame_inches: float) -> float:
    """The share of the chart frame's width the plot takes so that every label fits on its right."""
    share = 0.97
    for mark in marks:
        at = _share(mark.end, *axis, log)
        room = text_inches(mark.label, LABEL_PT) + 0.3
        if at > 0:
            share = min(share, (frame_inches - room) / (frame_inches * at))
    return max(0.45, share)


def row_label_width(panels: list[RowsPanel]) -> Emu:
    """One label column for all the row charts of a slide: as wide as the longest label, up to
    about a third of the slide (longer labels wrap)."""
    longest = max((text_inches(label, ROW_LABEL_PT) for p in panels for label, _ in p.rows), default=0)
    return Inches(min(MAX_LABEL_INCHES, max(1.6, longest + 0.15)))


def label_lines(label: str, width, points: float = ROW_LABEL_PT) -> int:
    """How many lines a row label takes in a label column of this width."""
    return max(1, math.ceil(text_inches(label, points) / (width / Inches(1) - 0.1)))


def label_points(labels: list[str], width, pitch) -> float:
    """The largest size, up to ROW_LABEL_PT, at which every row label fits its row's height."""
    for points in (ROW_LABEL_PT, 9.5, 9, 8.5, 8):
        if all(label_lines(label, width, points) * points * 1.2 <= pitch / Pt(1) for label in labels):
            return points
    return 7.5


def panel_group(shapes, title: str, box, name: str):
    """A group for one panel, its title on top; returns the group and the box left under the title."""
    left, top, width, height = box
    group = shapes.add_group_shape()
    group.name = f"panel {name}"
    if not title:
        return group, box
    add_text(group.shapes, (left, top, width, HEADING), title, 12, bold=True, tight=True, name="heading")
    return group, (left, top + HEADING, width, height - HEADING)


def add_rows_panel(shapes, panel: RowsPanel, box, label_width: int, name: str):
    """A row chart in a group with its heading and row labels; returns the chart."""
    group, (left, top, width, height) = panel_group(shapes, panel.title, box, name)
    frame_left = left + label_width + Inches(0.12)
    frame_box = (frame_left, top, left + width - frame_left, height)
    rows_height = height - AXIS_BAND
    pitch = rows_height / len(panel.rows)
    label_pt = label_points([label for label, _ in panel.rows], label_width, pitch)
    for index, (label, _) in enumerate(panel.rows):
        row_box = (left, top + int(pitch * index), label_width, int(pitch))
        align = {"align": PP_ALIGN.RIGHT, "anchor": MSO_ANCHOR.MIDDLE}
        add_text(group.shapes, row_box, label, label_pt, **align, tight=True, name=f"row {index + 1}")
    frame = group.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, *frame_box, _rows_data(panel))
    frame.name = f"chart {name}"
    _style_rows_chart(frame.chart, panel, frame_box, rows_height, pitch)
    return frame.chart


def series_order(marks: list[Mark]) -> list[int]:
    """Bars and ranges (two points each) before points (one): LibreOffice drops one-point series
    of an XY chart that come before a longer one."""
    return sorted(range(len(marks)), key=lambda i: marks[i].form == "point")


def _rows_data(panel: RowsPanel) -> XyChartData:
    """One series per row, named by its label: a bar or range as its two ends, a point alone."""
    data = XyChartData(number_format="General")
    count = len(panel.rows)
    for index in series_order(panel.marks):
        label, mark = panel.rows[index]
        series = data.add_series(label)
        y = count - 1 - index
        if mark.form == "bar":
            series.add_data_point(0, y)
        elif mark.form == "span":
            series.add_data_point(mark.value, y)
        series.add_data_point(mark.end, y)
    return data


def _style_rows_chart(chart, panel: RowsPanel, frame_box, rows_height: int, pitch: float) -> None:
    bare(chart)
    axis = row_axis(panel.marks, panel.log)
    share = plot_share(panel.marks, axis, panel.log, frame_box[2] / Inches(1))
    place_plot_area(chart, 0.01, 0.0, share, rows_height / frame_box[3])
    rows_axis = chart.value_axis
    rows_axis.minimum_scale, rows_axis.maximum_scale = -0.5, len(panel.rows) - 0.5
    hide_axis(rows_axis)
    rows_axis.crosses = XL_AXIS_CROSSES.MINIMUM  # the value axis runs along the bottom row
    style_value_axis(chart.category_axis, *axis, log=panel.log)
    thickness = min(16.0, 0.55 * pitch / Pt(1))
    has_bars = any(mark.form == "bar" for mark in panel.marks)
    marks = [panel.marks[i] for i in series_order(panel.marks)]
    for series, mark in zip(chart.plots[0].series, marks, strict=True):
        if mark.form == "point":
            no_line(series)
            style_marker(series, mark.symbol, int(min(13, 0.6 * pitch / Pt(1))), mark.colour)
        else:
            style_line(series, mark.colour, thickness if has_bars else thickness * 0.5, flat=True)
            style_marker(series, None)
        last = len(series.values) - 1
        position = XL_LABEL_POSITION.LEFT if mark.end < 0 else XL_LABEL_POSITION.RIGHT
        label_point(series.points[last], mark.label, position)


# Lines by year ----------------------------------------------------------------------------------


def year_span(panels: list[LinesPanel]) -> tuple[float, float]:
    """The years of all the lines charts of a slide, one year beyond each end: one shared axis."""
    xs = [x for panel in panels for line in panel.context for x in line.xs]
    xs += [mark.x for panel in panels for mark in panel.marks]
    return min(xs) - 1, max(xs) + 1


def add_lines_panel(shapes, panel: LinesPanel, box, name: str, years: tuple[float, float]):
    """External lines in one chart; the reports' figures, larger and labelled as printed, in a
    second, transparent chart of the same size and axes laid over it. (Series order cannot put
    them on top: PowerPoint draws the last series on top, LibreOffice the first.)"""
    group, frame_box = panel_group(shapes, panel.title, box, name)
    ys = [y for line in panel.context for y in line.ys] + [v for m in panel.marks for v in (m.value, m.end)]
    y_axis = panel.y_range or (min(0.0, *ys), nice_ceiling(max(ys)))
    # longest first, ranges before points: LibreOffice drops a short XY series before a longer one
    context = sorted(panel.context, key=lambda line: -len(line.xs))
    marks = sorted(panel.marks, key=lambda mark: mark.high is None)
    charts = []
    if context:
        charts.append(_xy_chart(group.shapes, frame_box, _context_data(context), f"context {name}"))
        _style_context(charts[-1], context)
    if marks:
        charts.append(_xy_chart(group.shapes, frame_box, _marks_data(marks), f"chart {name}"))
        _style_marks(charts[-1], marks)
    for index, chart in enumerate(charts):
        _style_year_axes(chart, panel, years, y_axis, is_overlay=index > 0)
    return charts[-1]


def _xy_chart(shapes, box, data, name: str):
    frame = shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, *box, data)
    frame.name = name
    bare(frame.chart)
    width, height = box[2], box[3]
    plot = (LINES_LEFT / width, 0.03, 1 - (LINES_LEFT + Inches(0.25)) / width, 0.97 - LINES_BOTTOM / height)
    place_plot_area(frame.chart, *plot)
    return frame.chart


def _context_data(context: list[ContextLine]) -> XyChartData:
    data = XyChartData(number_format="General")
    for line in context:
        series = data.add_series(line.name)
        for x, y in zip(line.xs, line.ys, strict=True):
            series.add_data_point(x, y)
    return data


def _marks_data(marks: list[Mark]) -> XyChartData:
    """One series per figure: a point alone, a range as its two ends."""
    data = XyChartData(number_format="General")
    for mark in marks:
        series = data.add_series(mark.label)
        if mark.high is not None:
            series.add_data_point(mark.x, mark.value)
        series.add_data_point(mark.x, mark.end)
    return data


def _label_sides(marks: list[Mark]) -> list:
    """Right of its point, or left where another figure sits at the same year just above."""
    sides = [XL_LABEL_POSITION.RIGHT] * len(marks)
    by_year: dict = {}
    for index, mark in enumerate(marks):
        by_year.setdefault(mark.x, []).append(index)
    for indices in by_year.values():
        for rank, index in enumerate(sorted(indices, key=lambda i: -marks[i].end)):
            sides[index] = XL_LABEL_POSITION.RIGHT if rank % 2 == 0 else XL_LABEL_POSITION.LEFT
    return sides


def _style_context(chart, context: list[ContextLine]) -> None:
    for series, line in zip(chart.plots[0].series, context, strict=True):
        style_line(series, line.colour, 2.0, dotted=line.dotted)
        style_marker(series, "circle", 5, line.colour)


def _style_marks(chart, marks: list[Mark]) -> None:
    for series, mark, side in zip(chart.plots[0].series, marks, _label_sides(marks), strict=True):
        if mark.high is None:
            no_line(series)
        else:
            style_line(series, mark.colour, 6.0, flat=True)
        style_marker(series, mark.symbol, 13, mark.colour)
        label_point(series.points[len(series.values) - 1], mark.label, side)


def _style_year_axes(chart, panel: LinesPanel, years_span, y_axis, is_overlay: bool) -> None:
    """Years along the bottom, values up the side; an overlay keeps the scales and hides the rest."""
    years, values = chart.category_axis, chart.value_axis
    years.minimum_scale, years.maximum_scale = years_span
    if is_overlay:
        values.minimum_scale, values.maximum_scale = y_axis
        years.visible = values.visible = False
        years.has_major_gridlines = values.has_major_gridlines = False
        transparent(chart)
        return
    style_value_axis(values, *y_axis, title=panel.y_title)
    years.major_unit = 1 if years_span[1] - years_span[0] <= 26 else 2
    years.tick_labels.number_format, years.tick_labels.number_format_is_linked = "0", False
    years.tick_labels.font.size = Pt(TICK_PT)
    years.format.line.color.rgb = AXIS_LINE
    years.major_tick_mark = XL_TICK_MARK.OUTSIDE
    set_axis_title(years, panel.x_title)


# Columns by category ----------------------------------------------------------------------------


def add_columns_panel(shapes, panel: ColumnsPanel, box, name: str):
    """Clustered columns, a series per trace in its colour, each column labelled as printed."""
    group, frame_box = panel_group(shapes, panel.title, box, name)
    data = CategoryChartData(number_format="General")
    data.categories = panel.categories
    for one in panel.series:
        data.add_series(one.name, [one.marks[c].value if c in one.marks else None for c in panel.categories])
    frame = group.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *frame_box, data)
    frame.name = f"chart {name}"
    chart = frame.chart
    bare(chart)
    chart.plots[0].gap_width = 60
    top_value = max(mark.value for one in panel.series for mark in one.marks.values())
    style_value_axis(chart.value_axis, 0.0, nice_ceiling(top_value * 1.1), title=panel.y_title)
    chart.category_axis.tick_labels.font.size = Pt(TICK_PT + 1)
    chart.category_axis.format.line.color.rgb = AXIS_LINE
    set_axis_title(chart.category_axis, panel.x_title)
    for series, one in zip(chart.plots[0].series, panel.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(one.colour)
        for index, category in enumerate(panel.categories):
            if category in one.marks:
                label_point(series.points[index], one.marks[category].label, XL_LABEL_POSITION.OUTSIDE_END)
    return chart
