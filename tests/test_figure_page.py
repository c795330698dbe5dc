"""/figure/<id> and /about through the app's real callbacks (Flask's test client, no browser).

Expectations come from the curated CSV rows: every figure, exercise, event and external value has
a page that shows its quote as printed, its footnote, its cited source and a BibTeX entry with an
absolute permalink; unknown ids are a missing page; nothing served holds a markdown escape."""

from __future__ import annotations

import csv
import datetime
import re

import pytest
from conftest import INDICATORS
from dash_support import call, text_content

from app.routes import page_of

ORIGIN = "https://reader.example"
TODAY = datetime.date.today()
CONTEXT = {"origin": ORIGIN, "today": TODAY.isoformat()}


def rows_of(name: str) -> list[dict]:
    with (INDICATORS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


FIGURES = {row["figure_id"]: row for row in rows_of("figures.csv")}
EXERCISES = {row["exercise_id"]: row for row in rows_of("exercises.csv")}
EVENTS = {row["event_id"]: row for row in rows_of("events.csv")}
CURATED = FIGURES | EXERCISES | EVENTS
SOURCES = rows_of("sources.csv")
FOOTNOTES = {(r["essay"], r["footnote"]): r["citation"] for r in SOURCES if r["kind"] == "footnote"}
SERIES = {row["series"]: row for row in rows_of("reference_series.csv")}
EXTERNAL = {
    f"ext:{row['series']}:{row['year']}": row
    for series in SERIES.values()
    for row in rows_of(series["file"])
    if row["series"] == series["series"]
}


def as_printed(text: str) -> str:
    """What a reader of the report sees: the file's dollar escape removed."""
    return text.replace("\\$", "$")


def footnote_as_printed(text: str) -> str:
    """A footnote as printed: without its superscript marker and its markdown (*italics*, <links>)."""
    return (
        as_printed(re.sub(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*", "", text)).replace("*", "").replace("<", "").replace(">", "")
    )


def find(node, wanted_id: str):
    """The props of the component with this id, or None."""
    if isinstance(node, list):
        return next((found for child in node if (found := find(child, wanted_id)) is not None), None)
    if isinstance(node, dict) and "props" in node:
        if node["props"].get("id") == wanted_id:
            return node["props"]
        return find(node["props"].get("children"), wanted_id)
    return None


def hrefs(node) -> list[str]:
    if isinstance(node, list):
        return [href for child in node for href in hrefs(child)]
    if isinstance(node, dict) and "props" in node:
        own = [node["props"]["href"]] if node["props"].get("href") else []
        return own + hrefs(node["props"].get("children"))
    return []


def figure_body(client, row_id: str, context=CONTEXT):
    status, body = call(
        client, "figure-body.children", {"figure-row.data": row_id, "figure-context.data": context}
    )
    assert status == 200, row_id
    return body["response"]["figure-body"]["children"]


# --- routing -------------------------------------------------------------------------------------


def test_page_of_knows_figure_and_about_paths_and_calls_unknown_ids_missing():
    ids = {"kashin-trade-total-2017", "ext:sipri_tiv_russia_to_china:2016"}
    assert page_of("/figure/kashin-trade-total-2017", ids).row_id == "kashin-trade-total-2017"
    assert page_of("/figure/ext%3Asipri_tiv_russia_to_china%3A2016/", ids).kind == "figure"
    assert page_of("/figure/ext:sipri_tiv_russia_to_china:2016", ids).kind == "figure"
    assert page_of("/figure/no-such-figure", ids).kind == "missing"
    assert page_of("/figure/", ids).kind == "missing"
    assert page_of("/about").kind == "about"
    assert page_of("/figure/kashin-trade-total-2017").kind == "missing"  # outside a request: no app's rows


def navigate(client, pathname: str) -> dict:
    status, body = call(client, "page-content.children", {"url.pathname": pathname, "url.search": ""})
    assert status == 200
    return body["response"]["page-content"]["children"]


def test_the_route_answers_a_known_id_with_its_page_and_an_unknown_one_with_nothing_here(client):
    page = navigate(client, "/figure/kashin-trade-total-2017")
    assert find(page, "figure-row")["data"] == "kashin-trade-total-2017"
    missing = text_content(navigate(client, "/figure/kashin-trade-total-2099"))
    assert "Nothing here" in missing and "kashin-trade-total-2099" in missing
    assert find(navigate(client, "/about"), "about-page") is not None


def test_a_direct_visit_to_a_known_id_is_a_page_and_to_an_unknown_one_a_404(client):
    for path in ("/figure/kashin-trade-total-2017", "/figure/ext:sipri_tiv_russia_to_china:2010", "/about"):
        assert client.get(path).status_code == 200, path
    assert client.get("/figure/kashin-trade-total-2099").status_code == 404


# --- every row's page ----------------------------------------------------------------------------


@pytest.mark.parametrize("row_id", sorted(CURATED))
def test_every_figure_exercise_and_event_page_shows_quote_footnote_source_and_bibtex(client, row_id):
    row = CURATED[row_id]
    body = figure_body(client, row_id)
    shown = text_content(body)
    assert as_printed(row["quote"]).strip() in shown
    if row["footnote"]:
        assert footnote_as_printed(FOOTNOTES[(row["essay"], row["footnote"])]) in shown
    else:
        assert "the author's own statement" in shown
    assert as_printed(row["cited_source"]) in shown
    if row["cited_url"]:
        assert row["cited_url"] in hrefs(body)
    bibtex = text_content(find(body, "cite-bibtex")["children"])
    assert re.match(r"@incollection\{[^,]+,", bibtex) and f"@misc{{sri:{row_id}," in bibtex
    assert f"url          = {{{ORIGIN}/figure/{row_id}}}" in bibtex
    if row.get("flag"):
        assert "⚑" in shown and as_printed(row["note"]) in shown  # a flag always shows its reason
    what = "figure" if row_id in FIGURES else "joint exercise" if row_id in EXERCISES else "event"
    assert text_content(find(body, "cite-title")["children"]) == f"Cite this {what}"


@pytest.mark.parametrize("row_id", sorted(EXTERNAL)[::7])
def test_an_external_value_page_is_labelled_external_with_its_publisher_and_source(client, row_id):
    row = EXTERNAL[row_id]
    body = figure_body(client, row_id)
    shown = text_content(body)
    assert "External data: not from the reports" in shown
    assert SERIES[row["series"]]["publisher"] in shown and row["source_name"] in shown
    assert row["source_url"] in hrefs(body)
    assert "External data, not from the reports" in text_content(find(body, "cite-chicago")["children"])


def test_a_page_links_to_the_dashboard_with_the_figure_selected_and_to_each_chart_that_draws_it(client):
    expected = {
        "kashin-trade-total-2017": {"trade-2017", "trade-context"},  # a 2017 trade total in US$
        next(iter(EXERCISES)): {"exercises-map"},
        next(iter(EVENTS)): {"events-timeline"},
        "ext:sipri_tiv_russia_to_china:2010": {"arms-deliveries"},
    }
    for row_id, charts in expected.items():
        links = hrefs(figure_body(client, row_id))
        assert f"/?select={row_id}" in links
        drawn = {
            m.group(1)
            for link in links
            if (m := re.fullmatch(rf"/chart/([a-z0-9-]+)\?select={row_id}", link))
        }
        assert drawn == charts, row_id


def test_other_estimates_are_every_other_figure_of_the_same_indicator(client):
    indicator = max(
        {r["indicator"] for r in FIGURES.values()},
        key=lambda i: sum(r["indicator"] == i for r in FIGURES.values()),
    )
    same = sorted(figure_id for figure_id, row in FIGURES.items() if row["indicator"] == indicator)
    links = hrefs(figure_body(client, same[0]))
    assert {link.removeprefix("/figure/") for link in links if link.startswith("/figure/")} == set(same[1:])


# --- permalinks and dates ------------------------------------------------------------------------


def permalink_of(body) -> str:
    return find(body, "cite-permalink")["href"]


def test_the_permalink_uses_the_public_url_when_configured_whatever_the_browser_says(client, monkeypatch):
    monkeypatch.setenv("SRI_PUBLIC_URL", "https://sri.example/")
    body = figure_body(
        client, "kashin-trade-total-2017", {"origin": "http://other.example", "today": TODAY.isoformat()}
    )
    assert permalink_of(body) == "https://sri.example/figure/kashin-trade-total-2017"
    assert "other.example" not in str(body)


def test_the_permalink_is_the_browsers_origin_never_the_host_header(client):
    body = figure_body(client, "kashin-trade-total-2017")
    assert permalink_of(body) == f"{ORIGIN}/figure/kashin-trade-total-2017"
    request = {"figure-row.data": "kashin-trade-total-2017", "figure-context.data": None}
    from dash_support import callback_request

    answer = client.post(
        "/_dash-update-component",
        json=callback_request(client, "figure-body.children", request),
        headers={"Host": "attacker.example"},
    )
    assert answer.status_code == 200 and "attacker.example" not in answer.get_data(as_text=True)
    assert (
        permalink_of(answer.get_json()["response"]["figure-body"]["children"])
        == "/figure/kashin-trade-total-2017"
    )


@pytest.mark.parametrize(
    "origin", ["javascript:alert(1)", "https://a.example/path", "https://a.example\nX", 7]
)
def test_a_reported_origin_that_is_not_an_origin_is_ignored(client, origin):
    body = figure_body(client, "kashin-trade-total-2017", {"origin": origin, "today": TODAY.isoformat()})
    assert permalink_of(body) == "/figure/kashin-trade-total-2017"


def test_the_access_date_is_the_readers_today_within_a_day_of_the_servers():
    from app.figure_page import page_context

    server = datetime.date(2026, 12, 1)
    assert page_context({"today": "2026-12-02"}, "", server).today == datetime.date(2026, 12, 2)
    assert page_context({"today": "1999-01-01"}, "", server).today == server
    assert page_context({"today": "not a date"}, "", server).today == server
    assert page_context(None, "", server) == page_context({}, "", server)


# --- /about --------------------------------------------------------------------------------------


def test_about_names_curators_version_licence_reports_and_cites_the_dataset(client, dataset):
    status, body = call(client, "about-body.children", {"about-context.data": CONTEXT})
    assert status == 200
    page = body["response"]["about-body"]["children"]
    shown = text_content(page)
    assert (
        dataset.version in shown and "CC-BY-4.0" in shown and "Sino-Russian Indicators contributors" in shown
    )
    for row in SOURCES:
        if row["kind"] in ("report", "essay"):
            assert as_printed(row["citation"]) in shown, row["source_id"]
    for series in SERIES.values():
        assert series["publisher"] in shown
    assert "/download/all-data.zip" in hrefs(page)
    bibtex = text_content(find(page, "cite-bibtex")["children"])
    assert bibtex.startswith("@misc{sino-russian-relations-in-figures,") and f"{{{ORIGIN}/about}}" in bibtex
    assert f"version      = {{{dataset.version}}}" in bibtex


# --- nothing served holds an escape; the card links to the page -----------------------------------


def test_no_page_served_holds_a_markdown_escape(client):
    served = [str(figure_body(client, row_id)) for row_id in [*CURATED, *sorted(EXTERNAL)[::9]]]
    served.append(str(call(client, "about-body.children", {"about-context.data": CONTEXT})[1]))
    served += [str(navigate(client, path)) for path in ("/about", "/figure/kashin-trade-total-2017")]
    assert [page[:80] for page in served if "\\\\$" in page or "\\$" in page] == []


def test_the_citation_card_links_to_the_rows_page(client):
    for row_id in ("kashin-trade-total-2017", next(iter(EVENTS)), "ext:sipri_tiv_russia_to_china:2010"):
        selection = {"ids": [row_id], "years": [], "subjects": []}
        status, body = call(client, "citation-card.children", {"selection-store.data": selection})
        assert status == 200
        assert f"/figure/{row_id}" in hrefs(body["response"]["citation-card"]["children"])
