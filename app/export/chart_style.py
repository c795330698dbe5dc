"""House style for native PowerPoint charts: fonts, legend, colours as on screen, axis details.

Some settings python-pptx has no API for (log axis, label every category) are written as
the chart XML elements PowerPoint itself uses.
"""

from __future__ import annotations

from pptx.chart.chart import Chart as PptxChart
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from app.export.native_charts import NativeChart


def style_native_chart(graphic_chart: PptxChart, native: NativeChart) -> None:
    graphic_chart.font.size = Pt(12)
    if native.title:
        graphic_chart.has_title = True
        graphic_chart.chart_title.text_frame.text = native.title
        for paragraph in graphic_chart.chart_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(13)
                run.font.bold = True
    else:
        graphic_chart.has_title = False
    graphic_chart.has_legend = len(native.series) > 1
    if graphic_chart.has_legend:
        graphic_chart.legend.position = XL_LEGEND_POSITION.TOP
        graphic_chart.legend.include_in_layout = False  # the plot shrinks to make room
        graphic_chart.legend.font.size = Pt(11)
    is_line = native.is_xy or native.chart_type.name.startswith("LINE")
    for plot in graphic_chart.plots:
        if not is_line:
            plot.gap_width = 50
            if not _shares_categories(native):
                plot.overlap = 100  # one bar per category: full width, no empty slots
        for series, source in zip(plot.series, native.series, strict=False):
            colour = RGBColor.from_string(source.color[1:].upper()) if source.color else None
            if is_line:
                if colour is not None:
                    series.format.line.color.rgb = colour
                    series.marker.format.fill.solid()
                    series.marker.format.fill.fore_color.rgb = colour
                if not source.show_line:
                    series.format.line.fill.background()  # markers only, as on screen
            elif colour is not None:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
    for axis_name, title in (
        ("value_axis", native.value_axis_title),
        ("category_axis", native.category_axis_title),
    ):
        if not title:
            continue
        try:
            axis = getattr(graphic_chart, axis_name)
        except ValueError:
            continue
        axis.has_title = True
        axis.axis_title.text_frame.text = title.replace("<br>", " ")
        for paragraph in axis.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(12)
                run.font.bold = False
    if native.value_axis_log:
        _set_log_scale(graphic_chart.value_axis)
    if not native.is_xy:
        _show_every_category_label(graphic_chart.category_axis)
        graphic_chart.category_axis.tick_labels.font.size = Pt(10 if len(native.categories) > 8 else 11)
        if native.reverse_categories:
            graphic_chart.category_axis.reverse_order = True
    graphic_chart.value_axis.tick_labels.font.size = Pt(11)


def _set_log_scale(axis) -> None:
    """A log value axis, as on screen (python-pptx has no API for it: c:scaling/c:logBase)."""
    scaling = axis._element.find(qn("c:scaling"))
    if scaling is not None and scaling.find(qn("c:logBase")) is None:
        log_base = OxmlElement("c:logBase")
        log_base.set("val", "10")
        scaling.insert(0, log_base)


def _show_every_category_label(axis) -> None:
    """Label every category (viewers otherwise skip some when labels are long)."""
    element = axis._element
    if element.find(qn("c:tickLblSkip")) is None:
        skip = OxmlElement("c:tickLblSkip")
        skip.set("val", "1")
        no_multi = element.find(qn("c:noMultiLvlLbl"))
        if no_multi is not None:
            no_multi.addprevious(skip)
        else:
            element.append(skip)


def _shares_categories(native: NativeChart) -> bool:
    """True if some category has values in more than one series (then bars sit side by side)."""
    seen = set()
    for series in native.series:
        filled = {c for c, v in zip(series.categories, series.values, strict=True) if v is not None}
        if seen & filled:
            return True
        seen |= filled
    return False
