"""Figures as native PowerPoint tables: the figures beside an image, "all other figures" grouped by
kind for a presenter, and the full list as an appendix.

Rows are packed into slides by the height their text needs (estimated from its length), so a
slide is full but never overflows. Each slide's footer names the sources of its own rows, and its
notes hold their quotes and citations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from app.catalog import Rows
from app.citations import is_missing, source_line, text_of
from app.export.chart_style import add_text, text_inches
from app.export.slides import BODY, MUTED_COLOUR, add_source_footer, new_slide, notes_text, numbered

FULL_COLUMNS = [  # header, share of the body's width
    ("Figure as printed", 0.15),
    ("Measures", 0.19),
    ("Who / what", 0.32),
    ("Period", 0.19),
    ("Source", 0.15),
]
KIND_COLUMNS = [("Figure as printed", 0.27), ("Who / what — when", 0.73)]  # each of two tables a slide
TABLE_PT = 10
LINE_INCHES = 0.175  # one line of 10 pt text in a cell
CELL_PAD_INCHES = 0.1  # a cell's top and bottom insets
HEADING_FILL = RGBColor(0xE8, 0xEA, 0xED)
# Kinds of figure for the presenter's slides, in order; a figure goes to the first that takes it.
FIGURE_KINDS = (
    ("How long: durations, anniversaries and horizons", lambda row: row["family"] == "years"),
    ("Ranks: where one country stands for another", lambda row: str(row["indicator"]).endswith("_rank")),
    (
        "How many: islands, bodies, meetings, agreements and the factors the essays count",
        lambda row: row["family"] == "count",
    ),
    ("How often: meetings, visits and exercises a year", lambda row: row["family"] == "count_per_year"),
    ("How many people", lambda row: row["family"] == "people"),
    (
        "Shares, multiples and money",
        lambda row: row["family"] in ("percent", "percentage_points", "multiple", "usd", "cny"),
    ),
    ("Other units", lambda row: True),
)


@dataclass
class TableLine:
    """One line of a table: a figure's cells (its row's position in the rows), or a heading."""

    cells: list[str]
    position: int | None = None  # the figure's index in its Rows; None for a heading


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


def kind_cells(row: dict) -> list[str]:
    """One figure on a presenter's slide: as printed (⚑ where flagged); who or what, and when."""
    flag = " ⚑" if text_of(row, "flag") else ""
    period = text_of(row, "period")
    return [text_of(row, "value_text") + flag, text_of(row, "subject") + (f" — {period}" if period else "")]


def line_inches(cells: list[str], columns: list[tuple[str, float]], width_inches: float) -> float:
    """The height a table line needs: its tallest cell's wrapped lines, plus the insets."""
    lines = 1
    for text, (_, share) in zip(cells, columns, strict=True):
        room = width_inches * share - 0.2
        lines = max(
            lines, sum(math.ceil(text_inches(part, TABLE_PT) / room) or 1 for part in text.split("\n"))
        )
    return lines * LINE_INCHES + CELL_PAD_INCHES


def pack(lines: list[TableLine], columns, width_inches: float, height_inches: float) -> list[list[TableLine]]:
    """Lines in order, cut into pieces that each fit the height under a header line. A heading
    never ends a piece, and a piece that continues a heading's figures repeats it."""
    header = line_inches([h for h, _ in columns], columns, width_inches)
    pieces, piece, used, heading = [], [], header, None
    for line in lines:
        need = line_inches(line.cells, columns, width_inches)
        if piece and used + need > height_inches:
            carried = [piece.pop()] if piece[-1].position is None else []
            if not carried and heading is not None and line.position is not None:
                carried = [TableLine([f"{heading.removesuffix(' (continued)')} (continued)", ""], None)]
            pieces.append(piece)
            piece, used = carried, header + sum(line_inches(x.cells, columns, width_inches) for x in carried)
        if line.position is None:
            heading = line.cells[0]
        piece.append(line)
        used += need
    return pieces + ([piece] if piece else [])


def add_table(slide, box, columns, lines: list[TableLine], name: str):
    """A native table: a header, then the lines (headings bold on grey, across the table)."""
    left, top, width, _height = box
    shape = slide.shapes.add_table(len(lines) + 1, len(columns), left, top, width, Inches(0.3))
    shape.name = name
    table = shape.table
    for index, (_, share) in enumerate(columns):
        table.columns[index].width = int(width * share)
    for r, line in enumerate([TableLine([h for h, _ in columns], -1)] + lines):
        if line.position is None:
            table.cell(r, 0).merge(table.cell(r, len(columns) - 1))
        for c, text in enumerate(line.cells):
            cell = table.cell(r, c)
            cell.text_frame.word_wrap = True
            cell.text_frame.text = text
            for run in (run for p in cell.text_frame.paragraphs for run in p.runs):
                run.font.size = Pt(TABLE_PT if r else TABLE_PT + 1)
                run.font.bold = r == 0 or line.position is None or (c == 0 and len(columns) == 2)
            if line.position is None:
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADING_FILL
    return shape


