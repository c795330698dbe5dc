"""A PowerPoint deck of the charts a reader picks, saying what the dashboard says.

Charts whose marks plot the figures become native, editable PowerPoint charts (app.export.
native_charts reads the dashboard's figure, app.export.chart_style draws it): every figure
labelled as printed, qualifier included, in the dashboard's colours (colour = essay; external
data muted and named so), ranges drawn from their low to their high end. Others (the map, the
timeline, the arms panels) become a PNG rendered by kaleido, or, with no browser, a note saying
so; their figures follow on a table slide. "All other figures" become a few slides grouped by
kind of figure, with the full list as an appendix at the end of the deck. Every slide has a
source footer and its figures' verbatim quotes in the speaker notes.

A deck of one chart, or under filters, is titled after it (``deck_title``) and named after it
(``app.export.links.deck_file_name``).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches

from app.catalog import Catalog, Rows, Selection
from app.charts import Chart, ChartRows, chart_rows, draw
from app.citations import source_line
from app.export.chart_style import add_text
from app.export.deck_tables import add_figure_tables, add_kind_slides
from app.export.images import ImageExportError, browser_problem, render_chart_image
from app.export.native_charts import NativeLayout, Panel, native_layout
from app.export.native_drawing import (
    AXIS_BAND,
    HEADING,
    add_columns_panel,
    add_lines_panel,
    add_rows_panel,
    label_lines,
    row_label_width,
    year_span,
)
from app.export.slides import (
    BODY,
    MARGIN,
    MUTED_COLOUR,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    add_key,
    add_source_footer,
    key_inches,
    new_slide,
    notes_text,
    numbered,
)
from app.view import View, describe_filters

DECK_TITLE = "Sino-Russian relations in figures"
IMAGE_PX = (1100, 500)  # logical px, rendered at 2.5×: fills the slide body, text readable
PANEL_GAP = Inches(0.08)
MIN_FILL = 0.75  # rows may shrink to 75% of their natural height before a chart takes two slides
MAX_GROWTH = 1.5  # and grow to 150% of it to fill a slide


@dataclass
class Placed:
    """What went on the slides for one chart (for the progress line) and what the appendix needs."""

    kind: str  # "native", "image", "missing" or "table"
    detail: str = ""
    appendix: Rows | None = None


def deck_title(charts: list[Chart], view: View, essay_names: dict | None = None) -> str:
    """The chart's title for a deck of one chart; else the deck's, with the filters if any."""
    if len(charts) == 1:
        return charts[0].title
    return DECK_TITLE + (f": {describe_filters(view, essay_names)}" if view.is_filtered else "")


def add_title_slide(prs, title: str, charts: list, filters: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    width = SLIDE_WIDTH - 2 * MARGIN
    add_text(
        slide.shapes,
        (MARGIN, Inches(1.6), width, Inches(1.8)),
        title,
        40 if len(title) < 60 else 32,
        bold=True,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    lines = [
        f"{len(charts)} chart{'s' if len(charts) != 1 else ''} of figures cited in NBR Special Report #79 "
        "(2019) and “French Perspective” (2014)",
        f"Filters: {filters}",
        f"Exported {dt.date.today().isoformat()}. Every figure is shown as printed, qualifier included; "
        "quotes are in the speaker notes.",
    ]
    add_text(slide.shapes, (MARGIN, Inches(3.6), width, Inches(2)), "\n".join(lines), 18, colour=MUTED_COLOUR)
    slide.notes_slide.notes_text_frame.text = "Charts in this deck:\n" + "\n".join(
        f"- {chart.title} ({chart.id})" for chart in charts
    )


# Native charts ----------------------------------------------------------------------------------


def natural_inches(panel: Panel, height_inches: float, label_width) -> tuple[float, float]:
    """The height a panel reads well at, as (fixed, flexible) inches: a row chart's heading and
    axis, and its rows by their label lines; other charts their share of the dashboard's figure."""
    if panel.form != "rows":
        return 0.0, max(2.0, (panel.domain[3] - panel.domain[2]) * height_inches)
    rows = sum(0.15 * label_lines(label, label_width) + 0.1 for label, _ in panel.rows)
    return (HEADING + AXIS_BAND) / Inches(1), rows


