"""Callback logic as plain functions, and the real callbacks through Flask's test client."""

from __future__ import annotations

import json

import pytest
from dash_support import call, callback_request, component_props, text_content, with_hovers

from app.charts import CHARTS, draw, get_chart
from app.interaction import (
    describe_selection,
    selection_from_ids,
    slider_from_year_range,
    state_of_url,
    view_of_controls,
    year_range_from_slider,
)
from app.provenance import find_row, sources_index, table_records
from app.view import View

CONTROLS = ("filter-category.value", "filter-essay.value", "filter-subject.value", "filter-years.value")


@pytest.fixture(scope="module")
def some_figure(dataset):
    """A figure with a single-year period, whichever the curated data holds."""
    single = dataset.figures[dataset.figures["period_start"] == dataset.figures["period_end"]]
    return single.iloc[0]


def controls(catalog, categories=(), essays=(), subjects=(), years=None, context=True) -> dict:
    return {
        "filter-category.value": list(categories),
        "filter-essay.value": list(essays),
        "filter-subject.value": list(subjects),
        "filter-years.value": years or list(catalog.vocabulary.slider_bounds),
        "filter-context.value": ["on"] if context else [],
    }


def test_slider_ends_are_open_ended(catalog):
    vocabulary = catalog.vocabulary
    low, high = vocabulary.slider_bounds
    assert year_range_from_slider([low, high], vocabulary) is None
    assert year_range_from_slider([low, high - 1], vocabulary) == (vocabulary.year_bounds[0], high - 1)
    assert year_range_from_slider([low + 1, high], vocabulary) == (low + 1, vocabulary.year_bounds[1])
    assert slider_from_year_range(None, vocabulary) == [low, high]


def test_controls_become_a_validated_view(catalog):
    low, high = catalog.vocabulary.slider_bounds
    parsed = view_of_controls(["trade", "weapons", 7], None, [], [low + 2, high - 2], [], catalog.vocabulary)
    assert parsed.view == View(categories=("trade",), year_range=(low + 2, high - 2), show_context=False)
    assert [p.code for p in parsed.problems] == ["unknown-category"]


def test_bad_url_gives_default_controls_and_a_visible_note(catalog):
    state = state_of_url(catalog, "?category=nope&years=later&select=missing-id")
    assert state["view"] == View() and state["controls"][0] == [] and state["controls"][4] == ["on"]
    assert state["selection"]["ids"] == []
    assert "nope" in state["note"] and "later" in state["note"] and "missing-id" in state["note"]


def test_url_selection_restores_ids_and_their_years(catalog, some_figure):
    state = state_of_url(catalog, f"?select={some_figure['figure_id']}&context=0")
    year = int(str(some_figure["period_start"])[:4])
    assert state["selection"]["ids"] == [some_figure["figure_id"]]
    assert state["selection"]["years"] == [[year, year]]
    assert state["controls"][4] == [] and state["note"] == "" and state["filter_query"] == "context=0"


def test_citation_card_data_holds_full_provenance(catalog, some_figure):
    info = find_row(catalog, some_figure["figure_id"])
    assert info["quote"] == some_figure["quote"] and info["row_kind"] == "figure"
    assert "\\$" not in info["quote_text"]
    assert info["essay_citation"] and info["report_citation"] and info["citation_text"].endswith(".")
    if not some_figure.isna()["footnote"]:
        assert f"fn. {int(some_figure['footnote'])}" in info["citation_text"]


def test_citation_of_an_external_value_names_its_publisher(catalog, dataset):
    first = dataset.reference_values.iloc[0]
    info = find_row(catalog, f"ext:{first['series']}:{first['year']}")
    assert info["row_kind"] == "external" and info["publisher"] and info["source_url"] == first["source_url"]
    assert find_row(catalog, "ext:nothing:1900") is None and find_row(catalog, "") is None


def test_selection_from_ids_spans_the_rows_years(catalog, dataset):
    event = dataset.events[dataset.events["date_end"].notna()].iloc[0]
    selection = selection_from_ids(catalog, [event["event_id"], "unknown"])
    assert selection["years"] == [[int(event["date_start"][:4]), int(event["date_end"][:4])]]


