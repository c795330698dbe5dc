"""'All other figures' in the deck: a few slides grouped by kind of figure, then the full list as an
appendix at the end. Read back with python-pptx and compared with the curated rows."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from pptx import Presentation

from app.catalog import catalog_of
from app.charts import chart_rows, get_chart
from app.export.deck import build_deck
from app.view import View

CHART = get_chart("other-figures")


@pytest.fixture(scope="module")
def records(dataset) -> list[dict]:
    return chart_rows(CHART, catalog_of(dataset).select(View())).own.frame().to_dict("records")


@pytest.fixture(scope="module")
def deck(dataset):
    return Presentation(io.BytesIO(build_deck([CHART], catalog_of(dataset), View())))


def table_lines(slide) -> list[tuple[bool, list[str]]]:
    """(is a heading, cells) for each line under each table's header, left table first."""
    tables = sorted((s for s in slide.shapes if s.has_table), key=lambda s: s.left)
    return [
        (row.cells[0].is_merge_origin, [cell.text_frame.text for cell in row.cells])
        for shape in tables
        for row in list(shape.table.rows)[1:]
    ]


def kind_slides(deck) -> list:
    return [s for s in list(deck.slides)[1:] if s.shapes.title.text.startswith(f"{CHART.title}: ")]


def appendix_slides(deck) -> list:
    return [s for s in list(deck.slides)[1:] if s.shapes.title.text.startswith(f"Appendix: {CHART.title}")]


FIGURES_A_GROUPED_SLIDE = 14  # a presenter's slide holds a good handful, on average


def test_the_grouped_slides_come_first_and_the_appendix_last(deck, records):
    slides = list(deck.slides)[1:]
    grouped, appendix = kind_slides(deck), appendix_slides(deck)
    assert 2 <= len(grouped) <= -(-len(records) // FIGURES_A_GROUPED_SLIDE)
    assert slides == grouped + appendix
    assert all(s.shapes.title.text.endswith(f"({n} of {len(appendix)})") for n, s in enumerate(appendix, 1))


def test_no_grouped_slide_but_the_last_is_a_lone_table(deck):
    """A kind's last few figures share a slide with the next kind, never a slide of their own."""
    tables = [sum(1 for shape in slide.shapes if shape.has_table) for slide in kind_slides(deck)]
    assert all(count == 2 for count in tables[:-1]), tables


def test_grouped_slides_show_every_figure_once_as_printed(deck, records):
    figures = [cells for slide in kind_slides(deck) for heading, cells in table_lines(slide) if not heading]
    assert Counter(cells[0].removesuffix(" ⚑") for cells in figures) == Counter(
        r["value_text"] for r in records
    )
    shown = Counter((cells[0].removesuffix(" ⚑"), cells[1].split(" — ")[0]) for cells in figures)
    assert shown == Counter((r["value_text"], r["subject"]) for r in records)
    flagged = sum(1 for r in records if isinstance(r.get("flag"), str) and r["flag"])
    assert flagged and sum(1 for cells in figures if cells[0].endswith(" ⚑")) == flagged


def test_grouped_slides_put_like_figures_under_one_heading(deck, records):
    subjects = {r["subject"]: r for r in records}
    under: dict[str, list[dict]] = {}
    heading = None
    for slide in kind_slides(deck):
        for is_heading, cells in table_lines(slide):
            if is_heading:
                heading = cells[0].removesuffix(" (continued)")
                continue
            under.setdefault(heading, []).append(subjects[cells[1].split(" — ")[0]])
    assert {row["unit"] for row in under["How long: durations, anniversaries and horizons"]} == {"years"}
    ranks = under["Ranks: where one country stands for another"]
    assert ranks and all("rank" in row["indicator_title"].lower() for row in ranks)
    assert sum(len(rows) for rows in under.values()) == len(records)
    headings = [
        cells[0]
        for s in kind_slides(deck)
        for h, cells in table_lines(s)
        if h and "(continued)" not in cells[0]
    ]
    assert len(headings) == len(set(headings)) == len(under), "each kind is one run of slides"


def test_each_table_slide_names_its_own_rows_sources(deck, records):
    essays = {r["value_text"] + r["subject"]: r["essay_name"] for r in records}
    for slide in kind_slides(deck):
        footer = next(s.text_frame.text for s in slide.shapes if s.name == "source footer")
        for heading, cells in table_lines(slide):
            if not heading:
                assert essays[cells[0].removesuffix(" ⚑") + cells[1].split(" — ")[0]] in footer


def test_the_appendix_lists_every_figure_in_full_in_order(deck, records):
    cells = [c for slide in appendix_slides(deck) for heading, c in table_lines(slide)]
    assert [c[0].removesuffix(" ⚑") for c in cells] == [r["value_text"] for r in records]
    assert [(c[1], c[2], c[3]) for c in cells] == [
        (r["indicator_title"], r["subject"], r["period"]) for r in records
    ]
    assert all(c[4].startswith(r["essay_name"]) for c, r in zip(cells, records, strict=True))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in appendix_slides(deck))
    assert all(r["row_id"] in notes for r in records)


def test_with_no_figures_under_the_filters_the_chart_still_has_a_slide(dataset):
    view = View(categories=("loans",))
    deck = Presentation(io.BytesIO(build_deck([CHART], catalog_of(dataset), view)))
    assert [s.shapes.title.text for s in list(deck.slides)[1:]] == [CHART.title]