def _squeeze(needs: list[tuple[float, float]], height_inches: float) -> float:
    """How far a slide of panels must shrink its rows to fit (1 = not at all, < MIN_FILL = too far)."""
    fixed = sum(f for f, _ in needs) + PANEL_GAP / Inches(1) * (len(needs) - 1)
    flexible = sum(f for _, f in needs)
    return (height_inches - fixed) / flexible if flexible else 1.0


def plan_pages(panels: list[Panel], height_inches: float, label_width) -> list[list[Panel]]:
    """Panels top to bottom on as few slides as keep their rows at MIN_FILL or more; where a chart
    needs several, the cut that shrinks its fullest slide least."""
    needs = [natural_inches(panel, height_inches, label_width) for panel in panels]
    for count in range(1, len(panels) + 1):
        cuts = [
            (0, *chosen, len(panels)) for chosen in itertools.combinations(range(1, len(panels)), count - 1)
        ]
        best = max(
            cuts, key=lambda c: min(_squeeze(needs[a:b], height_inches) for a, b in itertools.pairwise(c))
        )
        if min(_squeeze(needs[a:b], height_inches) for a, b in itertools.pairwise(best)) >= MIN_FILL:
            break
    return [panels[a:b] for a, b in itertools.pairwise(best)]


def add_panels(slide, panels: list[Panel], box, chart_id: str) -> None:
    """Panels stacked in the box: headings and axes as they are, rows scaled to fill (within limits)."""
    left, top, width, height = box
    label_width = row_label_width([p for p in panels if p.form == "rows"])
    needs = [natural_inches(panel, height / Inches(1), label_width) for panel in panels]
    scale = _squeeze(needs, height / Inches(1))
    if any(panel.form == "rows" for panel in panels):
        scale = min(scale, MAX_GROWTH)
    lines = [p for p in panels if p.form == "lines"]
    years = year_span(lines) if lines else None
    y = top
    for index, (panel, (fixed, flexible)) in enumerate(zip(panels, needs, strict=True), start=1):
        name = chart_id + (f" {index}" if len(panels) > 1 else "")
        panel_box = (left, y, width, Inches(fixed + flexible * scale))
        if panel.form == "rows":
            add_rows_panel(slide.shapes, panel, panel_box, label_width, name)
        elif panel.form == "lines":
            add_lines_panel(slide.shapes, panel, panel_box, name, years)
        else:
            add_columns_panel(slide.shapes, panel, panel_box, name)
        y += panel_box[3] + PANEL_GAP


def _page_rows(parts: ChartRows, panels: list[Panel], whole: bool) -> ChartRows:
    """The rows a slide shows: all of them on a chart's only slide, else those of its marks (and
    the external rows on the slide with the lines)."""
    if whole:
        return parts
    ids = {mark.row_id for panel in panels for mark in panel.marks}
    own = parts.own.where([row_id in ids for row_id in parts.own["row_id"]])
    has_lines = any(panel.form == "lines" for panel in panels)
    return ChartRows(own, parts.reference if has_lines else parts.reference.take(()))


def add_native_slides(prs, chart: Chart, native: NativeLayout, parts: ChartRows) -> int:
    """The chart's native panels on as few slides as read well; returns the slide count."""
    key_height = key_inches(native.key, BODY[2])
    label_width = row_label_width([panel for panel in native.panels if panel.form == "rows"])
    pages = plan_pages(native.panels, BODY[3] / Inches(1) - key_height, label_width)
    for number, panels in enumerate(pages, start=1):
        slide, body = new_slide(prs, numbered(chart.title, number, len(pages)))
        left, top, width, height = body
        key = NativeLayout(panels).key
        key_height = Inches(key_inches(key, width))
        add_key(slide, key, (left, top, width, key_height))
        add_panels(slide, panels, (left, top + key_height, width, height - key_height), chart.id)
        shown = _page_rows(parts, panels, len(pages) == 1)
        add_source_footer(slide, source_line(shown.own, shown.reference))
        has_range = any(mark.high is not None for panel in panels for mark in panel.marks)
        how = (
            f"Native PowerPoint chart{'s' if len(panels) > 1 else ''} ({native.form_names}) of the values "
            "the dashboard plots, each figure labelled as printed"
            + ("; a range runs from its low to its high end" if has_range else "")
            + ". Right-click › Edit Data to restyle."
        )
        slide.notes_slide.notes_text_frame.text = notes_text(chart, shown.frame(), native, how)
    return len(pages)


