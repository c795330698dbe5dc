"""What every slide of the deck shares: its geometry, title, key, source footer and speaker notes."""

from __future__ import annotations

import math

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from app.citations import clean_quote, format_citation_text, text_of
from app.export.chart_style import add_text, rgb, text_inches
from app.export.native_charts import KeyEntry, NativeLayout

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.25), Inches(0.9)
FOOTER_HEIGHT = Inches(0.62)
KEY_PT = 11
BODY = (  # left, top, width, height of what goes between the title and the footer
    MARGIN,
    TITLE_TOP + TITLE_HEIGHT,
    SLIDE_WIDTH - 2 * MARGIN,
    SLIDE_HEIGHT - TITLE_TOP - TITLE_HEIGHT - FOOTER_HEIGHT - Inches(0.08),
)
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)
MUTED_COLOUR = RGBColor(0x55, 0x55, 0x55)


def numbered(title: str, number: int, count: int) -> str:
    """'Title (2 of 3)' for one of several slides of a chart; the title alone for its only one."""
    return title + (f" ({number} of {count})" if count > 1 else "")


def new_slide(prs, title: str):
    """A title-only slide; returns it and its body box (left, top, width, height) under the title."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        TITLE_TOP,
        SLIDE_WIDTH - 2 * MARGIN,
        TITLE_HEIGHT,
    )
    shape.text = title
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = 0
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(24), True
            run.font.color.rgb = TEXT_COLOUR
    return slide, BODY


def add_source_footer(slide, source: str) -> None:
    """The source line under the body, at 9 pt so that its longest (four lines) stays in the footer."""
    box = (MARGIN, SLIDE_HEIGHT - FOOTER_HEIGHT, SLIDE_WIDTH - 2 * MARGIN, FOOTER_HEIGHT - Inches(0.08))
    style = {"colour": MUTED_COLOUR, "anchor": MSO_ANCHOR.BOTTOM, "tight": True}
    add_text(slide.shapes, box, source, 9, **style, name="source footer")


def _key_runs(entries: list[KeyEntry]) -> list[tuple[str, RGBColor]]:
    """ "Colour = essay:" and the essays first, where colours are essays', then the other entries."""
    essays = [entry for entry in entries if entry.is_essay]
    runs = [("Colour = essay:  ", TEXT_COLOUR)] if essays else []
    for entry in essays + [entry for entry in entries if not entry.is_essay]:
        runs += [(entry.glyph + " ", rgb(entry.colour)), (entry.name + "     ", TEXT_COLOUR)]
    return runs


def key_inches(entries: list[KeyEntry], width) -> float:
    """The height of the slide's key: its lines at the width, and a little air under them."""
    if not entries:
        return 0.0
    text = "".join(text for text, _ in _key_runs(entries))
    return math.ceil(text_inches(text, KEY_PT) / (width / Inches(1) - 0.2)) * 0.22 + 0.12


def add_key(slide, entries: list[KeyEntry], box) -> None:
    """The slide's key: each glyph in its colour, then what it stands for ("Colour = essay" first
    where the colours are essays')."""
    if not entries:
        return
    text_box = slide.shapes.add_textbox(*box)
    text_box.name = "key"
    frame = text_box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = 0
    for text, colour in _key_runs(entries):
        run = frame.paragraphs[0].add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(KEY_PT), colour != TEXT_COLOUR
        run.font.color.rgb = colour


def _row_note(row: dict) -> str:
    row_id, value = text_of(row, "row_id"), text_of(row, "value_text")
    if bool(row.get("is_external")) is True:
        derived = " (a derived value, hollow on the dashboard)" if row.get("is_derived") is True else ""
        return (
            f"• {row_id} (external data): {value}, {text_of(row, 'period')}{derived}. "
            f"{text_of(row, 'source_name')} {text_of(row, 'source_url')}"
        ).rstrip()
    period, quote = text_of(row, "period"), clean_quote(text_of(row, "quote"))
    entry = f"• {row_id}: {value}" + (f" ({period})" if period else "")
    if quote:
        entry += f" — “{quote}”"
    entry += f" — {format_citation_text(row)}"
    flag = text_of(row, "flag")
    return entry + (f" ⚑ {flag}: {text_of(row, 'note')}" if flag else "")


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
    lines += [_row_note(row) for row in rows.to_dict("records")]
    return "\n".join(lines)
