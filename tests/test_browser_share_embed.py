"""Share and embed in real headless Chromium: each panel's "Share & download" box copies links to
the view and to the selected figure and keeps its downloads in step with the filters; an embed in
someone else's page, pasted as the snippet gives it, takes the chart's full height (no inner
scrollbar, the source line in sight)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import wait_for
from test_browser_figure_page import read_clipboard

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_dashboard_browser")]

ROW = "kashin-trade-total-2017"


def open_share_box(browser, chart_id: str):
    box = wait_for(
        lambda: browser.find_element("css selector", f"#panel-{chart_id} details.share"), 30, "the share box"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", box)
    box.find_element("tag name", "summary").click()
    return box


def allow_clipboard(browser, base_url: str) -> None:
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )


def test_the_share_box_copies_links_to_the_view_and_to_the_selected_figure(browser, base_url):
    browser.get(f"{base_url}/?category=trade&select={ROW}")
    allow_clipboard(browser, base_url)
    box = open_share_box(browser, "trade-2017")
    wait_for(lambda: browser.find_elements("css selector", "#panel-trade-2017 .js-plotly-plot"), 30, "drawn")
    view = box.find_element("css selector", "button[data-share='view']")
    view.click()
    wait_for(lambda: view.text.startswith("Copied"), 10, "the view's link copied")
    copied = read_clipboard(browser)
    assert copied.startswith(f"{base_url}/?") and "category=trade" in copied
    assert copied.endswith("#panel-trade-2017")
    figure = box.find_element("css selector", "button[data-share='figure']")
    figure.click()
    wait_for(lambda: figure.text.startswith("Copied"), 10, "the figure's link copied")
    assert read_clipboard(browser) == f"{base_url}/figure/{ROW}"


def test_the_share_box_downloads_follow_a_filter_change(browser, base_url):
    browser.get(f"{base_url}/?category=trade")
    box = open_share_box(browser, "trade-2017")
    csv_link = box.find_element("css selector", "a.share-download[data-path$='.csv']")
    assert "category=trade" in csv_link.get_attribute("href")
    browser.find_element("id", "reset-filters").click()
    wait_for(lambda: "?" not in browser.current_url, 15, "the filters reset")
    wait_for(lambda: "category=" not in csv_link.get_attribute("href"), 15, "the CSV link to follow")
    assert csv_link.get_attribute("href") == f"{base_url}/download/trade-2017.csv"


@pytest.fixture
def foreign_site(tmp_path):
    """Another origin (another port) serving ``tmp_path``: where a reader pastes the snippet."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("chart_id", ["trade-2017", "other-figures"])
def test_a_pasted_embed_takes_the_charts_full_height_with_its_source_line_in_sight(
    browser, base_url, foreign_site, chart_id
):
    folder, origin = foreign_site
    browser.get(f"{base_url}/chart/{chart_id}")
    box = open_share_box(browser, chart_id)
    snippet = box.find_element("css selector", "textarea.share-snippet").get_attribute("value")
    assert f'src="{base_url}/embed/{chart_id}"' in snippet  # the page's own address, made absolute
    post = (
        f"<!doctype html><html><body><h1>A blog post</h1><p>Our chart:</p>{snippet}<p>End.</p></body></html>"
    )
    (folder / "post.html").write_text(post, encoding="utf-8")
    browser.get(f"{origin}/post.html")
    frame = browser.find_element("css selector", "iframe[data-sri-embed]")
    first = frame.size["height"]
    browser.switch_to.frame(frame)
    wait_for(lambda: browser.find_elements("css selector", "#chart .main-svg"), 30, "the chart drawn")
    browser.switch_to.default_content()
    wait_for(lambda: "height" in (frame.get_attribute("style") or ""), 30, "the frame resized by the snippet")
    browser.switch_to.frame(frame)
    inside = browser.execute_script(
        "return [document.documentElement.scrollHeight, window.innerHeight,"
        " document.querySelector('.source').getBoundingClientRect().bottom]"
    )
    browser.switch_to.default_content()
    scroll_height, inner_height, source_bottom = inside
    assert scroll_height <= inner_height + 1, (first, inside)  # no inner scrollbar
    assert source_bottom <= inner_height, (first, inside)  # the source line shows