def _finish(slide, chart, rows: Rows, positions: list[int], how: str) -> None:
    page = rows.take(positions)
    add_source_footer(slide, source_line(page))
    slide.notes_slide.notes_text_frame.text = notes_text(chart, page.frame(), None, how)


def add_figure_tables(prs, chart, rows: Rows, title: str) -> int:
    """The figures in full (what, who, when, source), as many slides as they need; returns the count."""
    records = rows.frame().to_dict("records")
    lines = [TableLine(table_cells(row), i) for i, row in enumerate(records)]
    pieces = pack(lines, FULL_COLUMNS, BODY[2] / Inches(1), BODY[3] / Inches(1)) or [[]]
    for number, piece in enumerate(pieces, start=1):
        slide, body = new_slide(prs, numbered(title, number, len(pieces)))
        add_table(slide, body, FULL_COLUMNS, piece, f"table {chart.id}")
        positions = [line.position for line in piece]
        how = (
            f"Native PowerPoint table of {len(positions)} of the chart's {len(records)} figures "
            "as printed (⚑ = flagged; the reason is below)."
        )
        _finish(slide, chart, rows, positions, how)
    return len(pieces)


def figure_kinds(rows: Rows) -> list[tuple[str, list[int]]]:
    """(kind, positions of its figures) for each kind of figure present, in FIGURE_KINDS order;
    within a kind, figures of one indicator sit together."""
    records = rows.frame().to_dict("records")
    found: dict[str, list[int]] = {}
    for position, row in enumerate(records):
        kind = next(name for name, takes in FIGURE_KINDS if takes(row))
        found.setdefault(kind, []).append(position)
    kinds = []
    for name, _ in FIGURE_KINDS:
        if name in found:
            order = {k: i for i, k in enumerate(dict.fromkeys(records[p]["indicator"] for p in found[name]))}
            kinds.append((name, sorted(found[name], key=lambda p: order[records[p]["indicator"]])))
    return kinds


def kind_pages(kinds: list[list[TableLine]], width_inches: float, height_inches: float) -> list:
    """Pages of at most two table columns. A kind starts a page unless it fits beside the kinds
    already on it, or the page so far fills one column (then it starts in the second); one
    longer than a page continues on the next."""

    def columns(lines):
        return pack(lines, KIND_COLUMNS, width_inches, height_inches)

    pages, current = [], []
    for lines in kinds:
        rest = columns(lines)
        if current:
            together = columns(current + lines)
            if len(together) <= 2:
                current += lines
                continue
            so_far = columns(current)
            if len(so_far) == 1:  # no page of a lone column: this kind begins beside it
                pages.append(together[:2])
                rest = together[2:]
            else:
                pages.append(so_far)
        while len(rest) > 2:
            pages.append(rest[:2])
            rest = rest[2:]
        current = [line for piece in rest for line in piece]
    return pages + ([columns(current)] if current else [])


def add_kind_slides(prs, chart, rows: Rows) -> int:
    """The figures grouped by kind, two tables a slide, for a presenter to show; returns the count.

    A kind too long for one slide continues on the next; short kinds share a slide under their
    own headings."""
    records = rows.frame().to_dict("records")
    kinds = [
        [TableLine([name, ""], None)] + [TableLine(kind_cells(records[p]), p) for p in positions]
        for name, positions in figure_kinds(rows)
    ]
    half = (BODY[2] - Inches(0.3)) // 2
    pages = kind_pages(kinds, half / Inches(1), BODY[3] / Inches(1))
    if not pages:
        slide, body = new_slide(prs, chart.title)
        add_text(
            slide.shapes, body, "No figures of this chart under the current filters.", 16, colour=MUTED_COLOUR
        )
        _finish(slide, chart, rows, [], "No figures under the current filters.")
        return 1
    for number, page in enumerate(pages, start=1):
        headings = [line.cells[0] for piece in page for line in piece if line.position is None]
        words = (h.split(":")[0].removesuffix(" (continued)").lower() for h in headings)
        title = f"{chart.title}: " + "; ".join(dict.fromkeys(words))
        slide, body = new_slide(prs, numbered(title, number, len(pages)))
        for index, piece in enumerate(page):
            box = (body[0] + index * (half + Inches(0.3)), body[1], half, body[3])
            add_table(slide, box, KIND_COLUMNS, piece, f"table {chart.id} {index + 1}")
        positions = [line.position for piece in page for line in piece if line.position is not None]
        how = (
            f"Figures grouped by kind, {len(positions)} of {len(records)} on this slide, as printed "
            "(⚑ = flagged). The full list, with each figure's measure and source, is in the appendix."
        )
        _finish(slide, chart, rows, positions, how)
    return len(pages)
