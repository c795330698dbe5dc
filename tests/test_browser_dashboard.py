"""The dashboard in real headless Chromium (Debian's chromium + chromedriver, driven by selenium).

Skipped with a reason where the browser is missing; under CI=true a missing browser fails.
The browser resolves no host but 127.0.0.1, so anything fetched from the internet would break.
Charts are drawn as they come into view, so the tests scroll as a reader would.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest
from conftest import console_errors, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]

GRAPH = '[id=\'{{"chart":"{chart}","type":"chart-graph"}}\'] .js-plotly-plot'
POSTS = (
    "return performance.getEntriesByType('resource')"
    ".filter(e => e.name.includes('_dash-update-component')).length"
)


def requested_hosts(driver) -> set[str]:
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith("http"):
                hosts.add(urlparse(url).hostname)
    return hosts


def graph_summary(driver, chart_id: str) -> dict | None:
    return driver.execute_script(
        "const gd = document.querySelector(arguments[0]);"
        "if (!gd || !gd.data || !gd._fullLayout) return null;"
        "const box = gd.parentElement;"
        "return {traces: gd.data.length, marks: gd.querySelectorAll('.point, .scattergeo path.point').length,"
        " stale: box.hasAttribute('data-stale'),"
        " ids: gd.data.flatMap(t => (t.customdata || []).map(c => c[0])),"
        " opacities: gd.data.map(t => t.marker && t.marker.opacity),"
        " names: gd.data.map(t => t.name || '')};",
        GRAPH.format(chart=chart_id),
    )


def scroll_to(driver, chart_id: str) -> None:
    driver.execute_script(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'})",
        f"panel-{chart_id}",
    )


def wait_drawn(driver, chart_id: str, timeout: float = 30) -> dict:
    return wait_for(
        lambda: (lambda s: s if s and s["marks"] and not s["stale"] else None)(
            graph_summary(driver, chart_id)
        ),
        timeout,
        f"marks in {chart_id}",
    )


def open_overview(driver, base_url, query: str = "") -> None:
    driver.get(f"{base_url}/{query}")
    wait_drawn(driver, "trade-2017")


def test_page_draws_what_is_in_view_then_each_chart_as_it_is_scrolled_to(browser, base_url):
    from app.charts import CHARTS

    open_overview(browser, base_url)
    assert graph_summary(browser, "other-figures") is None, "a chart far below the fold waits"
    heights = browser.execute_script(
        "return [...document.querySelectorAll('.chart-graph')].map(b => b.getBoundingClientRect().height)"
    )
    assert all(h >= 200 for h in heights), "every box holds its chart's height before it is drawn"
    for chart in CHARTS:
        scroll_to(browser, chart.id)
        wait_drawn(browser, chart.id)
    assert console_errors(browser) == []
    assert requested_hosts(browser) <= {"127.0.0.1"}
    scripts = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('plotly'))"
    )
    assert any("/assets/vendor/plotly.min.js" in s for s in scripts), scripts  # the dashboard's own build
    assert not any("package_data/plotly.min.js" in s for s in scripts), scripts


def _first_bar(browser, chart_id):
    return wait_for(
        lambda: browser.find_element("css selector", GRAPH.format(chart=chart_id) + " .barlayer .point path"),
        30,
        f"a bar in {chart_id}",
    )


def _hover_text(browser, chart_id):
    from selenium.webdriver.common.action_chains import ActionChains

    bar = _first_bar(browser, chart_id)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", bar)
    ActionChains(browser).move_by_offset(1, 1).move_to_element(bar).perform()
    return browser.find_element("css selector", GRAPH.format(chart=chart_id) + " .hoverlayer").text


def test_hovering_a_mark_shows_its_citation(browser, base_url):
    open_overview(browser, base_url)
    text = wait_for(lambda: _hover_text(browser, "trade-2017"), 15, "a hover label")
    assert "“" in text and ("fn." in text or "no footnote" in text) and "Cited:" in text


HOVER_FILES = (
    "return performance.getEntriesByType('resource').filter(e => e.name.includes('/hover-texts/')).length"
)
NULL_HOVERS = (
    "return document.querySelector(arguments[0]).data"
    ".flatMap(t => t.customdata || []).filter(c => c && c[4] === null).length"
)


def test_hover_citations_come_once_and_serve_charts_redrawn_after_a_filter_change(browser, base_url):
    """Answers leave each mark's hover citation out; the page fetches them all once (app/drawing.py)."""
    open_overview(browser, base_url)
    assert "Cited:" in wait_for(lambda: _hover_text(browser, "trade-2017"), 15, "a hover label")
    checkbox = browser.find_element("css selector", "#filter-context input[type=checkbox]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", checkbox)
    checkbox.click()
    wait_for(lambda: "context=0" in browser.current_url, 10, "the URL to carry the filter")
    scroll_to(browser, "trade-2017")
    wait_drawn(browser, "trade-2017")
    assert browser.execute_script(NULL_HOVERS, GRAPH.format(chart="trade-2017")) == 0
    text = wait_for(lambda: _hover_text(browser, "trade-2017"), 15, "a hover label after the change")
    assert "Cited:" in text and "could not be loaded" not in text
    assert browser.execute_script(HOVER_FILES) == 1
    assert console_errors(browser) == []


