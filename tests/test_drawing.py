"""What the page draws: one drawing per chart and rows, kept within its byte budget."""

from __future__ import annotations

import hashlib
import json

import pytest
from dash_support import hovers_put_back
from plotly.io.json import to_json_plotly

from app import drawing
from app.catalog import catalog_of
from app.charts import CHARTS, chart_rows, draw, get_chart
from app.view import View


def rows_of(chart, selection) -> tuple:
    rows = chart_rows(chart, selection)
    return rows.own.positions, rows.reference.positions


def test_views_that_give_a_chart_the_same_rows_share_its_drawing(catalog):
    trade = get_chart("trade-2017")
    wide, wider = catalog.select(View(year_range=(2000, 2020))), catalog.select(View(year_range=(1990, 2021)))
    assert rows_of(trade, wide) == rows_of(trade, wider)
    assert drawing.chart_drawing(trade, wide) is drawing.chart_drawing(trade, wider)
    arms, narrow = get_chart("arms-deliveries"), catalog.select(View(year_range=(2010, 2020)))
    assert rows_of(arms, wide) != rows_of(arms, narrow)
    assert drawing.chart_drawing(arms, wide).text != drawing.chart_drawing(arms, narrow).text


def test_a_kept_drawing_is_the_chart_drawn_afresh(catalog):
    selection = catalog.select(View(categories=("arms",), year_range=(2005, 2015)))
    for chart in CHARTS:
        drawing.chart_drawing(chart, selection)  # kept now, if it was not
        kept = drawing.chart_drawing(chart, selection).content()["figure"]
        assert hovers_put_back(kept, drawing.hover_texts(catalog).by_row) == as_sent(
            draw(chart, selection, selected_ids=())
        )


def test_kept_drawings_stay_within_their_byte_budget(dataset, monkeypatch):
    budget = 400_000
    monkeypatch.setattr(drawing, "DRAWINGS_MAX_BYTES", budget)
    fresh = catalog_of(dataset)
    fresh.memo.pop(drawing.DRAWINGS, None)
    try:
        for low in range(1990, 2020):
            drawing.page_drawings(fresh.select(View(year_range=(low, 2020))), [c.id for c in CHARTS])
        kept = fresh.memo[drawing.DRAWINGS]
        assert 0 < kept.size_bytes <= budget
        assert len(kept) < len(CHARTS) * 30, "older drawings made room"
    finally:
        fresh.memo.pop(drawing.DRAWINGS, None)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda chart: chart.id)
def test_a_kept_drawing_is_the_json_dash_would_send_for_it(catalog, chart):
    """Kept as text and sent as it is (an orjson.Fragment), a drawing must read exactly as the
    standard library's encoder would have sent it, with the same HTML-safe escapes."""
    selection = catalog.select(View())
    drawn = drawing.chart_drawing(chart, selection)
    figure = draw(chart, selection, selected_ids=())
    assert drawn.content() == as_sent(
        {
            "figure": drawing.without_row_hovers(figure, drawing.hover_texts(catalog).by_row),
            "source_line": figure["layout"]["meta"]["source_line"],
            "height": figure["layout"]["height"],
            "empty": not figure["data"],
            "config": drawing.graph_config(chart),
        }
    )
    assert (drawn.source_line, drawn.height, drawn.empty) == (
        figure["layout"]["meta"]["source_line"],
        figure["layout"]["height"],
        not figure["data"],
    )
    assert drawn.text.isascii() and not set("<>/") & set(drawn.text.decode())


def test_the_figures_store_carries_each_kept_drawing_as_it_is(catalog):
    drawings = drawing.page_drawings(catalog.select(View(categories=("trade",))), [c.id for c in CHARTS])
    data = drawing.store_data(drawings)
    sent = json.loads(to_json_plotly(data, engine="orjson"))
    assert sent == {
        "view": drawings["view"],
        "charts": {chart_id: d.content() for chart_id, d in drawings["charts"].items()},
        "empty_summary": drawings["empty_summary"],
        "hover_texts": drawing.hover_texts(catalog).path,
    }
    with pytest.raises(TypeError):  # the standard library's encoder cannot send it: hence the app's engine
        to_json_plotly(data, engine="json")


def test_drawings_leave_out_only_hover_citations_that_are_their_rows_own(catalog):
    """The longest part of a drawing, each mark's hover citation, is sent once per dataset; a
    hover written for one chart (the scrambles chart's computed share) stays in its drawing."""
    hovers = drawing.hover_texts(catalog).by_row
    tables = (catalog.figures, catalog.exercises, catalog.events, catalog.reference)
    assert len(hovers) == sum(len(table.columns["row_id"]) for table in tables), "row ids are unique"
    selection = catalog.select(View())
    left_out = kept = 0
    for chart in CHARTS:
        figure = draw(chart, selection, selected_ids=())
        sent = drawing.chart_drawing(chart, selection).content()["figure"]
        for full, light in zip(figure["data"], sent["data"], strict=True):
            marks = zip(full.get("customdata") or [], light.get("customdata") or [], strict=True)
            for item, item_sent in marks:
                if item_sent[4] is None:
                    assert hovers[item[0]] == item[4]
                    left_out += 1
                else:
                    assert item_sent[4] == item[4] != hovers[item[0]]
                    kept += 1
    assert left_out > 400 and 0 < kept < 40  # the computed shares, one a fiscal year


def test_the_hover_citations_file_is_named_by_its_digest_and_kept_for_good(client, catalog):
    texts = drawing.hover_texts(catalog)
    response = client.get(texts.path)
    assert response.status_code == 200 and response.get_json() == texts.by_row
    assert "immutable" in response.headers["Cache-Control"]
    digest = hashlib.sha256(response.data).hexdigest()[:16]
    assert texts.path == f"{drawing.HOVER_TEXTS_PREFIX}{digest}.json"
    assert client.get(drawing.HOVER_TEXTS_PREFIX + "0123456789abcdef.json").status_code == 404


def test_every_page_starts_fetching_the_hover_citations_with_its_scripts(client, catalog):
    page = client.get("/chart/trade-2017").get_data(as_text=True)
    assert f'<link rel="preload" href="{drawing.hover_texts(catalog).path}" as="fetch" crossorigin>' in page


def as_sent(value):
    """``value`` as the standard library's JSON engine of plotly.io would send it, read back."""
    return json.loads(to_json_plotly(value, engine="json"))
