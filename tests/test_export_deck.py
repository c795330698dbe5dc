"""The PowerPoint deck says what the dashboard says: every figure on its chart's slide as printed,
in the dashboard's order and colours, ranges as ranges; titled and named after what it holds.

The deck is read back with python-pptx and compared with the curated rows (their value_text,
essay) and with the dashboard's own figure for the chart, never with the deck's code."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from chart_support import figure_of, rows_of
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from app.catalog import catalog_of
from app.charts import CHARTS, chart_rows, draw, get_chart
from app.citations import clean_quote
from app.export.deck import DECK_TITLE, build_deck, deck_title
from app.export.links import deck_file_name
from app.figures.marks import ESSAY_COLORS
from app.view import View

NATIVE = [c for c in CHARTS if c.native in ("bar", "line", "scatter")]
IMAGES = [c for c in CHARTS if c.native is None]
FIGURE_IMAGES = [c for c in IMAGES if c.table == "figures"]
ESSAY_COLOURED = ["trade-2017", "export-structure", "trade-shares", "arms-shares-platforms", "fdi-estimates"]


def deck_of(dataset, charts, view: View | None = None) -> Presentation:
    """A deck without a browser (image slides become notes saying why)."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    try:
        data = build_deck(charts, catalog_of(dataset), view or View())
    finally:
        monkeypatch.undo()
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def deck(dataset):
    return deck_of(dataset, CHARTS)


def titles(deck) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title else "" for slide in deck.slides]


def chart_slides(deck, chart) -> list:
    """The slides of one chart, appendix aside: its title, 'title (k of n)' or 'title: …'."""
    return [
        slide
        for slide in list(deck.slides)[1:]
        if slide.shapes.title.text == chart.title
        or slide.shapes.title.text.startswith((f"{chart.title} (", f"{chart.title}:"))
    ]


def shapes_of(shapes):
    """Every shape, inside groups too, in drawing order."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shapes_of(shape.shapes)
        else:
            yield shape


def charts_of(slide) -> list:
    return [shape.chart for shape in shapes_of(slide.shapes) if shape.has_chart]


def _numbers(series, tag: str) -> list[float]:
    points = series._element.xpath(f"./c:{tag}//c:pt")
    found = {int(p.get("idx")): float(p.find(qn("c:v")).text) for p in points}
    return [found.get(i) for i in range(max(found) + 1)] if found else []


def colour_of(series) -> str:
    """The series' colour as drawn: its marker's where it shows one, else its line's, else its fill."""
    element = series._element
    symbol = element.xpath("./c:marker/c:symbol/@val")
    for path, wanted in (
        ("./c:marker/c:spPr/a:solidFill/a:srgbClr/@val", symbol and symbol[0] != "none"),
        ("./c:spPr/a:ln/a:solidFill/a:srgbClr/@val", True),
        ("./c:spPr/a:solidFill/a:srgbClr/@val", True),
    ):
        found = element.xpath(path)
        if wanted and found:
            return "#" + found[0].upper()
    return ""


def is_xy(chart) -> bool:
    return bool(chart._chartSpace.xpath(".//c:scatterChart"))


def labelled_points(chart) -> list[dict]:
    """Every point carrying a data label: its text, where it sits and its series."""
    found = []
    for plot in chart.plots:
        categories = [] if is_xy(chart) else list(plot.categories)
        for series in plot.series:
            xs = _numbers(series, "xVal") if is_xy(chart) else categories
            ys = list(series.values)
            for index in range(len(ys)):
                label = series.points[index].data_label
                if label.has_text_frame:
                    found.append(
                        {"text": label.text_frame.text, "x": xs[index], "y": ys[index], "series": series}
                    )
    return found


def slide_labels(deck, chart) -> list[str]:
    return [
        p["text"] for slide in chart_slides(deck, chart) for c in charts_of(slide) for p in labelled_points(c)
    ]


def own_rows(chart, dataset) -> list[dict]:
    return chart_rows(chart, catalog_of(dataset).select(View())).own.frame().to_dict("records")


def dashboard_marks(chart, dataset) -> dict[str, dict]:
    """Row id -> where the dashboard draws it: its axes, x, y and colour."""
    marks = {}
    for trace in draw(chart, catalog_of(dataset).select(View()))["data"]:
        colour = (trace.get("marker") or {}).get("color")
        for index, item in enumerate(trace.get("customdata") or []):
            marks[str(item[0])] = {
                "axes": (trace.get("xaxis") or "x", trace.get("yaxis") or "y"),
                "x": trace["x"][index],
                "y": trace["y"][index],
                "colour": (colour[index] if isinstance(colour, list) else colour or "").upper(),
            }
    return marks