def test_table_follows_the_filters(catalog, dataset):
    everything = table_records(catalog, View())
    assert len(everything) == len(dataset.figures)
    category = dataset.figures["category"].iloc[0]
    only = table_records(catalog, View(categories=(category,)))
    assert {r["category"] for r in only} == {category}
    assert len(only) == int((dataset.figures["category"] == category).sum())


def test_sources_view_lists_every_figure_under_its_source(catalog, dataset):
    entries = sources_index(catalog, View())
    listed = {item["row_id"] for entry in entries for item in entry["items"]}
    assert set(dataset.figures["figure_id"]) | set(dataset.events["event_id"]) <= listed


def test_selection_summary_reads_naturally():
    assert describe_selection(None).startswith("Nothing selected")
    text = describe_selection({"ids": ["a", "b"], "years": [[2015, 2017]], "subjects": []})
    assert text.startswith("2 marks selected, years 2015–2017")


def test_app_serves_its_page_layout_and_offline_map(client):
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and b"filter-category" in layout.data
    assert client.get("/assets/topojson/world_110m.json").status_code == 200


def navigate(client, pathname: str, search: str):
    status, body = call(client, "page-content.children", {"url.pathname": pathname, "url.search": search})
    assert status == 200
    return body["response"]


def test_a_visit_answers_with_the_page_and_every_chart_drawn_under_the_urls_view(client, catalog):
    response = navigate(client, "/", "?category=trade&context=0&bogus=1")
    figures = response["figures-store"]["data"]
    assert figures["view"] == "category=trade&context=0"
    assert set(figures["charts"]) == {chart.id for chart in CHARTS}
    expected = draw(
        get_chart("trade-2017"), catalog.select(View(categories=("trade",), show_context=False)), ()
    )
    assert all(item[4] is None for item in figures["charts"]["trade-2017"]["figure"]["data"][0]["customdata"])
    drawn = with_hovers(client, figures)["trade-2017"]["figure"]["data"]
    assert drawn == json.loads(json.dumps(expected["data"]))
    assert not any(
        "external data" in (t.get("name") or "") for t in figures["charts"]["trade-context"]["figure"]["data"]
    )
    assert figures["charts"]["loans-net-flows"]["empty"]  # no loan figure is about trade
    boxes = component_props(response["page-content"]["children"], "chart-graph")
    assert "chart-empty" in boxes["loans-net-flows"]["className"]
    assert boxes["trade-2017"]["style"]["height"] == f"{figures['charts']['trade-2017']['height']}px"
    assert response["filter-category"]["value"] == ["trade"] and response["filter-context"]["value"] == []
    assert "bogus" in response["state-note"]["children"]
    assert response["filter-query"]["data"] == "category=trade&context=0"


def test_a_chart_page_draws_only_its_chart(client):
    figures = navigate(client, "/chart/loans-net-flows", "")["figures-store"]["data"]
    assert (
        list(figures["charts"]) == ["loans-net-flows"]
        and figures["charts"]["loans-net-flows"]["figure"]["data"]
    )


def test_an_unknown_path_says_so_and_draws_nothing(client):
    response = navigate(client, "/chart/nope", "")
    assert response["figures-store"]["data"]["charts"] == {}
    assert "nope" in str(response["page-content"]["children"])


def test_a_filter_change_is_one_answer_with_every_chart(client, catalog):
    values = controls(catalog, categories=["arms"]) | {"url.pathname": "/", "filter-query.data": ""}
    status, body = call(client, "figures-store.data", values)
    assert status == 200
    response = body["response"]
    assert response["filter-query"]["data"] == "category=arms"
    assert len(response["figures-store"]["data"]["charts"]) == len(CHARTS)


def test_controls_set_to_the_drawn_view_draw_nothing_again(client, catalog):
    values = controls(catalog, categories=["arms"]) | {
        "url.pathname": "/",
        "filter-query.data": "category=arms",
    }
    status, body = call(client, "figures-store.data", values)
    assert status == 204 or body["response"] == {}  # every output unchanged


