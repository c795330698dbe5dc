"""Embed pages and download routes on a Flask server; one embed page in headless Chromium."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from export_support import require_browser
from flask import Flask

from app.charts import CHARTS, get_chart, source_line
from app.embed import options_from_query, register_embed_routes
from app.export.chart_csv import chart_csv_text
from app.options import ChartOptions
from app.state import build_query
from loaders import load_dataset

STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def server(dataset):
    flask_app = Flask("embed-test")

    @flask_app.route("/")
    def home():
        return "dashboard"

    register_embed_routes(flask_app, load_dataset=lambda: dataset)

    @flask_app.after_request
    def strict_policy(response):  # like app/security.py: runs before the embed routes' handler
        response.headers["Content-Security-Policy"] = STRICT_POLICY
        return response

    return flask_app


@pytest.fixture
def client(server):
    return server.test_client()


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_embed_page_renders_the_chart_with_its_source_line_and_iframe_snippet(chart, client, dataset):
    response = client.get(f"/embed/{chart.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy and "'none'" not in policy
    assert "script-src 'self';" in policy, "a stricter policy set elsewhere is kept"
    assert "<script>" not in page, "no inline script: it runs under script-src 'self'"
    assert "X-Frame-Options" not in response.headers
    import html

    assert html.escape(chart.title) in page
    assert html.escape(source_line(chart, dataset, ChartOptions())) in page
    assert html.escape(f'<iframe src="http://localhost/embed/{chart.id}"') in page
    assert 'name="viewport"' in page and "<nav" not in page


def test_only_embed_pages_may_be_framed_by_other_sites(client):
    home = client.get("/")
    assert home.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert home.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_without_another_policy_pages_get_frame_ancestors_self():
    from app.embed import with_frame_ancestors

    assert with_frame_ancestors("", "'self'", replace=False) == "frame-ancestors 'self'"
    assert (
        with_frame_ancestors("default-src 'self'", "*", replace=True)
        == "default-src 'self'; frame-ancestors *"
    )
    assert with_frame_ancestors("frame-ancestors 'none'", "'self'", replace=False) == "frame-ancestors 'none'"
    assert with_frame_ancestors("frame-ancestors 'none'; img-src *", "*", replace=True) == (
        "img-src *; frame-ancestors *"
    )


def test_filters_travel_in_the_query_string_and_back():
    from werkzeug.datastructures import MultiDict

    options = ChartOptions(
        categories=("trade",),
        essays=("kashin-2019", "tatsumi-2019"),
        year_range=(2010, 2018),
        show_context=False,
        selected_ids=("kashin-trade-total-2017",),
    )
    query = build_query(options)
    from urllib.parse import parse_qsl

    assert options_from_query(MultiDict(parse_qsl(query))) == options


def test_unknown_chart_is_a_404_naming_the_known_ids(client):
    response = client.get("/embed/no-such-chart")
    assert response.status_code == 404
    assert CHARTS[0].id in response.get_data(as_text=True)


def test_chart_csv_download_holds_exactly_the_filtered_rows(client, dataset):
    response = client.get("/download/trade-context.csv?essay=kashin-2019&context=0")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    options = ChartOptions(essays=("kashin-2019",), show_context=False)
    assert response.get_data(as_text=True) == chart_csv_text(get_chart("trade-context"), dataset, options)
    rows = pd.read_csv(io.StringIO(response.get_data(as_text=True)))
    assert set(rows["essay"]) <= {"kashin-2019"} and not rows["is_external"].any()


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
    response = client.get("/download/deck.pptx?chart=loans-net-flows")
    assert response.status_code == 200
    assert len(Presentation(io.BytesIO(response.data)).slides) == 2


def test_image_download_without_a_browser_is_a_503_that_says_why(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get("/download/loans-net-flows.png")
    assert response.status_code == 503
    assert "[no-browser]" in response.get_data(as_text=True)


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
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