# What the deck holds, in what order ---------------------------------------------------------------


def test_deck_has_a_title_slide_then_each_charts_slides_in_order_then_the_appendix(deck):
    assert DECK_TITLE in "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    found = titles(deck)[1:]
    appendix = [t for t in found if t.startswith("Appendix: ")]
    assert appendix and found[-len(appendix) :] == appendix, "the appendix comes last"
    owners = []
    for title in found[: -len(appendix)]:
        owner = [
            c.id for c in CHARTS if title == c.title or title.startswith((f"{c.title} (", f"{c.title}:"))
        ]
        assert len(owner) == 1, title
        owners += owner
    assert list(dict.fromkeys(owners)) == [c.id for c in CHARTS]
    assert all(t.startswith("Appendix: All other figures the reports cite") for t in appendix)


def test_other_figures_takes_a_few_slides_and_no_chart_takes_more_than_two(deck, dataset):
    other = get_chart("other-figures")
    figures = len(rows_of(other, dataset))
    assert 2 <= len(chart_slides(deck, other)) <= -(-figures // 14)  # about 14 figures a slide or more
    for chart in NATIVE:
        assert 1 <= len(chart_slides(deck, chart)) <= 2, chart.id


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_every_slide_has_a_source_footer_and_the_quotes_in_its_notes(chart, deck, dataset):
    slides = chart_slides(deck, chart)
    footers = [s.text_frame.text for slide in slides for s in slide.shapes if s.name == "source footer"]
    assert len(footers) == len(slides) and all(f.startswith("Source:") for f in footers)
    if len(slides) == 1:
        assert footers == [figure_of(chart, dataset).layout.meta["source_line"]]
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in slides)
    for row in own_rows(chart, dataset):
        assert str(row["row_id"]) in notes
        if isinstance(row.get("quote"), str):
            assert clean_quote(row["quote"]) in notes


def test_without_a_browser_image_slides_say_why(deck):
    for chart in IMAGES:
        (slide, *_) = chart_slides(deck, chart)
        text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "[no-browser]" in text and "BROWSER_PATH" in text


# Every figure as printed, in order, where the dashboard puts it ------------------------------------


@pytest.mark.parametrize("chart", NATIVE, ids=[c.id for c in NATIVE])
def test_native_slides_label_every_figure_as_printed(chart, deck, dataset):
    expected = sorted(str(row["value_text"]) for row in own_rows(chart, dataset))
    assert expected, "the chart has figures"
    assert sorted(slide_labels(deck, chart)) == expected


@pytest.mark.parametrize("chart", FIGURE_IMAGES, ids=[c.id for c in FIGURE_IMAGES])
def test_an_image_slide_is_followed_by_its_figures_as_printed_in_a_table(chart, deck, dataset):
    slides = chart_slides(deck, chart)
    assert slides[0].shapes.title.text == chart.title
    assert all(s.shapes.title.text.startswith(f"{chart.title}: the figures as printed") for s in slides[1:])
    cells = [
        row.cells[0].text_frame.text.removesuffix(" ⚑")
        for slide in slides[1:]
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]
    assert cells == [str(row["value_text"]) for row in own_rows(chart, dataset)]


def rows_panels(slide) -> list[tuple]:
    """(chart frame, its row labels top to bottom) for each row chart on the slide, top to bottom."""
    found = []
    for group in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP):
        frames = [s for s in group.shapes if s.has_chart and is_xy(s.chart)]
        labels = sorted((s for s in group.shapes if s.name.startswith("row ")), key=lambda s: s.top)
        if labels and frames:
            found.append((frames[0], labels))
    return sorted(found, key=lambda item: item[0].top)


def dashboard_rows(chart, dataset) -> list[list[str]]:
    """Row ids of each horizontal panel of the dashboard's figure, top panel first, top row first."""
    figure = draw(chart, catalog_of(dataset).select(View()))
    marks = dashboard_marks(chart, dataset)
    panels = []
    for name, axis in figure["layout"].items():
        if not (name.startswith("yaxis") and isinstance(axis, dict)):
            continue
        downward = isinstance(axis.get("range"), list) and axis["range"][0] > axis["range"][1]
        if not (axis.get("ticktext") or (axis.get("visible") is False and downward)):
            continue  # labelled rows: a hidden axis running down the page
        ref = "y" + name[5:]
        ids = sorted((m["y"], row_id) for row_id, m in marks.items() if m["axes"][1] == ref)
        ordered = [row_id for _, row_id in ids]
        top_first = axis.get("autorange") == "reversed" or downward
        panels.append((axis["domain"][1], ordered if top_first else ordered[::-1]))
    return [ids for _, ids in sorted(panels, reverse=True)]