def test_an_open_table_view_gets_its_rows_and_a_closed_one_nothing(client, dataset):
    match = {"chart": "loans-net-flows"}
    status, body = call(
        client,
        '{"chart":["MATCH"],"type":"chart-alt-view"}.children',
        {'{"chart":"loans-net-flows","type":"chart-alt-request"}.data': {"view": "table", "query": ""}},
        match=match,
    )
    assert status == 200
    table = str(body["response"])
    loans = dataset.figures[dataset.figures["indicator"] == "chinese_loans_flow"]
    assert all(period in table for period in loans["period"])
    status, body = call(
        client,
        '{"chart":["MATCH"],"type":"chart-alt-view"}.children',
        {
            '{"chart":"loans-net-flows","type":"chart-alt-request"}.data': {
                "view": "sources",
                "query": "essay=kashin-2019",
            }
        },
        match=match,
    )
    assert status == 200
    sources = text_content(
        body["response"]['{"chart":"loans-net-flows","type":"chart-alt-view"}']["children"]
    )
    cited = set(loans.loc[loans["essay"] == "kashin-2019", "cited_source"])
    assert cited and all(source.replace("\\$", "$") in sources for source in cited)


def test_every_filter_applies_to_every_table_that_has_its_field(catalog, dataset):
    arms = catalog.select(View(categories=("arms",)))
    assert set(arms.events["category"]) == {"arms"}
    assert len(arms.events) == int((dataset.events["category"] == "arms").sum())
    assert arms.exercises.empty, "exercises are their own category"
    who = catalog.select(View(subjects=("Russia ↔ China",)))
    assert set(who.figures["actors"]) == {"Russia ↔ China"} and set(who.exercises["actors"]) == {
        "Russia ↔ China"
    }
    assert len(who.events) == len(dataset.events), "events name no actors: the filter leaves them be"


def test_the_who_filter_offers_the_short_controlled_list(catalog, dataset):
    assert set(catalog.vocabulary.subjects) == set(dataset.figures["actors"]) | set(
        dataset.exercises["actors"]
    )
    assert len(catalog.vocabulary.subjects) <= 15


def test_a_selection_the_filters_hide_is_cleared_by_the_filter_change(client, catalog, dataset):
    loan = dataset.figures[dataset.figures["category"] == "loans"].iloc[0]["figure_id"]
    selection = {"ids": [loan], "years": [], "subjects": []}
    values = {"url.pathname": "/", "filter-query.data": "", "selection-store.data": selection}
    status, body = call(client, "figures-store.data", controls(catalog, categories=["arms"]) | values)
    assert status == 200 and body["response"]["selection-store"]["data"]["ids"] == []
    status, body = call(client, "figures-store.data", controls(catalog, categories=["loans"]) | values)
    assert "selection-store" not in body["response"], "a selection still shown stays"


def test_each_panel_offers_every_download_and_link_for_its_view(client):
    import html

    page = navigate(client, "/", "?category=arms&years=2010-2018")["page-content"]["children"]
    text = html.unescape(str(page))
    for path in (
        "/download/arms-deliveries.csv?category=arms&years=2010-2018",
        "/download/arms-deliveries.png?category=arms&years=2010-2018&size=16x9",
        "/download/arms-deliveries.svg?category=arms&years=2010-2018",
        "/download/deck.pptx?category=arms&years=2010-2018&chart=arms-deliveries",
        "/download/deck.pptx?category=arms&years=2010-2018",
        "/download/all-data.zip",
        "/embed/arms-deliveries?category=arms&years=2010-2018",
    ):
        assert path in text, path
    assert "Copy link to this view" in text and "Copy link to the selected figure" in text
    assert "sendChartToCloud" in str(
        navigate(client, "/", "")["figures-store"]["data"]["charts"]["trade-2017"]["config"]
    )


def test_page_parts_made_once_are_never_changed_by_a_view(catalog):
    """Panels are made once and frozen (app/frozen.py); each view's values go into copies, so
    drawing one view leaves nothing behind in the next."""
    from plotly.io.json import to_json_plotly

    from app.drawing import page_drawings
    from app.pages import render_page
    from app.routes import page_of
    from app.view import parse_query

    def drawn(path: str, query: str) -> str:
        page = page_of(path)
        drawings = page_drawings(catalog.select(parse_query(query, catalog.vocabulary).view), page.chart_ids)
        return to_json_plotly(render_page(page, drawings, catalog), engine="orjson")

    for path in ("/", "/chart/arms-deliveries"):
        filtered = drawn(path, "category=arms&years=2010-2018")
        plain = drawn(path, "")
        assert "years=2010-2018" in filtered and "years=2010-2018" not in plain
        assert drawn(path, "category=arms&years=2010-2018") == filtered


