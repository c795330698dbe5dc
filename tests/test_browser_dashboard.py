"""The dashboard in real headless Chromium (Debian's chromium + chromedriver, driven by selenium).

Skipped with a reason where the browser is missing; under CI=true a missing browser fails.
The browser resolves no host but 127.0.0.1, so anything fetched from the internet would break.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest
from conftest import console_errors, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]

GRAPH = '[id=\'{{"chart":"{chart}","type":"chart-graph"}}\'] .js-plotly-plot'


def requested_hosts(driver) -> set[str]:
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith("http"):
                hosts.add(urlparse(url).hostname)
    return hosts


def graph_summary(driver, chart_id: str) -> dict:
    return driver.execute_script(
        "const gd = document.querySelector(arguments[0]);"
        "if (!gd || !gd.data) return null;"
        "const built = gd.layout && gd.layout.meta && gd.layout.meta.chart_id;"
        "return {traces: gd.data.length, marks: built ? gd.querySelectorAll('.point').length : 0,"
        " opacities: gd.data.map(t => t.marker && t.marker.opacity)};",
        GRAPH.format(chart=chart_id),
    )


def wait_for_charts(driver, chart_ids):
    for chart_id in chart_ids:
        wait_for(lambda c=chart_id: (graph_summary(driver, c) or {}).get("marks"), 30, f"marks in {chart_id}")


def test_page_loads_without_console_errors_and_every_panel_draws_marks(browser, base_url):
    from app.charts import CHARTS

    browser.get(base_url + "/")
    wait_for_charts(browser, [chart.id for chart in CHARTS])
    assert console_errors(browser) == []
    assert requested_hosts(browser) <= {"127.0.0.1"}
    scripts = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('plotly'))"
    )
    # drawn by the dashboard's own plotly.js (assets/vendor), not dcc's fetch of the full bundle
    assert any("/assets/vendor/plotly.min.js" in s for s in scripts), scripts
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
    browser.get(base_url + "/")
    wait_for_charts(browser, ["trade-2017"])
    text = wait_for(lambda: _hover_text(browser, "trade-2017"), 15, "a hover label")
    assert "“" in text and ("fn." in text or "no footnote" in text) and "Cited:" in text


def test_clicking_a_mark_in_one_chart_changes_another(browser, base_url):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(base_url + "/")
    wait_for_charts(browser, ["trade-2017", "jasdf-scrambles", "trade-context"])
    time.sleep(0.5)
    before = graph_summary(browser, "trade-context")["opacities"]
    bar = _first_bar(browser, "trade-2017")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", bar)
    ActionChains(browser).move_to_element(bar).click().perform()
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 10, "the citation card")
    assert len(card) > 10
    after = wait_for(
        lambda: (
            graph_summary(browser, "trade-context")["opacities"] != before
            and graph_summary(browser, "trade-context")["opacities"]
        ),
        10,
        "highlight in trade-context",
    )
    flat = [o for group in after if isinstance(group, list) for o in group]
    assert 0.25 in flat
    assert "select=" in browser.current_url
    assert console_errors(browser) == []


def test_changing_a_filter_redraws_the_charts(browser, base_url):
    def external_traces():
        return browser.execute_script(
            "const gd = document.querySelector(arguments[0]); if (!gd || !gd.data) return -1;"
            "return gd.data.filter(t => (t.name || '').includes('external data')).length;",
            GRAPH.format(chart="trade-context"),
        )

    browser.get(base_url + "/")
    wait_for_charts(browser, ["trade-context"])
    assert external_traces() > 0
    checkbox = browser.find_element("css selector", "#filter-context input[type=checkbox]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", checkbox)
    checkbox.click()
    wait_for(lambda: external_traces() == 0, 20, "trade-context redrawn without external data")
    wait_for(lambda: "context=0" in browser.current_url, 10, "the URL to carry the filter")
    assert console_errors(browser) == []


def test_a_url_with_state_restores_it(browser, base_url, dataset):
    trade = dataset.figures[dataset.figures["category"] == "trade"].iloc[0]
    browser.get(f"{base_url}/?category=trade&context=0&select={trade['figure_id']}&bogus=1")
    note = wait_for(lambda: browser.find_element("id", "state-note").text, 20, "the state note")
    assert "bogus" in note
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 20, "the citation card")
    assert card == trade["quote"].replace("\\$", "$")
    category = browser.find_element("id", "filter-category").text
    assert "Trade" in category
    checkbox = browser.find_element("css selector", "#filter-context input[type=checkbox]")
    assert not checkbox.is_selected()
    wait_for(
        lambda: "bogus" not in browser.current_url and "category=trade" in browser.current_url,
        10,
        "the cleaned URL",
    )
    wait_for_charts(browser, ["trade-context"])
    names = browser.execute_script(
        "return document.querySelector(arguments[0]).data.map(t => t.name)",
        GRAPH.format(chart="trade-context"),
    )
    assert not any("external data" in name for name in names)


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
    wait_for_charts(browser, ["exercises-map"])
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