ROW_CHARTS = [c for c in NATIVE if c.id not in ("trade-context", "jasdf-scrambles", "loans-net-flows")]


@pytest.mark.parametrize("chart", ROW_CHARTS, ids=[c.id for c in ROW_CHARTS])
def test_row_charts_keep_the_dashboards_order_values_and_colours(chart, deck, dataset):
    by_id = {str(row["row_id"]): row for row in own_rows(chart, dataset)}
    marks = dashboard_marks(chart, dataset)
    panels = [panel for slide in chart_slides(deck, chart) for panel in rows_panels(slide)]
    expected = dashboard_rows(chart, dataset)
    assert len(panels) == len(expected)
    for (frame, _labels), ids in zip(panels, expected, strict=True):
        points = sorted(labelled_points(frame.chart), key=lambda p: -p["y"])
        assert [p["text"] for p in points] == [by_id[i]["value_text"] for i in ids]
        for point, row_id in zip(points, ids, strict=True):
            row, xs = by_id[row_id], _numbers(point["series"], "xVal")
            factor = marks[row_id]["x"] / row["value"]  # the axis may hold US$ million for a $ billion figure
            assert factor in (1, 1000, 0.001)
            if row["qualifier"] == "range":
                assert xs == pytest.approx([row["value"] * factor, row["value_high"] * factor]), (
                    "a range, not a bar"
                )
            else:
                assert xs[-1] == pytest.approx(row["value"] * factor) and xs[0] in (0, xs[-1])
            assert colour_of(point["series"]) == marks[row_id]["colour"]
            if chart.id in ESSAY_COLOURED:
                assert colour_of(point["series"]) == ESSAY_COLORS[row["essay"]].upper()


@pytest.mark.parametrize("chart", ROW_CHARTS, ids=[c.id for c in ROW_CHARTS])
def test_row_labels_name_the_figure_in_full_and_sit_beside_their_rows(chart, deck, dataset):
    """Each row is labelled with its figure's whole subject (the dashboard shortens it to fit) and
    the period as the dashboard shows it, in a text box level with the row in the chart."""
    by_id = {str(row["row_id"]): row for row in own_rows(chart, dataset)}
    panels = [panel for slide in chart_slides(deck, chart) for panel in rows_panels(slide)]
    for (frame, labels), ids in zip(panels, dashboard_rows(chart, dataset), strict=True):
        manual = frame.chart._chartSpace.xpath(".//c:plotArea/c:layout/c:manualLayout")[0]
        top, height = (float(manual.find(qn(f"c:{k}")).get("val")) for k in ("y", "h"))
        for index, (label, row_id) in enumerate(zip(labels, ids, strict=True)):
            centre = frame.top + frame.height * (top + height * (index + 0.5) / len(labels))
            assert abs(label.top + label.height / 2 - centre) < 0.05 * frame.height / len(labels)
            text = " ".join(label.text_frame.text.split())
            row = by_id[row_id]
            start, end = row["year_start"], row["year_end"]
            when = row["period"] if pd.isna(start) else (f"{start}" if end == start else f"{start}–{end}")
            assert row["subject"] in text
            assert text.endswith(f"({when})"), (text, when)


@pytest.mark.parametrize("chart_id", ["trade-context", "jasdf-scrambles"])
def test_reports_figures_lie_over_the_muted_external_lines_larger_and_labelled(chart_id, deck, dataset):
    chart = get_chart(chart_id)
    marks = dashboard_marks(chart, dataset)
    by_text = {}
    for row in own_rows(chart, dataset):
        by_text.setdefault(row["value_text"], []).append(row)
    labelled = []
    for slide in chart_slides(deck, chart):
        for group in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP):
            frames = [s for s in group.shapes if s.has_chart]
            context = [f for f in frames if f.name.startswith("context ")]
            reports = [f for f in frames if not f.name.startswith("context ")]
            assert len(reports) <= 1 and len(context) <= 1 and frames
            if context:
                lines = list(context[0].chart.plots[0].series)
                assert all(s.name.endswith("(external data)") for s in lines)
            if context and reports:
                assert frames.index(context[0]) < frames.index(reports[0]), "reports drawn after, on top"
                assert [(f.left, f.top, f.width, f.height) for f in context] == [
                    (f.left, f.top, f.width, f.height) for f in reports
                ]
                biggest_context = max(s.marker.size for s in lines)
                assert all(s.marker.size > biggest_context for s in reports[0].chart.plots[0].series)
            for point in labelled_points(reports[0].chart) if reports else []:
                (row, *_) = by_text[point["text"]]
                assert (point["x"], point["y"]) == (marks[row["row_id"]]["x"], pytest.approx(row["value"]))
                assert colour_of(point["series"]) == marks[row["row_id"]]["colour"]
                labelled.append(point["text"])
    assert sorted(labelled) == sorted(by_text.keys())


