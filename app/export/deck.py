"""A PowerPoint deck of the charts a reader picks: one slide per chart, editable where possible.

Bar, line and scatter charts become native PowerPoint charts (so users restyle them in their
own template); others (the map, the timeline) become a PNG rendered by kaleido, or, where no
browser is present, a note on the slide saying so. Each slide has the chart's title, a source
footer, and the figures' verbatim quotes in the speaker notes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from app.catalog import Catalog, Rows
from app.charts import Chart, chart_rows, draw
from app.citations import clean_quote, format_citation_text, is_missing, source_line, text_of
from app.export.chart_style import style_native_chart
from app.export.images import ImageExportError, browser_problem, render_chart_image
from app.export.native_charts import (
    NativeChart,
    NativeLayout,
    fits_on_slide,
    native_layout,
    panel_height_inches,
)
from app.view import View, describe_filters

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_HEIGHT = Inches(0.9)
FOOTER_HEIGHT = Inches(0.7)
DECK_TITLE = "Sino-Russian relations in figures"
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)
MUTED_COLOUR = RGBColor(0x55, 0x55, 0x55)
IMAGE_PX = (1100, 500)  # logical px, rendered at 2.5×: fills the slide body, text readable
TABLE_ROWS = 10  # figures a table slide holds at 10 pt, with cells of up to three lines
TABLE_COLUMNS = [  # header, share of the body's width
    ("Figure as printed", 0.15),
    ("Measures", 0.19),
    ("Who / what", 0.32),
    ("Period", 0.19),
    ("Source", 0.15),
]


def _add_text(
    slide,
    left,
    top,
    width,
    height,
    text: str,
    size: int,
    *,
    bold: bool = False,
    colour: RGBColor = TEXT_COLOUR,
    anchor=MSO_ANCHOR.TOP,
    name: str = "",
):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return box


def _set_title(slide, text: str) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(0.3),
        SLIDE_WIDTH - 2 * MARGIN,
        TITLE_HEIGHT,
    )
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(24)
            run.font.bold = True
            run.font.color.rgb = TEXT_COLOUR


def add_title_slide(prs, charts: list, filters: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _add_text(slide, MARGIN, Inches(2.2), SLIDE_WIDTH - 2 * MARGIN, Inches(1.2), DECK_TITLE, 40, bold=True)
    lines = [
        f"{len(charts)} chart{'s' if len(charts) != 1 else ''} of figures cited in NBR Special Report #79 "
        "(2019) and “French Perspective” (2014)",
        f"Filters: {filters}",
        f"Exported {dt.date.today().isoformat()}. Every figure is shown as printed; "
        "quotes are in the speaker notes.",
    ]
    _add_text(
        slide,
        MARGIN,
        Inches(3.5),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(2),
        "\n".join(lines),
        18,
        colour=MUTED_COLOUR,
    )
    slide.notes_slide.notes_text_frame.text = "Charts in this deck:\n" + "\n".join(
        f"- {chart.title} ({chart.id})" for chart in charts
    )


def notes_text(chart, rows: pd.DataFrame, native: NativeLayout | None, how_shown: str) -> str:
    """Speaker notes: how the chart is shown, then each row's value, quote and citation."""
    lines = [f"{chart.title} — {chart.summary}", how_shown]
    if native and native.conversions:
        lines.append("Values converted to a shared unit for the axis (the figures as printed are below):")
        lines += [f"  {note}" for note in native.conversions]
    if native:
        lines += native.remarks
    if native and native.omitted:
        lines.append("Not in the native chart (see the dashboard): " + "; ".join(native.omitted))
    lines.append("")
    for row in rows.to_dict("records"):
        row_id = text_of(row, "row_id")
        if bool(row.get("is_external")) is True:
            value = text_of(row, "value_text")
            lines.append(
                f"• {row_id} (external data): {value}, {text_of(row, 'period')}. "
                f"{text_of(row, 'source_name')} {text_of(row, 'source_url')}".rstrip()
            )
            continue
        value = text_of(row, "value_text")
        period = text_of(row, "period")
        quote = clean_quote(text_of(row, "quote"))
        entry = f"• {row_id}: {value}" + (f" ({period})" if period else "")
        if quote:
            entry += f" — “{quote}”"
        entry += f" — {format_citation_text(row)}"
        flag = text_of(row, "flag")
        if flag:
            entry += f" ⚑ {flag}: {text_of(row, 'note')}"
        lines.append(entry)
    return "\n".join(lines)


