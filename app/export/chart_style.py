"""House style for native PowerPoint charts and the text beside them: sizes, colours, data
labels, lines, markers, axes, round numbers.

A data label is rich text (``c:dLbl`` with ``c:tx/c:rich``, which both PowerPoint and LibreOffice
draw), set not to wrap, on a white ground. Settings python-pptx has no API for (log axis, manual
plot area, line caps, label fill, transparency) are written as the chart XML PowerPoint itself
uses.
"""

from __future__ import annotations

import math

from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

INK = RGBColor(0x22, 0x22, 0x22)
GRID = RGBColor(0xE3, 0xE5, 0xE8)
AXIS_LINE = RGBColor(0x8C, 0x95, 0x9F)
LABEL_PT = 11  # data labels: the figures as printed
TICK_PT = 10
CHAR_EM = 0.5  # average character width of the slide fonts, in em (DejaVu Sans, a wide one, is ~0.47)
MARKERS = {
    "circle": XL_MARKER_STYLE.CIRCLE,
    "diamond": XL_MARKER_STYLE.DIAMOND,
    "triangle": XL_MARKER_STYLE.TRIANGLE,
    "square": XL_MARKER_STYLE.SQUARE,
    "star": XL_MARKER_STYLE.STAR,
}


def text_inches(text: str, points: float) -> float:
    """About how wide a line of text is at a font size, in inches."""
    return len(text) * points * CHAR_EM / 72


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def nice_ceiling(value: float) -> float:
    """The next round number at or above value (1, 1.2, 1.5, 2 … 8 or 10 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    steps = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(step * power for step in steps if step * power >= value * (1 - 1e-9))


def nice_step(span: float) -> float:
    """A gridline step giving four to eight lines over the span: 1, 2 or 5 times a power of ten."""
    power = 10 ** math.floor(math.log10(span / 4))
    return next(step * power for step in (1, 2, 5, 10) if span / (step * power) <= 8)


def add_text(
    shapes,
    box,
    text: str,
    points: float,
    *,
    bold=False,
    colour=INK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    tight=False,
    name="",
):
    """A text box of one paragraph per line of text (``tight``: no insets)."""
    text_box = shapes.add_textbox(*box)
    text_box.name = name or text_box.name
    frame = text_box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    if tight:
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(points), bold
        run.font.color.rgb = colour
    return text_box


def label_point(point, text: str, position, points: float = LABEL_PT) -> None:
    """The point's data label: its text as printed, unwrapped, on a white ground."""
    label = point.data_label
    frame = label.text_frame
    frame.text = text
    frame.word_wrap = False
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(points)
        run.font.color.rgb = INK
    label.position = position
    fill = OxmlElement("c:spPr")
    solid = OxmlElement("a:solidFill")
    colour = OxmlElement("a:srgbClr")
    colour.set("val", "FFFFFF")
    solid.append(colour)
    fill.append(solid)
    label._dLbl.find(qn("c:tx")).addnext(fill)


def style_line(series, colour: str, width: float, *, dotted=False, flat=False) -> None:
    line = series.format.line
    line.color.rgb = rgb(colour)
    line.width = Pt(width)
    if dotted:
        line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
    if flat:
        line._get_or_add_ln().set("cap", "flat")


def style_marker(series, symbol: str | None, size: int = 0, colour: str = "") -> None:
    if symbol is None:
        series.marker.style = XL_MARKER_STYLE.NONE
        return
    series.marker.style = MARKERS.get(symbol, XL_MARKER_STYLE.CIRCLE)
    series.marker.size = size
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = rgb(colour)
    series.marker.format.line.color.rgb = rgb(colour)


def no_line(series) -> None:
    series.format.line.fill.background()


def set_log_scale(axis) -> None:
    scaling = axis._element.find(qn("c:scaling"))
    if scaling is not None and scaling.find(qn("c:logBase")) is None:
        log_base = OxmlElement("c:logBase")
        log_base.set("val", "10")
        scaling.insert(0, log_base)


def place_plot_area(chart, x: float, y: float, w: float, h: float) -> None:
    """Put the plot's inner area (without tick labels) at these fractions of the chart frame."""
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = OxmlElement("c:layout")
        plot_area.insert(0, layout)
    manual = OxmlElement("c:manualLayout")
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        element = OxmlElement(f"c:{tag}")
        element.set("val", value)
        manual.append(element)
    for tag, value in (("x", x), ("y", y), ("w", w), ("h", h)):
        element = OxmlElement(f"c:{tag}")
        element.set("val", f"{value:.4f}")
        manual.append(element)
    layout.append(manual)


def hide_axis(axis) -> None:
    axis.has_major_gridlines = False
    axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.fill.background()


def style_value_axis(axis, low: float, high: float, *, log=False, title="") -> None:
    axis.minimum_scale, axis.maximum_scale = low, high
    if log:
        set_log_scale(axis)
    else:
        axis.major_unit = nice_step(high - low)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = GRID
    axis.format.line.color.rgb = AXIS_LINE
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.tick_labels.font.size = Pt(TICK_PT)
    axis.tick_labels.number_format = "#,##0.##" if high >= 1000 else "General"
    axis.tick_labels.number_format_is_linked = False
    set_axis_title(axis, title)


def set_axis_title(axis, title: str) -> None:
    if title:
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        for run in axis.axis_title.text_frame.paragraphs[0].runs:
            run.font.size, run.font.bold = Pt(TICK_PT + 1), False


def bare(chart) -> None:
    chart.has_title = False
    chart.has_legend = False
    chart.font.size = Pt(TICK_PT)


def _no_fill():
    shape = OxmlElement("c:spPr")
    shape.append(OxmlElement("a:noFill"))
    line = OxmlElement("a:ln")
    line.append(OxmlElement("a:noFill"))
    shape.append(line)
    return shape


def transparent(chart) -> None:
    """No fill or border on the chart and its plot area: what is under it shows through."""
    chart_element = chart._chartSpace.find(qn("c:chart"))
    chart_element.find(qn("c:plotArea")).append(_no_fill())  # after the plot area's axes
    chart_element.addnext(_no_fill())  # the chart space's c:spPr comes right after c:chart
