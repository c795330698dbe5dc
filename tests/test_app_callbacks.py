"""Callback logic as plain functions: filters and selections in, outputs out."""

from __future__ import annotations

import pytest

from app.charts import get_chart
from app.figures.common import MUTED_OPACITY
from app.interaction import (
    controls_from_query,
    describe_selection,
    highlight_ids,
    options_from_controls,
    panel_figure,
    selection_from_ids,
    slider_from_year_range,
    year_range_from_slider,
)
from app.options import ChartOptions
from app.provenance import find_row, sources_index, table_records
from app.rows import select_figure_rows
from app.state import vocabulary_of
from loaders import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def vocabulary(dataset):
    return vocabulary_of(dataset)


@pytest.fixture(scope="module")
def some_figure(dataset):
    """A figure with a single-year period, whichever the curated data holds."""
    single = dataset.figures[dataset.figures["period_start"] == dataset.figures["period_end"]]
    return single.iloc[0]


def test_slider_ends_are_open_ended(vocabulary):
    low, high = vocabulary.slider_bounds
    assert year_range_from_slider([low, high], vocabulary) is None
    assert year_range_from_slider([low, high - 1], vocabulary) == (vocabulary.year_bounds[0], high - 1)
    assert year_range_from_slider([low + 1, high], vocabulary) == (low + 1, vocabulary.year_bounds[1])
    assert slider_from_year_range(None, vocabulary) == [low, high]


def test_controls_become_chart_options(vocabulary):
    low, high = vocabulary.slider_bounds
    options = options_from_controls(["trade"], None, [], [low + 2, high - 2], [], {"ids": ["x"]}, vocabulary)
    assert options == ChartOptions(
        categories=("trade",), year_range=(low + 2, high - 2), selected_ids=("x",), show_context=False
    )


def test_bad_url_gives_default_controls_and_a_visible_note(dataset, vocabulary):
    state = controls_from_query(dataset, vocabulary, "?category=nope&years=later&select=missing-id")
    assert state["categories"] == [] and state["context"] == ["on"]
    assert state["years"] == list(vocabulary.slider_bounds)
    assert state["selection"]["ids"] == []
    assert "nope" in state["note"] and "later" in state["note"] and "missing-id" in state["note"]


def test_url_selection_restores_ids_and_their_years(dataset, vocabulary, some_figure):
    state = controls_from_query(dataset, vocabulary, f"?select={some_figure['figure_id']}&context=0")
    year = int(str(some_figure["period_start"])[:4])
    assert state["selection"] == {"ids": [some_figure["figure_id"]], "years": [[year, year]], "subjects": []}
    assert state["context"] == [] and state["note"] == ""


def test_selecting_a_year_highlights_marks_of_that_year_in_other_charts(dataset, some_figure):
    selection = selection_from_ids(dataset, [some_figure["figure_id"]])
    rows = select_figure_rows(dataset, ChartOptions())
    lit = set(highlight_ids(rows, selection))
    year = int(str(some_figure["period_start"])[:4])
    same_year = rows[(rows["year_start"] == year) & (rows["year_end"] == year)]
    assert set(same_year["row_id"]) <= lit
    assert all(rows.set_index("row_id").loc[list(lit), "year_start"] >= year)


def test_highlight_rule_uses_ids_years_and_subjects():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "row_id": ["a", "b", "c", "d"],
            "year_start": [2017, 2001, 2017, 1990],
            "year_end": [2017, 2019, 2017, 1990],
            "subject": ["X", "Y", "Z", "W"],
        }
    )
    assert highlight_ids(rows, {"ids": ["d"], "years": [[2017, 2017]], "subjects": []}) == ("a", "c", "d")
    assert highlight_ids(rows, {"ids": [], "years": [], "subjects": ["Y"]}) == ("b",)
    assert highlight_ids(rows, {"ids": [], "years": [], "subjects": []}) == ()


def test_panel_figure_mutes_what_the_selection_does_not_name(dataset):
    chart = get_chart("jasdf-scrambles")
    selection = {"ids": [], "years": [[2018, 2018]], "subjects": []}
    fig, line = panel_figure(chart, dataset, ChartOptions(), selection)
    opacities = [
        o
        for t in fig.data
        if t.marker and t.marker.opacity is not None and not isinstance(t.marker.opacity, float)
        for o in t.marker.opacity
    ]
    assert MUTED_OPACITY in opacities and 1.0 in opacities
    assert line.endswith(".")


def test_citation_card_data_holds_full_provenance(dataset, some_figure):
    info = find_row(dataset, some_figure["figure_id"])
    assert info["quote"] == some_figure["quote"] and info["kind"] == "figure"
    assert info["essay_citation"] and info["report_citation"] and info["citation_text"].endswith(".")
    if not some_figure.isna()["footnote"]:
        assert f"fn. {int(some_figure['footnote'])}" in info["citation_text"]


