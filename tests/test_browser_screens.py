"""Every screen: a phone (390×844, and the narrowest common 360 px), a laptop (1366×768).

Pages never scroll sideways, plots keep at least half of a chart's width on a phone, and the
first chart's title is in the first screen on a laptop and within two on a phone."""

from __future__ import annotations

import pytest
from conftest import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]


def emulate(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def loaded(driver, selector: str) -> None:
    wait_for(lambda: driver.find_elements("css selector", selector), 30, selector)


PAGES = {
    "/": ".panel .js-plotly-plot",
    "/table": ".figures-grid .ag-row",
    "/sources": ".source-entry",
    "/chart/fdi-estimates": ".js-plotly-plot",
    "/figure/kashin-trade-total-2017": "#figure-body h1",
    "/about": "#about-version",
    "/coverage": ".coverage-table",
    "/nowhere": "main h1",  # the server's own 404 page
}


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("path", list(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(browser, base_url, path, width):
    emulate(browser, width, 844)
    browser.get(base_url + path)
    loaded(browser, PAGES[path])
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width


def test_embed_page_does_not_scroll_sideways_on_a_phone(browser, base_url):
    emulate(browser, 360, 740)
    browser.get(base_url + "/embed/trade-2017")
    loaded(browser, "#chart .main-svg")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360


def test_every_plot_keeps_half_its_charts_width_on_a_phone(browser, base_url):
    from app.charts import CHARTS

    emulate(browser, 390, 844)
    browser.get(base_url + "/")
    loaded(browser, PAGES["/"])
    for chart in CHARTS:
        browser.execute_script(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'})",
            f"panel-{chart.id}",
        )
        shares = wait_for(
            lambda c=chart.id: browser.execute_script(
                "const gd = document.querySelector("
                "  `[data-chart='${arguments[0]}'].chart-graph .js-plotly-plot`);"
                "if (!gd || !gd._fullLayout) return null;"
                "const L = gd._fullLayout;"
                "if (L.geo) return [1];"  # a map, not a cartesian plot
                "return Object.keys(L).filter(k => /^xaxis[0-9]*$/.test(k))"
                "  .map(k => L[k]._length / L.width);",
                c,
            ),
            30,
            f"{chart.id} drawn",
        )
        assert min(shares) >= 0.5, (chart.id, shares)


@pytest.mark.parametrize("size, screens", [((1366, 768), 1), ((390, 844), 2)], ids=["laptop", "phone"])
def test_the_first_charts_title_is_in_the_first_screens(browser, base_url, size, screens):
    emulate(browser, *size)
    browser.get(base_url + "/")
    loaded(browser, ".panel-title")
    bottom = browser.execute_script(
        "return document.querySelector('.panel-title').getBoundingClientRect().bottom"
    )
    assert bottom <= size[1] * screens


# Charts whose text (a legend entry, a title, a note or a tick) still runs past the chart's edge at
# 390 px, found on 2 December by the check below; each is to be fixed, and then taken off this list.
TEXT_PAST_THE_EDGE_AT_390 = {
    "trade-context",
    "export-structure",
    "trade-shares",
    "jasdf-scrambles",
    "events-timeline",
    "other-figures",
}
TEXT_PAST_THE_EDGE = """
const gd = document.querySelector(`[data-chart='${arguments[0]}'].chart-graph .js-plotly-plot`);
if (!gd || !gd._fullLayout) return null;
const box = gd.getBoundingClientRect();
const past = [...gd.querySelectorAll('text')].filter(t => t.textContent.trim())
  .map(t => [t, t.getBoundingClientRect()])
  .filter(([t, r]) => r.width && (r.right > box.right + 1 || r.left < box.left - 1))
  .map(([t, r]) => t.textContent.slice(0, 60));
return {past: past};
"""


def test_no_other_charts_text_runs_past_its_edge_on_a_phone(browser, base_url):
    from app.charts import CHARTS

    emulate(browser, 390, 844)
    browser.get(base_url + "/")
    loaded(browser, PAGES["/"])
    past = {}
    for chart in CHARTS:
        browser.execute_script(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'})",
            f"panel-{chart.id}",
        )
        drawn = wait_for(
            lambda c=chart.id: browser.execute_script(TEXT_PAST_THE_EDGE, c), 30, f"{chart.id} drawn"
        )
        if drawn["past"]:
            past[chart.id] = drawn["past"]
    assert set(past) <= TEXT_PAST_THE_EDGE_AT_390, past
