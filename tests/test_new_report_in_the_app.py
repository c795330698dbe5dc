"""A third report reaches every part of the dashboard with no change to code: the made-up report
(tests/made_up_report.py) is added to a copy of the data, its coverage refreshed as a curator
would, and the app built on that copy shows it in the filters, a chart's hover, the CSV, the deck's
notes, the figure's page and the coverage page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from dash_support import call, table_rows, text_content, with_hovers
from made_up_report import CITED, ESSAY_ID, REPORT_FILE, build_made_up_report
from pptx import Presentation

from app import create_app
from app.catalog import catalog_of
from app.charts import get_chart
from app.export.deck import build_deck
from app.view import View
from loaders import load_dataset
from loaders.__main__ import main

FIGURE = "made-up-trade-2018"
READABLE_QUOTE = (
    "Trade between Atlantis and Lemuria reached $12.5 billion in 2018, three times its 2008 level.¹"
)
ESSAY_NAME = "Trade Essay (2019)"


@pytest.fixture(scope="module")
def made_up(tmp_path_factory, reports_dir):
    report = build_made_up_report(tmp_path_factory.mktemp("made-up"))
    refresh = [
        "--indicators",
        str(report.indicators),
        "--reports",
        str(report.reports),
        "coverage",
        "--write",
    ]
    assert main(refresh) == 0  # the curator's last step: every number accounted for, tables refreshed
    dataset = load_dataset(report.indicators)  # as the app loads it: no report texts at run time
    return dataset, create_app(dataset).server.test_client()


def visit(client, search: str) -> dict:
    status, body = call(client, "page-content.children", {"url.pathname": "/", "url.search": search})
    assert status == 200
    return body["response"]


def test_the_essay_is_a_filter_and_a_view_of_it_draws_its_figure_with_its_citation_on_hover(made_up):
    dataset, client = made_up
    layout = json.dumps(client.get("/_dash-layout").get_json())
    assert ESSAY_NAME in layout and ESSAY_ID in layout  # the essay filter offers it
    response = visit(client, f"?essay={ESSAY_ID}")
    assert response["filter-essay"]["value"] == [ESSAY_ID] and not response["state-note"]["children"]
    traces = with_hovers(client, response["figures-store"]["data"])["trade-2017"]["figure"]["data"]
    hovers = [item[4] for trace in traces for item in trace.get("customdata") or [] if item[0] == FIGURE]
    assert hovers, "the new figure is drawn in the 2017 trade chart's panel of totals"
    assert ESSAY_NAME in hovers[0] and "fn. 1" in hovers[0] and "$12.5 billion" in hovers[0]
    assert "\\$" not in hovers[0]


def test_the_csv_carries_the_new_figure_with_its_report_quote_and_cited_source(made_up):
    _, client = made_up
    response = client.get(f"/download/trade-2017.csv?essay={ESSAY_ID}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    mine = [row for row in rows if FIGURE in row.values()]
    assert len(mine) == 1, rows
    text = " | ".join(mine[0].values())
    assert READABLE_QUOTE in text and REPORT_FILE in text and CITED in text


def test_the_deck_notes_quote_the_new_figure(made_up):
    dataset, _ = made_up
    catalog = catalog_of(dataset)
    deck = Presentation(io.BytesIO(build_deck([get_chart("trade-2017")], catalog, View(essays=(ESSAY_ID,)))))
    notes = " ".join(
        slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide
    )
    assert READABLE_QUOTE in notes and "A Made-Up Outlook" in notes and f"fn. 1, citing {CITED}" in notes


def test_the_new_figure_has_its_own_page(made_up):
    _, client = made_up
    context = {"origin": "https://figures.example.org", "today": "2026-12-01"}
    status, body = call(
        client, "figure-body.children", {"figure-row.data": FIGURE, "figure-context.data": context}
    )
    assert status == 200
    page = text_content(body["response"]["figure-body"]["children"])
    assert READABLE_QUOTE in page and CITED in page and "A Made-Up Outlook" in page
    assert f"https://figures.example.org/figure/{FIGURE}" in page


def test_the_coverage_page_accounts_for_the_new_essay(made_up):
    _, client = made_up
    status, body = call(client, "page-content.children", {"url.pathname": "/coverage", "url.search": ""})
    assert status == 200
    page = body["response"]["page-content"]["children"]
    rows = table_rows(page)
    assert ["Made-Up Outlook (2019)", ESSAY_NAME, "13", "5", "6", "2", "0"] in rows  # the essay's counts
    excluded = [row for row in rows if row[0] == ESSAY_NAME]  # and its exclusions, one by one
    assert [row[1] for row in excluded] == ["Several dozen", "2018"]
    assert "vague: 'several dozen firms', no number" in text_content(page)
