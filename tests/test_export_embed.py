"""Embed pages and download routes of the real app; one embed page in headless Chromium."""

from __future__ import annotations

import html
import io
import zipfile

import pandas as pd
import pytest
from chart_support import figure_of
from export_support import require_browser

from app.catalog import catalog_of
from app.charts import CHARTS, get_chart
from app.export.chart_csv import chart_csv_text
from app.view import View


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_embed_page_renders_the_chart_with_its_source_line_link_back_and_snippet(chart, client, dataset):
    response = client.get(f"/embed/{chart.id}", headers={"Host": "evil.example"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors *")
    assert "script-src 'self'" in policy and "'unsafe-eval'" not in policy
    assert "<script>" not in page.split("<textarea")[0], "no inline script: it runs under script-src 'self'"
    assert "X-Frame-Options" not in response.headers
    assert html.escape(chart.title) in page
    assert html.escape(figure_of(chart, dataset).layout.meta["source_line"]) in page
    assert html.escape(f'<iframe data-sri-embed src="/embed/{chart.id}"') in page
    assert f'href="/chart/{chart.id}"' in page and f'href="/download/{chart.id}.csv"' in page
    assert "evil.example" not in page, "the Host header is never copied into the page"
    assert 'name="viewport"' in page and "<nav" not in page


def test_a_configured_public_url_makes_the_snippet_absolute(client, monkeypatch):
    monkeypatch.setenv("SRI_PUBLIC_URL", "https://figures.example.org/")
    page = client.get("/embed/loans-net-flows").get_data(as_text=True)
    assert html.escape('src="https://figures.example.org/embed/loans-net-flows"') in page


def test_only_embed_pages_may_be_framed_by_other_sites(client):
    home = client.get("/")
    assert home.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert home.headers["X-Frame-Options"] == "DENY"


def test_the_view_travels_in_the_embed_query_and_bad_values_are_refused(client):
    page = client.get("/embed/trade-context?essay=kashin-2019&context=0").get_data(as_text=True)
    assert "external data" not in page.split('id="figure-data"')[1].split("</script>")[0]
    response = client.get("/embed/trade-context?category=bogus")
    assert response.status_code == 400 and "[unknown-category]" in response.get_data(as_text=True)


def test_unknown_chart_is_a_404_naming_the_known_ids(client):
    response = client.get("/embed/no-such-chart")
    assert response.status_code == 404
    assert CHARTS[0].id in response.get_data(as_text=True)


def test_chart_csv_download_holds_exactly_the_filtered_rows(client, dataset):
    response = client.get("/download/trade-context.csv?essay=kashin-2019&context=0")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    view = View(essays=("kashin-2019",), show_context=False)
    assert response.get_data(as_text=True) == chart_csv_text(
        get_chart("trade-context"), catalog_of(dataset), view
    )
    rows = pd.read_csv(io.StringIO(response.get_data(as_text=True)))
    kashin = dataset.figures[
        (dataset.figures["essay"] == "kashin-2019")
        & dataset.figures["indicator"].isin(["trade_total_value", "trade_flow_value"])
        & (dataset.figures["unit"] == "usd_bn")
    ]
    assert set(rows["row_id"]) == set(kashin["figure_id"]) and not rows["is_external"].any()


def test_download_all_data_zips_csv_parquet_and_datapackage(client, dataset):
    response = client.get("/download/all-data.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    stems = {name.rsplit("/", 1)[-1] for name in names}
    assert "datapackage.json" in stems
    for table in dataset.tables():
        assert {f"{table}.csv", f"{table}.parquet"} <= stems


def test_deck_download_of_picked_charts(client, monkeypatch):
    from pptx import Presentation

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get("/download/deck.pptx?chart=loans-net-flows&chart=loans-net-flows")
    assert response.status_code == 200
    assert len(Presentation(io.BytesIO(response.data)).slides) == 2  # title, then the chart once


def test_image_download_without_a_browser_is_a_503_that_says_why(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get("/download/loans-net-flows.png")
    assert response.status_code == 503
    assert "[no-browser]" in response.get_data(as_text=True)


@pytest.mark.image
def test_image_download_at_4x3_and_2x(client):
    require_browser()
    from export_support import png_size

    response = client.get("/download/loans-net-flows.png?size=4x3&scale=2")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert png_size(response.data) == (3200, 2400)


@pytest.mark.browser
def test_embed_page_draws_in_headless_chromium_with_a_clean_console(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(800, 600)
    browser.get(f"{base_url}/embed/loans-net-flows")
    WebDriverWait(browser, 20).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#chart .main-svg"))
    )
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart .barlayer .point")
    assert len(bars) > 0
    assert browser.find_element(By.ID, "source-line").text.startswith("Source:")
    width = browser.execute_script(
        "return document.querySelector('#chart .main-svg').getBoundingClientRect().width"
    )
    assert 700 <= width <= 800, "the chart fills the narrow frame"
    snippet = browser.find_element(By.ID, "iframe-snippet").get_attribute("value")
    assert f'src="{base_url}/embed/loans-net-flows"' in snippet, "the browser fills in its own origin"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
