"""python -m app export --format html: one chart as one self-contained page, or a static site
(index plus a page a chart) that any static host can serve; both work from file:// offline."""

from __future__ import annotations

import html
import re

import pytest
from conftest import wait_for

from app.charts import CHARTS
from app.export.cli import main as export_main
from app.paths import PLOTLY_JS


def external_references(page: str) -> list[str]:
    """Every src/href of the page's markup (not inside inline script) that would leave the file."""
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    return [
        ref
        for ref in re.findall(r'(?:src|href)="([^"]*)"', markup)
        if ref.startswith(("http:", "https:", "//", "/"))
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    assert export_main(["--all", "--format", "html", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def map_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "map.html"
    assert export_main(["--chart", "exercises-map", "--format", "html", "--out", str(out)]) == 0
    return out


def test_one_chart_is_one_page_with_plotly_and_the_map_inlined(map_page):
    page = map_page.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert PLOTLY_JS.read_text(encoding="utf-8")[:2000] in page, "our plotly.js build is inlined"
    assert "window.PlotlyGeoAssets" in page and '"world_110m"' in page
    assert "<h1>Joint exercises on a map</h1>" in page
    assert 'id="source-line">Source' in page


def test_a_site_has_an_index_and_a_page_and_csv_per_chart(site):
    names = {path.name for path in site.iterdir()}
    assert {"index.html", "plotly.min.js"} <= names
    index = (site / "index.html").read_text(encoding="utf-8")
    for chart in CHARTS:
        assert {f"{chart.id}.html", f"{chart.id}.csv"} <= names
        assert f'href="{chart.id}.html"' in index and html.escape(chart.title) in index
        page = (site / f"{chart.id}.html").read_text(encoding="utf-8")
        assert '<script src="plotly.min.js"></script>' in page and external_references(page) == []
    assert (site / "plotly.min.js").read_bytes() == PLOTLY_JS.read_bytes()


def test_a_filtered_site_says_its_filters_and_an_unknown_filter_writes_nothing(tmp_path, capsys):
    out = tmp_path / "arms"
    assert export_main(["--all", "--format", "html", "--category", "arms", "--out", str(out)]) == 0
    assert "Filtered: categories" in (out / "arms-deliveries.html").read_text(encoding="utf-8")
    refused = tmp_path / "refused"
    assert export_main(["--all", "--format", "html", "--category", "<b>x</b>", "--out", str(refused)]) == 2
    assert "[unknown-category]" in capsys.readouterr().err and not refused.exists()


def points_drawn(browser) -> int:
    return browser.execute_script(
        "return document.querySelectorAll('#chart .scatterlayer .point, #chart .barlayer .point').length"
    )


@pytest.mark.browser
def test_the_single_page_draws_the_map_offline_from_file_with_hover_citations(browser, map_page):
    browser.get(map_page.as_uri())
    wait_for(lambda: points_drawn(browser) > 0, message="the map's points")
    assert browser.execute_script("return document.querySelectorAll('#chart .geo path').length") > 3
    browser.execute_script("Plotly.Fx.hover('chart', [{curveNumber: 0, pointNumber: 0}], 'geo')")
    hover = wait_for(
        lambda: browser.execute_script(
            "var h = document.querySelector('.hoverlayer'); return h && h.textContent"
        ),
        message="a hover label",
    )
    citation = browser.execute_script("return document.getElementById('chart').data[0].customdata[0][4]")
    heading = re.sub(r"<[^>]+>", "", citation.split("<br>")[0])
    assert "Cited:" in hover and heading in hover, (heading, hover)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.browser
def test_the_static_site_index_leads_to_pages_that_draw(browser, site):
    browser.get((site / "index.html").as_uri())
    browser.find_element("css selector", 'a[href="trade-context.html"]').click()
    wait_for(lambda: points_drawn(browser) > 10, message="trade-context's points")
    assert browser.find_element("id", "source-line").text.startswith("Source")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
