"""PNG and SVG exports: valid, of the requested size, with title, unit and source line baked in."""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go
import pytest
from chart_support import figure_of, rows_of
from export_support import png_size, require_browser

from app.charts import CHARTS, get_chart
from app.export.framing import SOURCE_ANNOTATION_NAME, frame_figure, unit_text, wrap_source_line
from app.export.images import BrowserUnavailable, ImageExportError, browser_problem, render_chart_image
from app.view import View

IMAGE_CHARTS = [c for c in CHARTS if c.id != "exercises-map"]


def test_framing_puts_title_unit_and_source_line_on_a_copy():
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    framed = frame_figure(
        figure,
        title="Trade <2017>",
        subtitle="Unit: US$ billion",
        source_line="Source: Kashin (2019) fn. 36.",
        width=1920,
        height=1080,
    )
    assert framed.layout.width == 1920 and framed.layout.height == 1080
    assert "Trade &lt;2017&gt;" in framed.layout.title.text
    assert framed.layout.title.subtitle.text == "Unit: US$ billion"
    sources = [a for a in framed.layout.annotations if a.name == SOURCE_ANNOTATION_NAME]
    assert [a.text for a in sources] == ["Source: Kashin (2019) fn. 36."]
    assert figure.layout.title.text is None, "the original figure is untouched"


def test_long_source_lines_wrap_to_the_image_width():
    text = "Source: " + "; ".join(f"Essay {n} (2019) fn. {n}" for n in range(40))
    lines = wrap_source_line(text, 1600, 18)
    assert len(lines) > 1 and " ".join(lines) == text
    assert max(map(len, lines)) <= 1600 / (18 * 0.48)


def test_a_note_wrapped_for_a_phone_is_wrapped_again_at_the_images_width(dataset):
    """Notes under a plot are wrapped narrow to fit a phone; an image's footer is far wider."""
    from app.figures.common import NOTE_NAME_PREFIX

    figure = figure_of(get_chart("exercises-map"), dataset)
    [note] = [a for a in figure.layout.annotations if str(a.name or "").startswith(NOTE_NAME_PREFIX)]
    framed = frame_figure(figure, title="t", subtitle="", source_line="Source: s.", width=1920, height=1080)
    [footer] = [a for a in framed.layout.annotations if a.name == SOURCE_ANNOTATION_NAME]
    note_lines = note.text.count("<br>") + 1
    footer_lines = footer.text.split("<br>")[:-1]  # the last is the source line
    assert note_lines > 5 and len(footer_lines) < note_lines / 2
    assert " ".join(footer_lines) == note.text.replace("<br>", " ")


def test_unit_text_names_the_units_of_the_rows():
    assert unit_text(["usd_bn", "usd_bn", None]) == "Unit: US$ billion"
    assert unit_text(["usd_bn", "percent"]) == "Units: US$ billion, percent"


def test_without_a_browser_images_fail_with_a_clear_message(monkeypatch, catalog):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert "BROWSER_PATH='/nonexistent/chromium' does not exist" in browser_problem()
    with pytest.raises(BrowserUnavailable, match=r"\[no-browser\].*Fix: install Chromium"):
        render_chart_image(CHARTS[0], catalog, View(), "png")


@pytest.mark.image
@pytest.mark.parametrize("chart", IMAGE_CHARTS, ids=[c.id for c in IMAGE_CHARTS])
def test_png_has_the_requested_size_times_scale(chart, catalog):
    require_browser()
    data = render_chart_image(chart, catalog, View(), "png", 1600, 1200, scale=1)
    assert png_size(data) == (1600, 1200)


@pytest.mark.image
@pytest.mark.parametrize("size", [(1920, 1080, 2), (1600, 1200, 1.5)], ids=["16x9-2x", "4x3-1.5x"])
def test_png_at_slide_sizes_and_scale(size, catalog):
    require_browser()
    width, height, scale = size
    data = render_chart_image(get_chart("loans-net-flows"), catalog, View(), "png", width, height, scale)
    assert png_size(data) == (int(width * scale), int(height * scale))


def svg_text(svg: str) -> str:
    """The visible text of an SVG, tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())


@pytest.mark.image
@pytest.mark.parametrize("chart", IMAGE_CHARTS, ids=[c.id for c in IMAGE_CHARTS])
def test_svg_is_valid_sized_and_holds_title_unit_and_source_line(chart, dataset, catalog):
    require_browser()
    from xml.etree import ElementTree

    svg = render_chart_image(chart, catalog, View(), "svg", 1920, 1080).decode("utf-8")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    text = svg_text(svg)
    words = " ".join(figure_of(chart, dataset).layout.meta["source_line"].split())
    assert words in text
    assert " ".join(chart.title.split()) in text
    assert unit_text(rows_of(chart, dataset)["unit"]) in text


@pytest.mark.image
def test_the_map_exports_when_its_offline_map_files_are_present(catalog):
    require_browser()
    from app.paths import TOPOJSON_DIR

    if not any(TOPOJSON_DIR.glob("*.json")):
        with pytest.raises(ImageExportError, match=r"\[no-map-files\]"):
            render_chart_image(get_chart("exercises-map"), catalog, View(), "png", 800, 450)
        pytest.skip(f"no topojson in {TOPOJSON_DIR}: the map export fails with [no-map-files] (checked)")
    data = render_chart_image(get_chart("exercises-map"), catalog, View(), "png", 800, 450)
    assert png_size(data) == (800, 450)


@pytest.mark.image
@pytest.mark.parametrize("size", ["16x9", "4x3"])
def test_every_figure_as_printed_stands_whole_in_the_svg_at_both_slide_sizes(size, dataset, catalog):
    """No label cut ("about $15 b…") and none drawn twice where two figures coincide."""
    require_browser()
    from app.export.sizes import SIZES

    preset = SIZES[size]
    for chart_id in ("arms-deliveries", "trade-2017", "fdi-estimates", "export-structure"):
        chart = get_chart(chart_id)
        image = render_chart_image(chart, catalog, View(), "svg", preset.width, preset.height)
        svg = svg_text(image.decode())
        rows = rows_of(chart, dataset)
        for printed in rows.loc[~rows["is_external"].astype(bool), "value_text"]:
            assert printed in svg, (chart_id, size, printed)
        assert "…" not in svg.replace("et al…", ""), (chart_id, size)
    arms = svg_text(render_chart_image(get_chart("arms-deliveries"), catalog, View(), "svg").decode())
    # two statements print "more than $3 billion" for 2016: one label at their shared point (×2),
    # and each its own row among the statements
    assert arms.count("more than $3 billion (×2)") == 1 and arms.count("more than $3 billion") == 3