def test_charts_draw_and_say_so_when_the_hover_citations_cannot_be_fetched(browser, base_url):
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/hover-texts/*"]})
    open_overview(browser, base_url)
    text = wait_for(lambda: _hover_text(browser, "trade-2017"), 15, "a hover label")
    assert "The citation could not be loaded: reload the page." in text
    assert any("hover citations not loaded" in error for error in console_errors(browser))


def test_clicking_a_mark_highlights_its_year_in_a_chart_drawn_later(browser, base_url):
    from selenium.webdriver.common.action_chains import ActionChains

    open_overview(browser, base_url)
    assert graph_summary(browser, "jasdf-scrambles") is None
    bar = _first_bar(browser, "trade-2017")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", bar)
    ActionChains(browser).move_to_element(bar).click().perform()
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 10, "the citation card")
    assert len(card) > 10 and "\\$" not in card
    wait_for(lambda: "select=" in browser.current_url, 10, "the selection in the URL")
    scroll_to(browser, "trade-context")
    after = wait_for(
        lambda: (
            lambda s: s if s and any(isinstance(o, list) and 0.25 in o for o in s["opacities"]) else None
        )(graph_summary(browser, "trade-context")),
        15,
        "the selection highlighted in trade-context, drawn after the click",
    )
    assert any(isinstance(o, list) and 1 in o for o in after["opacities"]), "the same year stays bright"
    assert console_errors(browser) == []


def test_a_filter_change_is_one_request_and_redraws_what_is_in_view(browser, base_url):
    def external_traces():
        summary = graph_summary(browser, "trade-context")
        return (
            -1 if summary is None or summary["stale"] else sum("external data" in n for n in summary["names"])
        )

    open_overview(browser, base_url)
    scroll_to(browser, "trade-context")
    wait_for(lambda: external_traces() > 0, 20, "trade-context with its external series")
    time.sleep(0.5)
    before = browser.execute_script(POSTS)
    checkbox = browser.find_element("css selector", "#filter-context input[type=checkbox]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", checkbox)
    checkbox.click()
    scroll_to(browser, "trade-context")
    wait_for(lambda: external_traces() == 0, 20, "trade-context redrawn without external data")
    wait_for(lambda: "context=0" in browser.current_url, 10, "the URL to carry the filter")
    time.sleep(1)
    assert browser.execute_script(POSTS) - before == 1
    assert console_errors(browser) == []


def test_a_url_with_state_restores_it_and_scrolls_to_the_selected_figure(browser, base_url, dataset):
    fdi = dataset.figures[dataset.figures["category"] == "fdi"].iloc[0]
    browser.get(f"{base_url}/?category=fdi&context=0&select={fdi['figure_id']}&bogus=1")
    note = wait_for(lambda: browser.find_element("id", "state-note").text, 20, "the state note")
    assert "bogus" in note
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 20, "the citation card")
    assert card == fdi["quote"].replace("\\$", "$")
    assert "FDI" in browser.find_element("id", "filter-category").text
    assert not browser.find_element("css selector", "#filter-context input[type=checkbox]").is_selected()
    summary = wait_drawn(browser, "fdi-estimates")
    assert fdi["figure_id"] in summary["ids"]
    top = browser.execute_script(
        "return document.getElementById('panel-fdi-estimates').getBoundingClientRect().top"
    )
    assert 0 <= top < 400, "the selected figure's chart is scrolled into view"
    wait_for(
        lambda: "bogus" not in browser.current_url and "category=fdi" in browser.current_url,
        10,
        "the cleaned URL",
    )


def test_the_map_draws_land_with_the_network_cut_off(browser, base_url):
    browser.get(base_url + "/chart/exercises-map")
    land = wait_for(
        lambda: browser.execute_script(
            "const p = document.querySelector('.geo .land path, .geo path.land, .layer.land path');"
            "return p && p.getAttribute('d') && p.getAttribute('d').length"
        ),
        30,
        "land drawn on the map",
    )
    assert land > 1000
    wait_drawn(browser, "exercises-map")
    assert requested_hosts(browser) <= {"127.0.0.1"}
    assert console_errors(browser) == []


def test_table_page_searches_and_a_row_click_shows_its_citation(browser, base_url, dataset):
    browser.get(base_url + "/table")
    wait_for(lambda: browser.find_elements("css selector", ".figures-grid .ag-row"), 20, "grid rows")
    term = str(dataset.figures["figure_id"].iloc[0])
    browser.find_element("id", "table-search").send_keys(term)
    rows = wait_for(
        lambda: (
            len(browser.find_elements("css selector", ".ag-center-cols-container .ag-row")) == 1
            and browser.find_elements("css selector", ".ag-center-cols-container .ag-cell")
        ),
        10,
        "the grid narrowed to one row",
    )
    rows[0].click()
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 10, "the citation card")
    assert card == dataset.figures["quote"].iloc[0].replace("\\$", "$")
    assert console_errors(browser) == []