def test_loans_columns_sit_at_their_years_in_the_dashboards_colours(deck, dataset):
    chart = get_chart("loans-net-flows")
    marks = dashboard_marks(chart, dataset)
    (slide,) = chart_slides(deck, chart)
    (graphic,) = charts_of(slide)
    assert graphic.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    points = {p["text"]: p for p in labelled_points(graphic)}
    for row in own_rows(chart, dataset):
        point = points[row["value_text"]]
        assert (point["x"], point["y"]) == (marks[row["row_id"]]["x"], row["value"])
        assert colour_of(point["series"]) == marks[row["row_id"]]["colour"]


def test_data_labels_are_rich_text_that_does_not_wrap(deck):
    labels = [
        element
        for slide in deck.slides
        for chart in charts_of(slide)
        for element in chart._chartSpace.xpath(".//c:dLbl")
    ]
    assert labels
    for label in labels:
        assert label.xpath("./c:tx/c:rich/a:bodyPr/@wrap") == ["none"]
        assert label.xpath("./c:dLblPos/@val") and not label.xpath("./c:delete")


def test_the_key_names_essays_where_colour_is_essay(deck):
    for chart in (get_chart(i) for i in ESSAY_COLOURED):
        (key,) = [s for s in chart_slides(deck, chart)[0].shapes if s.name == "key"]
        assert key.text_frame.text.startswith("Colour = essay:")
    (key,) = [s for s in chart_slides(deck, get_chart("trade-context"))[0].shapes if s.name == "key"]
    assert "Colour = essay" not in key.text_frame.text and "(external data)" in key.text_frame.text


# Titled and named after what the deck holds --------------------------------------------------------


def test_a_deck_of_one_chart_is_titled_and_named_after_it(dataset):
    chart = get_chart("arms-deliveries")
    view = View(categories=("arms",), year_range=(2010, 2018))
    deck = deck_of(dataset, [chart], view)
    assert deck.core_properties.title == chart.title
    text = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert chart.title in text and "categories arms; years 2010–2018" in text
    assert deck_file_name([chart], view) == "arms-deliveries_arms_2010-2018.pptx"
    assert deck_file_name([chart], View()) == "arms-deliveries.pptx"


def test_a_deck_of_all_charts_is_named_after_the_filters(dataset):
    view = View(essays=("kashin-2019",))
    assert deck_file_name(CHARTS, View()) == "sino-russian-figures.pptx"
    assert deck_file_name(CHARTS, view) == "sino-russian-figures_kashin-2019.pptx"
    assert deck_file_name(CHARTS[:3], view) == "sino-russian-figures-3-charts_kashin-2019.pptx"
    names = catalog_of(dataset).essay_names
    assert deck_title(list(CHARTS), view, names) == f"{DECK_TITLE}: essays {names['kashin-2019']}"
    assert deck_title(list(CHARTS), View(), names) == DECK_TITLE


def test_a_filtered_deck_shows_only_the_filtered_figures(dataset):
    view = View(essays=("ma-zhang-2019",))
    chart = get_chart("trade-2017")
    deck = deck_of(dataset, [chart], view)
    expected = sorted(rows_of(chart, dataset, view)["value_text"])
    assert expected and sorted(slide_labels(deck, chart)) == expected


def test_the_download_route_and_the_command_line_name_the_deck_after_it(dataset, tmp_path, monkeypatch):
    from app import create_app
    from app.export.cli import main

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    client = create_app(dataset).server.test_client()
    response = client.get("/download/deck.pptx?chart=loans-net-flows&years=2014-2015")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="loans-net-flows_2014-2015.pptx"'
    assert (
        main(["--chart", "trade-2017", "--essay", "kashin-2019", "--format", "pptx", "--out", str(tmp_path)])
        == 0
    )
    assert [p.name for p in tmp_path.iterdir()] == ["trade-2017_kashin-2019.pptx"]
