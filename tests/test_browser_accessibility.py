"""Accessibility in real headless Chromium: axe-core (vendored from the npm registry, version in
the file name) finds no serious or critical violation on the dashboard or an embed page, and the
controls are reachable by keyboard."""

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


def test_filters_and_view_switches_are_reachable_by_keyboard(browser, base_url):
    browser.get(base_url + "/")
    wait_for(lambda: browser.execute_script(DRAWN) >= 1, 40, "a chart drawn")
    reached = set()
    body = browser.find_element("css selector", "body")
    body.click()
    from selenium.webdriver.common.keys import Keys

    for _ in range(60):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.add(
            browser.execute_script(
                "const e = document.activeElement;"
                " return (e.id || '') + '|' + e.tagName + '|' + (e.type || '')"
            )
        )
    ids = " ".join(reached)
    assert "filter-category" in ids or "INPUT" in ids, reached
    assert any(tag in ids for tag in ("|BUTTON|", "|A|")), reached