def _add_native_panels(slide, native: NativeLayout, body, chart_id: str) -> None:
    """One native chart per subplot: side-by-side panels keep plotly's columns, stacked ones
    share the height by what each needs (bars per category)."""
    left, top, width, height = body
    rows: dict[tuple[float, float], list[NativeChart]] = {}
    for panel in native.panels:
        rows.setdefault((round(panel.domain[2], 3), round(panel.domain[3], 3)), []).append(panel)
    ordered = sorted(rows.items(), key=lambda item: -item[0][1])
    needs = [max(panel_height_inches(p) for p in group) for _, group in ordered]
    scale = height / Inches(sum(needs))
    y = top
    index = 0
    for (_, group), need in zip(ordered, needs, strict=True):
        row_height = int(Inches(need) * scale)
        for panel in group:
            x0, x1 = panel.domain[0], panel.domain[1]
            frame = slide.shapes.add_chart(
                panel.chart_type,
                left + int(width * x0),
                y,
                int(width * (x1 - x0)),
                row_height,
                panel.chart_data(),
            )
            index += 1
            frame.name = f"chart {chart_id}" + (f" {index}" if len(native.panels) > 1 else "")
            style_native_chart(frame.chart, panel)
        y += row_height


def _chart_slide(prs, title: str):
    """A title-only slide; returns it and the body box (left, top, width, height) under the title."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    _set_title(slide, title)
    top = Inches(0.3) + TITLE_HEIGHT
    return slide, (MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - top - FOOTER_HEIGHT - Inches(0.1))


def _add_source_footer(slide, source: str) -> None:
    _add_text(
        slide,
        MARGIN,
        SLIDE_HEIGHT - FOOTER_HEIGHT,
        SLIDE_WIDTH - 2 * MARGIN,
        FOOTER_HEIGHT - Inches(0.1),
        source,
        11,
        colour=MUTED_COLOUR,
        anchor=MSO_ANCHOR.BOTTOM,
        name="source footer",
    )


def table_cells(row: dict) -> list[str]:
    """One figure as a table row: as printed (⚑ where flagged), what, who, when, where from."""
    flag = " ⚑" if text_of(row, "flag") else ""
    footnote = row.get("footnote")
    source = text_of(row, "essay_name") + ("" if is_missing(footnote) else f", fn. {int(footnote)}")
    return [
        text_of(row, "value_text") + flag,
        text_of(row, "indicator_title"),
        text_of(row, "subject"),
        text_of(row, "period"),
        source,
    ]


def add_table_slides(prs, chart, rows: Rows) -> int:
    """The chart's figures as native PowerPoint tables, TABLE_ROWS a slide; returns the slide count.

    For a catch-all of unlike figures (counts, ranks, durations) a table reads at slide size where
    a chart of 95 rows cannot. Each slide's footer names the sources of its own rows, and its
    notes hold their quotes and citations."""
    starts = range(0, len(rows), TABLE_ROWS)
    pages = [rows.take(range(i, min(i + TABLE_ROWS, len(rows)))) for i in starts] or [rows]
    for number, page in enumerate(pages, start=1):
        title = chart.title + (f" ({number} of {len(pages)})" if len(pages) > 1 else "")
        slide, (left, top, width, height) = _chart_slide(prs, title)
        records = page.frame().to_dict("records")
        # rows start one line high and grow to their text, so a short page stays compact
        shape = slide.shapes.add_table(len(records) + 1, len(TABLE_COLUMNS), left, top, width, Inches(0.3))
        shape.name = f"table {chart.id}"
        table = shape.table
        for index, (_header, share) in enumerate(TABLE_COLUMNS):
            table.columns[index].width = int(width * share)
        for r, cells in enumerate([[h for h, _ in TABLE_COLUMNS]] + [table_cells(row) for row in records]):
            for c, text in enumerate(cells):
                frame = table.cell(r, c).text_frame
                frame.word_wrap = True
                frame.text = text
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(10 if r else 11)
                        run.font.bold = r == 0
        _add_source_footer(slide, source_line(page))
        first = TABLE_ROWS * (number - 1) + 1
        how = (
            f"Native PowerPoint table, rows {first}–{first + len(records) - 1} of {len(rows)}: "
            "the figures as printed (⚑ = flagged; the reason is below)."
        )
        slide.notes_slide.notes_text_frame.text = notes_text(chart, page.frame(), None, how)
    return len(pages)


def add_chart_slide(prs, chart: Chart, catalog: Catalog, view: View, source: str) -> dict:
    """The slides for one chart; returns what was placed ({"kind": "native"|"table"|"image"|"missing"})."""
    selection = catalog.select(view)
    parts = chart_rows(chart, selection)
    rows = parts.frame()
    if chart.native == "table":
        count = add_table_slides(prs, chart, parts.own)
        return {"kind": "table", "detail": f"{count} slide{'s' if count != 1 else ''}"}
    slide, body = _chart_slide(prs, chart.title)
    figure = draw(chart, selection)
    native = native_layout(chart.native, figure, rows)
    crowded = native is not None and not fits_on_slide(native, body[3] / Inches(1))
    if crowded and browser_problem() is None:
        native = None  # too many categories to read as native panels: the image is clearer
    placed = {"kind": "native", "detail": ""}
    if native is not None:
        _add_native_panels(slide, native, body, chart.id)
        how = (
            f"Native PowerPoint chart{'s' if len(native.panels) > 1 else ''} ({native.chart_type_names}) "
            "built from the values the dashboard plots; right-click › Edit Data to restyle."
        )
    else:
        problem = browser_problem()
        image = None
        if problem is None:
            try:
                image = render_chart_image(
                    chart, catalog, view, "png", *IMAGE_PX, scale=2.5, with_captions=False
                )
            except ImageExportError as error:
                problem = str(error)
        if image is not None:
            width, height = body[2], body[3]
            ratio = IMAGE_PX[0] / IMAGE_PX[1]
            if width / height > ratio:
                width = Emu(int(height * ratio))
            else:
                height = Emu(int(width / ratio))
            picture = slide.shapes.add_picture(
                io.BytesIO(image), body[0] + (body[2] - width) // 2, body[1], width, height
            )
            picture.name = f"image {chart.id}"
            placed = {"kind": "image", "detail": ""}
            if crowded:
                how = "Image (PNG): too many categories to stay legible as native PowerPoint charts."
            else:
                how = "Image (PNG): this chart has no native PowerPoint equivalent" + (
                    " (its marks place the figures; the values are in the notes)." if chart.native else "."
                )
        else:
            _add_text(
                slide,
                *body,
                f"This chart could not be drawn here: {problem}\n"
                f"See it online at /embed/{chart.id}, or its rows in the speaker notes.",
                16,
                colour=MUTED_COLOUR,
                anchor=MSO_ANCHOR.MIDDLE,
                name="missing image",
            )
            placed = {"kind": "missing", "detail": problem}
            how = f"No image: {problem}"
    _add_source_footer(slide, source)
    slide.notes_slide.notes_text_frame.text = notes_text(chart, rows, native, how)
    return placed


def build_deck(
    charts: Iterable, catalog: Catalog, view: View, out=None, progress: Callable[[str], None] | None = None
) -> bytes | None:
    """A deck of the given charts (title slide first). Returns bytes, or writes to out if given."""
    charts = list(charts)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    prs.core_properties.title = DECK_TITLE
    add_title_slide(prs, charts, describe_filters(view, catalog.essay_names))
    for index, chart in enumerate(charts, start=1):
        selection = catalog.select(view)
        rows = chart_rows(chart, selection)
        placed = add_chart_slide(prs, chart, catalog, view, source_line(rows.own, rows.reference))
        if progress:
            detail = f" ({placed['detail']})" if placed["kind"] == "table" else ""
            progress(f"[{index}/{len(charts)}] slide {chart.id}: {placed['kind']}{detail}")
    if out is not None:
        prs.save(out)
        return None
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