# Images -----------------------------------------------------------------------------------------


def _add_image(slide, image: bytes, body, chart_id: str) -> None:
    width, height = body[2], body[3]
    ratio = IMAGE_PX[0] / IMAGE_PX[1]
    if width / height > ratio:
        width = Emu(int(height * ratio))
    else:
        height = Emu(int(width / ratio))
    picture = slide.shapes.add_picture(
        io.BytesIO(image), body[0] + (body[2] - width) // 2, body[1], width, height
    )
    picture.name = f"image {chart_id}"


def add_image_slides(prs, chart: Chart, catalog: Catalog, view: View, parts: ChartRows) -> Placed:
    """The dashboard's chart as an image (or a note saying why not), then its figures as a table."""
    slide, body = new_slide(prs, chart.title)
    problem, image = browser_problem(), None
    if problem is None:
        try:
            image = render_chart_image(
                chart,
                catalog,
                view,
                "png",
                *IMAGE_PX,
                scale=2.5,
                with_captions=False,
                options=chart.slide.image_options,
            )
        except ImageExportError as error:
            problem = str(error)
    if image is not None:
        _add_image(slide, image, body, chart.id)
        placed = Placed("image")
        how = "Image (PNG) of the dashboard's chart: " + chart.slide.why
    else:
        text = (
            f"This chart could not be drawn here: {problem}\n"
            f"See it online at /embed/{chart.id}, or its rows in the speaker notes."
        )
        add_text(
            slide.shapes, body, text, 16, colour=MUTED_COLOUR, anchor=MSO_ANCHOR.MIDDLE, name="missing image"
        )
        placed = Placed("missing", problem)
        how = f"No image: {problem}"
    add_source_footer(slide, source_line(parts.own, parts.reference))
    slide.notes_slide.notes_text_frame.text = notes_text(chart, parts.frame(), None, how)
    if chart.table == "figures" and not parts.own.empty:
        count = add_figure_tables(prs, chart, parts.own, f"{chart.title}: the figures as printed")
        placed.detail = (placed.detail + "; " if placed.detail else "") + f"then {count} table slide(s)"
    return placed


def add_chart_slides(prs, chart: Chart, catalog: Catalog, view: View, selection: Selection) -> Placed:
    """The slides for one chart: native charts, an image and its table, or tables by kind."""
    parts = chart_rows(chart, selection)
    if chart.native == "table":
        count = add_kind_slides(prs, chart, parts.own)
        return Placed("table", f"{count} slide{'s' if count != 1 else ''} by kind", parts.own)
    native = (
        None if chart.native is None else native_layout(chart.native, draw(chart, selection), parts.frame())
    )
    if native is None:  # an image chart, or a figure no native chart can hold
        return add_image_slides(prs, chart, catalog, view, parts)
    count = add_native_slides(prs, chart, native, parts)
    return Placed("native", f"{count} slides" if count > 1 else "")


def build_deck(
    charts: Iterable, catalog: Catalog, view: View, out=None, progress: Callable[[str], None] | None = None
) -> bytes | None:
    """A deck of the given charts: title slide, the charts' slides, then any appendix. Returns
    bytes, or writes to out if given."""
    charts = list(charts)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title = deck_title(charts, view, catalog.essay_names)
    prs.core_properties.title = title
    add_title_slide(prs, title, charts, describe_filters(view, catalog.essay_names))
    selection = catalog.select(view)
    appendix = []
    for index, chart in enumerate(charts, start=1):
        placed = add_chart_slides(prs, chart, catalog, view, selection)
        if placed.appendix is not None and not placed.appendix.empty:
            appendix.append((chart, placed.appendix))
        if progress:
            detail = f" ({placed.detail})" if placed.detail else ""
            progress(f"[{index}/{len(charts)}] slide {chart.id}: {placed.kind}{detail}")
    for chart, rows in appendix:
        count = add_figure_tables(prs, chart, rows, f"Appendix: {chart.title}")
        if progress:
            progress(f"appendix {chart.id}: {count} table slides")
    if out is not None:
        prs.save(out)
        return None
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
