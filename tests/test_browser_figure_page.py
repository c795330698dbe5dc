"""The figure page and /about in real headless Chromium: drawn, the Cite box with absolute
permalinks that the copy buttons copy, the way back to the dashboard with the figure selected and
its chart in view, the links into the page from the table and the citation card, accessibility,
and no sideways scrolling on a phone."""

from __future__ import annotations

import csv
import datetime

import pytest
from conftest import INDICATORS, console_errors, wait_for
from test_browser_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]

ROW = "kashin-trade-total-2017"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def curated(figure_id: str) -> dict:
    with (INDICATORS / "figures.csv").open(encoding="utf-8", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["figure_id"] == figure_id)


def open_page(browser, url: str, marker: str = "cite-bibtex") -> str:
    browser.get(url)
    return wait_for(
        lambda: browser.find_element("id", marker).get_attribute("textContent"), 30, "the Cite box"
    )


def text_of(browser, selector: str) -> str:
    return browser.find_element("css selector", selector).get_attribute("textContent")


def test_the_page_shows_the_figure_as_printed_and_cites_it_with_an_absolute_permalink(browser, base_url):
    bibtex = open_page(browser, f"{base_url}/figure/{ROW}")
    row = curated(ROW)
    assert text_of(browser, "#figure-body h1") == "$86.9 billion"  # value 86.9, unit usd_bn
    assert text_of(browser, "#figure-body blockquote") == row["quote"].replace("\\$", "$")
    permalink = f"{base_url}/figure/{ROW}"
    assert browser.find_element("id", "cite-permalink").get_attribute("href") == permalink
    assert f"{{{permalink}}}" in bibtex and bibtex.startswith("@incollection{kashin-2019,")
    today = datetime.date.today()
    assert f"Accessed {MONTHS[today.month - 1]} {today.day}, {today.year}. {permalink}." in text_of(
        browser, "#cite-chicago"
    )
    assert f'"URL": "{permalink}"' in text_of(browser, "#cite-csl")
    assert console_errors(browser) == []


def read_clipboard(browser) -> str:
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('clipboard error: ' + e));"
    )


def test_copy_buttons_copy_the_absolute_permalink_and_each_citation_as_shown(browser, base_url):
    open_page(browser, f"{base_url}/figure/{ROW}")
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    for target in ("cite-permalink", "cite-bibtex", "cite-apa"):
        button = browser.find_element("css selector", f"[data-copy='{target}']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
        button.click()
        wait_for(lambda: text_of(browser, "#cite-status").startswith("Copied"), 10, f"{target} copied")
        copied = read_clipboard(browser)
        assert copied == text_of(browser, f"#{target}") and f"{base_url}/figure/{ROW}" in copied
    assert read_clipboard(browser).startswith("Vasily Kashin. (2019).")


def test_the_way_back_selects_the_figure_and_scrolls_its_chart_into_view(browser, base_url):
    with (INDICATORS / "figures.csv").open(encoding="utf-8", newline="") as handle:
        scramble = next(row for row in csv.DictReader(handle) if row["category"] == "scrambles")
    open_page(browser, f"{base_url}/figure/{scramble['figure_id']}")
    browser.find_element("id", "figure-dashboard-link").click()
    wait_for(lambda: f"select={scramble['figure_id']}" in browser.current_url, 15, "the dashboard URL")
    assert browser.current_url.split("?")[0] == f"{base_url}/"
    card = wait_for(lambda: text_of(browser, "#citation-card .card-id"), 30, "the figure's card")
    assert card == f"id: {scramble['figure_id']}"
    in_view = (
        "const p = document.getElementById('panel-jasdf-scrambles'); const r = p.getBoundingClientRect();"
        "return window.scrollY > 0 && r.top < window.innerHeight && r.bottom > 0"
        " && !!p.querySelector('.js-plotly-plot');"
    )
    wait_for(lambda: browser.execute_script(in_view), 30, "the scrambles chart drawn and in view")
    assert console_errors(browser) == []


def test_the_table_and_the_citation_card_link_to_the_figures_page(browser, base_url):
    browser.get(f"{base_url}/table")
    link = wait_for(lambda: browser.find_element("css selector", "a.figure-page-link"), 30, "a Page link")
    row_id = link.get_attribute("href").rsplit("/", 1)[-1]
    link.click()
    wait_for(lambda: text_of(browser, "#figure-body h1"), 30, "the figure's page")
    assert browser.current_url.split("?")[0] == f"{base_url}/figure/{row_id}"  # the row stays selected
    browser.get(f"{base_url}/?select={ROW}")
    card_link = wait_for(
        lambda: browser.find_element("css selector", ".card-page-link"), 30, "the card's link"
    )
    card_link.click()
    wait_for(lambda: browser.current_url.split("?")[0] == f"{base_url}/figure/{ROW}", 15, "the figure's page")
    assert wait_for(lambda: text_of(browser, "#figure-body h1"), 30, "the page drawn") == "$86.9 billion"


def test_about_gives_the_version_and_cites_the_dataset_at_its_absolute_address(browser, base_url, dataset):
    bibtex = open_page(browser, f"{base_url}/about")
    assert text_of(browser, "#about-version") == dataset.version
    assert f"url          = {{{base_url}/about}}" in bibtex
    assert browser.find_element("id", "about-download-link").get_attribute("href") == (
        f"{base_url}/download/all-data.zip"
    )


@pytest.mark.parametrize("path", [f"/figure/{ROW}", "/figure/ext:sipri_tiv_russia_to_china:2010", "/about"])
def test_figure_and_about_pages_have_no_serious_or_critical_axe_violations(browser, base_url, path):
    browser.set_script_timeout(60)
    open_page(browser, base_url + path)
    assert axe_violations(browser) == []


# Everything on the page stays within the screen; a wide table scrolls inside its own region.
# (The shell's filter dropdowns, above the page, are the layout's to fit.)
OUTSIDE = """
const limit = document.documentElement.clientWidth;
return [...document.querySelectorAll('#page-content *')]
  .filter(e => !e.closest('.rows-table-wrap > *'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > limit + 1; })
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
"""


@pytest.mark.parametrize(
    "path", [f"/figure/{ROW}", "/figure/kashin-china-share-russian-trade-2017", "/about"]
)
def test_nothing_on_the_page_is_wider_than_a_360px_screen(browser, base_url, path):
    browser.set_window_size(360, 800)
    open_page(browser, base_url + path)
    assert browser.execute_script("return document.documentElement.clientWidth") <= 360
    assert browser.execute_script(OUTSIDE) == []
    main = browser.find_element("id", "page-content")  # text spilling out of a box widens it too
    assert int(main.get_attribute("scrollWidth")) <= int(main.get_attribute("clientWidth"))