VIEWS_OF_PAGES = [
    "",
    "category=arms",
    "category=loans&years=1990-1995",
    "category=arms&category=trade&years=2010-2018&context=0&select=a%2Fb",
]


@pytest.mark.parametrize("public", ["", "https://sri.example/"])
@pytest.mark.parametrize("query", VIEWS_OF_PAGES)
def test_a_page_written_from_its_templates_is_the_page_made_part_by_part(catalog, query, public, monkeypatch):
    """The overview and the chart pages go into answers from JSON texts made once, a view's
    values put in at slots (app/frozen.py): each must read as the page made with those values,
    part by part, and every link in it be the download's own address under the view (the embed
    code's under the public address, when one is configured)."""
    from app import share
    from app.drawing import page_drawings
    from app.embed import iframe_snippet
    from app.export.links import chart_downloads
    from app.layout import contents_class, overview_part, render_overview
    from app.pages import chart_page_part, render_chart_page
    from app.panels import EMPTY_GRAPH_CLASS, GRAPH_CLASS, panel_part
    from app.view import parse_query

    monkeypatch.setenv("SRI_PUBLIC_URL", public)
    view = parse_query(query, catalog.vocabulary).view
    drawings = page_drawings(catalog.select(view), [chart.id for chart in CHARTS])
    written_query = drawings["view"]

    def by_hand(chart, standalone):
        drawn = drawings["charts"][chart.id]
        return panel_part(
            chart,
            EMPTY_GRAPH_CLASS if drawn.empty else GRAPH_CLASS,
            {"height": f"{drawn.height}px"},
            drawn.source_line,
            iframe_snippet(chart, share.with_query(f"/embed/{chart.id}", written_query), drawn.height),
            written_query,
            standalone,
        )

    for chart in CHARTS:
        written = json.loads(render_chart_page(chart.id, drawings["charts"][chart.id], written_query))
        assert written == json.loads(json.dumps(chart_page_part(by_hand(chart, True)))), chart.id
        links = [
            node["props"]["href"]
            for node in walk(written)
            if isinstance(node, dict) and "share-download" in node.get("props", {}).get("className", "")
        ]
        assert links == [d.href(written_query) for d in chart_downloads(chart)] + [
            share.with_query(share.DECK, written_query)
        ]
    overview = json.loads(render_overview(drawings["charts"], written_query, drawings["empty_summary"]))
    assert overview == json.loads(
        json.dumps(
            overview_part(
                {chart.id: by_hand(chart, False) for chart in CHARTS},
                {chart.id: json.loads(contents_class(drawings["charts"][chart.id])) for chart in CHARTS},
                drawings["empty_summary"],
            )
        )
    )


def walk(node):
    """Every dict and list in a JSON tree, the tree first."""
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from walk(child)


def test_a_visit_answer_is_ascii_with_nothing_left_to_escape(client):
    """Answers are made of text written once (app/frozen.py): HTML-safe and in ASCII, so neither
    plotly's escaping pass nor the encoding to bytes has anything to do."""
    for search in ("", "?category=trade&years=2000-2010", "?essay=kashin-2019&context=0"):
        for path in ("/", "/chart/arms-deliveries"):
            body = callback_request(
                client,
                "page-content.children",
                {"url.pathname": path, "url.search": search},
                changed=["url.pathname"],
            )
            data = client.post("/_dash-update-component", json=body).data
            assert data.isascii() and not set(b"<>/") & set(data), (path, search)


def test_charts_with_nothing_under_the_filters_leave_the_contents_and_say_so(client):
    page = navigate(client, "/", "?category=loans")["page-content"]["children"]
    links = component_props(page, "contents-link")
    assert (
        "is-empty" in links["trade-2017"]["className"]
        and "is-empty" not in links["loans-net-flows"]["className"]
    )
    assert "charts have no figures under these filters" in str(page)


def test_every_text_the_app_shows_is_as_a_reader_sees_it(catalog):
    """Only the stored quote keeps the report file's markdown escapes (so a test can find it in
    the file); every column shown or downloaded, hover text included, is without them."""
    escaped = {}
    for table in (catalog.figures, catalog.exercises, catalog.events, catalog.reference):
        for column in table.frame.columns.drop("quote", errors="ignore"):
            values = [v for v in map(str, table.frame[column]) if "\\$" in v or "\\*" in v]
            if values:
                escaped[column] = values[:2]
    assert escaped == {}