def test_citation_of_an_external_value_names_its_publisher(dataset):
    first = dataset.reference_values.iloc[0]
    info = find_row(dataset, f"ext:{first['series']}:{first['year']}")
    assert info["kind"] == "external" and info["publisher"] and info["source_url"] == first["source_url"]
    assert find_row(dataset, "ext:nothing:1900") is None and find_row(dataset, "") is None


def test_table_follows_the_filters(dataset):
    everything = table_records(dataset, ChartOptions())
    assert len(everything) == len(dataset.figures)
    category = dataset.figures["category"].iloc[0]
    only = table_records(dataset, ChartOptions(categories=(category,)))
    assert {r["category"] for r in only} == {category}
    assert len(only) == int((dataset.figures["category"] == category).sum())


def test_sources_view_lists_every_figure_under_its_source(dataset):
    entries = sources_index(dataset, ChartOptions())
    listed = {item["row_id"] for entry in entries for item in entry["items"]}
    assert set(dataset.figures["figure_id"]) <= listed


def test_selection_summary_reads_naturally():
    assert describe_selection(None).startswith("Nothing selected")
    text = describe_selection({"ids": ["a", "b"], "years": [[2015, 2017]], "subjects": []})
    assert text.startswith("2 marks selected, years 2015–2017")


def test_app_serves_its_page_and_layout(dataset):
    from app import create_app

    app = create_app(dataset)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and b"filter-category" in layout.data
    resolution = get_chart("exercises-map").build(dataset).layout.geo.resolution
    assert client.get(f"/assets/topojson/world_{resolution}m.json").status_code == 200  # offline map


def _route(client, pathname: str, search: str) -> dict:
    body = {
        "output": "page-content.children",
        "outputs": {"id": "page-content", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
        "changedPropIds": ["url.pathname"],
        "state": [{"id": "url", "property": "search", "value": search}],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.get_json()["response"]["page-content"]["children"]


def _graph_props(component) -> dict[str, dict]:
    """chart id -> props of every chart graph in a rendered component tree."""
    found = {}
    if isinstance(component, list):
        for child in component:
            found |= _graph_props(child)
    elif isinstance(component, dict) and "props" in component:
        props = component["props"]
        if isinstance(props.get("id"), dict) and props["id"].get("type") == "chart-graph":
            found[props["id"]["chart"]] = props
        found |= _graph_props(props.get("children"))
    return found


def _drawn_graphs(component) -> dict[str, dict]:
    """chart id -> figure of every chart graph in a rendered component tree."""
    return {chart_id: props["figure"] for chart_id, props in _graph_props(component).items()}


def test_route_answers_a_url_with_every_chart_drawn_under_its_view(dataset, vocabulary):
    from app import create_app
    from app.charts import CHARTS

    client = create_app(dataset).server.test_client()
    graphs = _drawn_graphs(_route(client, "/", "?category=trade&context=0"))
    assert set(graphs) == {chart.id for chart in CHARTS}
    state = controls_from_query(dataset, vocabulary, "category=trade&context=0")
    options = options_from_controls(
        state["categories"],
        state["essays"],
        state["subjects"],
        state["years"],
        state["context"],
        None,
        vocabulary,
    )
    expected, _line = panel_figure(get_chart("trade-2017"), dataset, options, None)
    drawn = graphs["trade-2017"]
    assert [t.get("customdata") for t in drawn["data"]] == [
        list(map(list, t.customdata)) for t in expected.data
    ]
    assert not any("external data" in (t.get("name") or "") for t in graphs["trade-context"]["data"])
    assert graphs["loans-net-flows"]["data"] == []  # filtered out: no loan figure is about trade
    classes = {k: p["className"] for k, p in _graph_props(_route(client, "/", "?category=trade")).items()}
    assert "chart-empty" in classes["loans-net-flows"].split()  # app.css folds its panel
    assert "chart-empty" not in classes["trade-2017"].split()
    assert _drawn_graphs(_route(client, "/", ""))["loans-net-flows"]["data"]  # the default view has them


def test_route_draws_the_chart_of_a_chart_page(dataset):
    from app import create_app

    client = create_app(dataset).server.test_client()
    graphs = _drawn_graphs(_route(client, "/chart/loans-net-flows", ""))
    assert list(graphs) == ["loans-net-flows"] and graphs["loans-net-flows"]["data"]


def test_a_warm_app_answers_the_first_visit_from_charts_drawn_at_start(dataset, monkeypatch):
    import threading

    from app import create_app
    from app.charts import CHARTS

    app = create_app(dataset, warm=True)
    for thread in threading.enumerate():
        if thread.name == "draw-default-view":
            thread.join(timeout=120)

    def no_building(*args, **kwargs):
        raise AssertionError("a chart was built on the first visit")

    monkeypatch.setattr("app.callbacks.panel_figure", no_building)
    graphs = _drawn_graphs(_route(app.server.test_client(), "/", ""))
    assert len(graphs) == len(CHARTS) and all(figure["data"] is not None for figure in graphs.values())
