"""Accessibility in real headless Chromium: axe-core (vendored from the npm registry, version in
the file name) finds no serious or critical violation on any page, and the controls, the figures
and their citations are reachable by keyboard."""

from __future__ import annotations

import pytest
from conftest import ROOT, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]

AXE = next((ROOT / "tests" / "vendor").glob("axe-core-*.min.js"))
DRAWN = "return [...document.querySelectorAll('.js-plotly-plot')].filter(g => g._fullLayout).length"


def scroll_through_every_chart(driver) -> None:
    """Scroll each panel into view, as a reader would, until every chart is drawn."""
    from app.charts import CHARTS

    for chart in CHARTS:
        wait_for(
            lambda c=chart.id: driver.execute_script(
                "const p = document.getElementById(arguments[0]);"
                "if (p) p.scrollIntoView({block: 'start', behavior: 'instant'}); return !!p",
                f"panel-{c}",
            ),
            30,
            f"the {chart.id} panel",
        )
        wait_for(
            lambda c=chart.id: driver.execute_script(
                "const b = document.querySelector(`[data-chart='${arguments[0]}'].chart-graph`);"
                "return b && (b.classList.contains('chart-empty') || b.querySelector('.js-plotly-plot'))",
                c,
            ),
            30,
            f"{chart.id} drawn",
        )
    driver.execute_script("window.scrollTo(0, 0)")


def axe_violations(driver) -> list[dict]:
    """Serious and critical axe-core violations on the current page (WCAG 2 A/AA rules)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        "  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        "  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_dashboard_has_no_serious_or_critical_axe_violations(browser, base_url):
    browser.set_script_timeout(60)
    browser.get(base_url + "/")
    scroll_through_every_chart(browser)
    assert axe_violations(browser) == []


def test_embed_page_has_no_serious_or_critical_axe_violations(browser, base_url):
    browser.set_script_timeout(60)
    browser.get(base_url + "/embed/fdi-estimates")
    wait_for(lambda: browser.execute_script(DRAWN) >= 1, 30, "the chart drawn")
    assert axe_violations(browser) == []


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/table", ".figures-grid .ag-row"),
        ("/sources", ".source-entry"),
        ("/chart/fdi-estimates", ".js-plotly-plot"),
        ("/coverage", ".coverage-table"),
        ("/nowhere", "main h1"),  # the server's own 404 page
    ],
)
def test_every_other_page_has_no_serious_or_critical_axe_violations(browser, base_url, path, ready):
    """The dashboard and embed above; figure pages and /about in test_browser_figure_page.py."""
    browser.set_script_timeout(60)
    browser.get(base_url + path)
    wait_for(lambda: browser.find_elements("css selector", ready), 30, ready)
    assert axe_violations(browser) == []


def test_every_chart_has_a_text_alternative(browser, base_url):
    from app.charts import CHARTS

    browser.get(base_url + "/")
    scroll_through_every_chart(browser)
    described = browser.execute_script(
        "return [...document.querySelectorAll('.chart-graph')].map(g => {"
        "  const region = g.closest('[aria-labelledby],[aria-label],section,figure');"
        "  const label = region && (region.getAttribute('aria-label') ||"
        "    (region.getAttribute('aria-labelledby') || '').split(' ')"
        "      .map(id => (document.getElementById(id) || {}).textContent || '').join(' ') ||"
        "    region.textContent);"
        "  return (label || '').trim().length; })"
    )
    assert len(described) == len(CHARTS) and all(length > 20 for length in described)


def focused(driver) -> str:
    return driver.execute_script(
        "const e = document.activeElement;"
        " return [e.id || '', e.tagName, e.getAttribute('href') || '', e.textContent.trim()].join('|')"
    )


def test_a_keyboard_reaches_the_filters_and_a_figures_citation_from_the_top(browser, base_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(base_url + "/")
    wait_for(lambda: browser.execute_script(DRAWN) >= 1, 40, "a chart drawn")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert "Skip to the charts" in focused(browser), "the skip link comes first"
    reached = []
    for _ in range(40):
        reached.append(focused(browser))
        if "view-option" in browser.execute_script("return document.activeElement.className"):
            break
        ActionChains(browser).send_keys(Keys.TAB).perform()
    text = " ".join(reached)
    assert "filter-category" in text or "Category" in text, reached
    assert not any("modebar" in r for r in reached)
    # the first panel's Table view, then its first row's "Cite" link
    while "Table" not in focused(browser):
        ActionChains(browser).send_keys(Keys.TAB).perform()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for(
        lambda: browser.find_elements("css selector", ".rows-table a[href^='/figure/']"), 20, "the table view"
    )
    for _ in range(20):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if "/figure/" in focused(browser):
            break
    assert "/figure/" in focused(browser) and "Cite" in focused(browser)


def test_a_table_row_opens_its_citation_with_the_enter_key(browser, base_url, dataset):
    from selenium.webdriver.common.keys import Keys

    browser.get(base_url + "/table")
    cell = wait_for(
        lambda: browser.find_element("css selector", ".figures-grid .ag-center-cols-container .ag-cell"),
        20,
        "a cell",
    )
    row_id = cell.find_element("xpath", "./ancestor::div[@row-id][1]").get_attribute("row-id")
    cell.send_keys(Keys.ENTER)
    card = wait_for(lambda: browser.find_element("css selector", ".card-quote").text, 10, "the citation card")
    quote = dataset.figures.set_index("figure_id").loc[row_id, "quote"]
    assert card == quote.replace("\\$", "$")
    live = browser.find_element("id", "citation-card").get_attribute("aria-live")
    assert live == "polite", "the card is announced"
