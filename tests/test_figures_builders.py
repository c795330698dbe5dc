"""Figure builders: tables in, traces out. Small inline tables, no browser."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from chart_support import figure_of, rows_of
from conftest import make_tiny_dataset

from app.catalog import catalog_of
from app.charts import draw, get_chart
from app.figures.common import MUTED_OPACITY
from app.provenance import table_records
from app.view import View

REPORT = "004_f8fd155b359ebfed.txt"
LONG_QUOTE = (
    "In 2017 the volume of bilateral trade was \\$86.9 billion (an increase of over 30%), "
    "which is " + "a long clause that keeps going, " * 12 + "and ends here."
)


def figure(
    figure_id,
    indicator,
    category,
    value,
    unit,
    qualifier="exact",
    value_high=None,
    period="2017",
    start="2017",
    end="2017",
    subject="Russia ↔ China",
    footnote=36,
    flag=None,
    note=None,
    essay="kashin-2019",
    quote=None,
):
    return {
        "figure_id": figure_id,
        "report": REPORT,
        "essay": essay,
        "category": category,
        "indicator": indicator,
        "subject": subject,
        "period": period,
        "period_start": start,
        "period_end": end,
        "value": value,
        "value_high": value_high,
        "unit": unit,
        "qualifier": qualifier,
        "quote": quote or f"The report says {value} for {figure_id}.",
        "footnote": footnote,
        "cited_source": "Russian-trade.com, China database",
        "cited_url": "http://www.russian-trade.com/countries/china",
        "flag": flag,
        "note": note,
    }


def reference(series, year, value, unit, derived=False):
    return {
        "series": series,
        "year": year,
        "period_label": str(year),
        "value": value,
        "unit": unit,
        "source_name": f"{series} source page",
        "source_url": f"https://example.org/{series}/{year}",
        "evidence": "as printed there",
        "is_derived": derived,
    }


def series(name, unit, publisher):
    return {
        "series": name,
        "title": f"Title of {name}",
        "unit": unit,
        "publisher": publisher,
        "file": "reference/x.csv",
        "confidence": "medium",
        "caveat": "Read with care.",
    }


def indicator(name, unit, category, kind):
    return {
        "indicator": name,
        "title": f"Title of {name}",
        "description": "d",
        "unit": unit,
        "unit_label": unit,
        "category": category,
        "chart_kind": kind,
    }


@pytest.fixture(scope="module")
def tiny():
    return make_tiny_dataset(
        sources=[
            {
                "source_id": "nbr",
                "kind": "report",
                "report": REPORT,
                "short_name": "NBR SR #79",
                "citation": "NBR Special Report #79",
            },
            {
                "source_id": "kashin-2019",
                "kind": "essay",
                "report": REPORT,
                "essay": "kashin-2019",
                "short_name": "Kashin (2019)",
                "citation": "Kashin, essay",
            },
            {
                "source_id": "tatsumi-2019",
                "kind": "essay",
                "report": REPORT,
                "essay": "tatsumi-2019",
                "short_name": "Tatsumi (2019)",
                "citation": "Tatsumi, essay",
            },
            {
                "source_id": "kashin-2019-fn36",
                "kind": "footnote",
                "report": REPORT,
                "essay": "kashin-2019",
                "footnote": 36,
                "citation": "³⁶ Russian-trade.com, China database.",
            },
        ],
        indicators=[
            indicator("trade_total_value", "usd_bn", "trade", "bar"),
            indicator("chinese_fdi_estimate", "usd_bn", "fdi", "interval"),
            indicator("jasdf_scramble_share", "percent", "scrambles", "bar"),
            indicator("arms_sales_value", "usd_bn", "arms", "bar"),
            indicator("islands_count", "count", "diplomacy", "table"),
        ],
        figures=[
            figure("kashin-trade-total-2017", "trade_total_value", "trade", 86.9, "usd_bn", quote=LONG_QUOTE),
            figure("kashin-fdi-range", "chinese_fdi_estimate", "fdi", 40, "usd_bn", "range", 50),
            figure("kashin-fdi-bound", "chinese_fdi_estimate", "fdi", 3, "usd_bn", "more_than"),
            figure(
                "kashin-fdi-about",
                "chinese_fdi_estimate",
                "fdi",
                20,
                "usd_bn",
                "about",
                flag="ambiguous",
                note="Scope unclear.",
            ),
            figure(
                "tatsumi-scramble-share",
                "jasdf_scramble_share",
                "scrambles",
                61,
                "percent",
                period="first half FY2018",
                start="2018-04",
                end="2018-09",
                subject="Japan",
                essay="tatsumi-2019",
                footnote=None,
            ),
            figure(
                "kashin-arms-peak",
                "arms_sales_value",
                "arms",
                2.7,
                "usd_bn",
                "peak",
                period="2002",
                start="2002",
                end="2002",
            ),
            figure(
                "tatsumi-islands",
                "islands_count",
                "diplomacy",
                4,
                "count",
                subject="Japan",
                essay="tatsumi-2019",
                footnote=None,
            ),
        ],
        exercises=[
            {
                "exercise_id": "joint-sea-2016",
                "name": "Joint Sea 2016",
                "series": "Joint Sea",
                "year": 2016,
                "phase": "second",
                "place": "South China Sea",
                "location_as_written": "the South China Sea",
                "latitude": 15.0,
                "longitude": 115.0,
                "is_place_corrected": False,
                "participants": "China, Russia",
                "report": REPORT,
                "essay": "tatsumi-2019",
                "quote": "Joint Sea 2016 in the South China Sea",
                "cited_source": "No footnote: the author's own statement",
            },
            {
                "exercise_id": "joint-sea-2017",
                "name": "Joint Sea 2017",
                "series": "Joint Sea",
                "year": 2017,
                "place": "Baltic Sea",
                "latitude": 56.0,
                "longitude": 19.0,
                "is_place_corrected": False,
                "report": REPORT,
                "essay": "tatsumi-2019",
                "quote": "Joint Sea 2017 in the Baltic",
                "cited_source": "x",
            },
            {
                "exercise_id": "peace-mission-2007",
                "name": "Peace Mission 2007",
                "series": "Peace Mission",
                "year": 2007,
                "is_place_corrected": False,
                "report": REPORT,
                "essay": "kashin-2019",
                "quote": "Peace Mission 2007 was held",
                "cited_source": "x",
            },
        ],
        events=[
            {
                "event_id": "treaty-2001",
                "date_start": "2001-07-16",
                "date_precision": "day",
                "title": "Treaty",
                "kind": "treaty",
                "report": REPORT,
                "essay": "kashin-2019",
                "quote": "the treaty of July 16, 2001",
                "footnote": 36,
                "cited_source": "Treaty text",
            },
            {
                "event_id": "crimea-2014",
                "date_start": "2014",
                "date_precision": "year",
                "title": "Crimea",
                "kind": "sanctions",
                "report": REPORT,
                "essay": "kashin-2019",
                "quote": "after 2014 sanctions",
                "cited_source": "x",
            },
        ],
        reference_series=[
            series("china_russia_trade_total", "usd_bn", "China Customs"),
            series("russia_exports_to_china", "usd_mn", "Russian customs"),
            series("sipri_tiv_russia_to_china", "tiv_mn", "SIPRI Arms Transfers Database"),
            series("jasdf_scrambles_total", "count", "Japan Joint Staff"),
            series("jasdf_scrambles_china", "count", "Japan Joint Staff"),
        ],
        reference_values=[
            reference("china_russia_trade_total", 2016, 69.5, "usd_bn"),
            reference("china_russia_trade_total", 2017, 84.07, "usd_bn"),
            reference("russia_exports_to_china", 2017, 38932.5, "usd_mn"),
            reference("sipri_tiv_russia_to_china", 2002, 2526, "tiv_mn"),
            reference("sipri_tiv_russia_to_china", 2005, 3107, "tiv_mn"),
            reference("jasdf_scrambles_total", 2018, 999, "count"),
            reference("jasdf_scrambles_china", 2018, 638, "count", derived=True),
        ],
    )


def marks(fig):
    """(trace, customdata) for every mark."""
    return [(trace, cd) for trace in fig.data for cd in (trace.customdata or [])]


def mark(fig, row_id):
    found = [(trace, cd) for trace, cd in marks(fig) if cd[0] == row_id]
    assert found, f"no mark for {row_id}"
    return found[0]


def test_trade_context_draws_cited_points_on_top_of_the_external_series(tiny):
    fig = figure_of(get_chart("trade-context"), tiny, View())
    ids = {cd[0] for _, cd in marks(fig)}
    assert "kashin-trade-total-2017" in ids
    assert {"ext:china_russia_trade_total:2017", "ext:russia_exports_to_china:2017"} <= ids
    trace, _ = mark(fig, "kashin-trade-total-2017")
    assert fig.data.index(trace) > fig.data.index(mark(fig, "ext:china_russia_trade_total:2017")[0])


def test_hover_names_footnote_quote_and_cited_source(tiny):
    fig = figure_of(get_chart("trade-2017"), tiny, View())
    _, cd = mark(fig, "kashin-trade-total-2017")
    hover = cd[4]
    assert "fn. 36" in hover and "Kashin (2019)" in hover and "NBR SR #79" in hover
    assert "Cited: Russian-trade.com, China database" in hover
    assert "$86.9 billion" in hover and "\\$" not in hover


def test_long_quotes_are_wrapped_and_trimmed(tiny):
    fig = figure_of(get_chart("trade-2017"), tiny, View())
    hover = mark(fig, "kashin-trade-total-2017")[1][4]
    quote_part = hover[hover.index("“") :]
    assert "<br>" in quote_part and "<i>" not in hover, "wrapped, in regular type"
    assert quote_part.split("”")[0].endswith("…")
    assert len(quote_part.replace("<br>", " ")) < 340


def test_flagged_figure_hover_shows_flag_and_note(tiny):
    fig = figure_of(get_chart("fdi-estimates"), tiny, View())
    assert "⚑ ambiguous: Scope unclear." in mark(fig, "kashin-fdi-about")[1][4]


def labels(fig) -> str:
    """Every annotation's text (row labels, headings, notes), markup removed."""
    import re

    return " ".join(re.sub(r"<[^>]+>", "", a.text or "") for a in fig.layout.annotations)


def test_ranges_are_drawn_as_intervals_and_labelled_as_printed(tiny):
    fig = figure_of(get_chart("fdi-estimates"), tiny, View())
    trace, _ = mark(fig, "kashin-fdi-range")
    at = [c[0] for c in trace.customdata].index("kashin-fdi-range")
    assert trace.error_x.array[at] == 10 and trace.x[at] == 40, "from the low end up to the high one"
    assert "$40–50 billion · Russia ↔ China (2017)" in labels(fig)


def test_more_than_and_about_are_drawn_distinctly(tiny):
    fig = figure_of(get_chart("fdi-estimates"), tiny, View())
    bound, about, range_ = (
        mark(fig, i)[0] for i in ("kashin-fdi-bound", "kashin-fdi-about", "kashin-fdi-range")
    )
    assert len({bound.marker.symbol, about.marker.symbol, range_.marker.symbol}) == 3
    assert "more than" in bound.name and "about" in about.name
    assert "more than $3 billion · Russia ↔ China (2017)" in labels(fig)
    assert "about $20 billion · Russia ↔ China (2017)" in labels(fig)


def test_map_has_every_exercise_with_coordinates(tiny):
    fig = figure_of(get_chart("exercises-map"), tiny, View())
    on_map = {cd[0] for _, cd in marks(fig)}
    assert on_map == {"joint-sea-2016", "joint-sea-2017"}
    assert all(t.type == "scattergeo" for t in fig.data)
    assert "Peace Mission 2007" in " ".join(a.text for a in fig.layout.annotations)
    hover = mark(fig, "joint-sea-2016")[1][4]
    assert "2016" in hover and "phase: second" in hover


def test_external_marks_say_external_and_name_the_publisher(tiny):
    fig = figure_of(get_chart("trade-context"), tiny, View())
    trace, cd = mark(fig, "ext:china_russia_trade_total:2017")
    assert "External data" in cd[4] and "China Customs" in cd[4] and "https://example.org/" in cd[4]
    assert trace.name.endswith("(external data)")


def test_toggling_context_off_leaves_the_cited_points(tiny):
    fig = figure_of(get_chart("trade-context"), tiny, View(show_context=False))
    ids = {cd[0] for _, cd in marks(fig)}
    assert "kashin-trade-total-2017" in ids
    assert not any(i.startswith("ext:") for i in ids)
    assert not rows_of(get_chart("trade-context"), tiny, View(show_context=False))["is_external"].any()


def test_external_rows_are_never_counted_as_figures(tiny):
    records = table_records(catalog_of(tiny), View())
    assert len(records) == len(tiny.figures) and not any(r["figure_id"].startswith("ext:") for r in records)


def test_tiv_sits_on_its_own_axis_labelled_as_a_volume_index(tiny):
    fig = figure_of(get_chart("arms-deliveries"), tiny, View())
    tiv, _ = mark(fig, "ext:sipri_tiv_russia_to_china:2002")
    sales, _ = mark(fig, "kashin-arms-peak")
    assert tiv.yaxis != sales.yaxis
    tiv_axis = fig.layout["yaxis" + tiv.yaxis[1:]].title.text
    tiv_panel = next(a.text for a in fig.layout.annotations if a.text.startswith("Context: SIPRI"))
    assert "volume index" in tiv_axis and "volume index" in tiv_panel and "not US$" in tiv_panel
    assert "US$" in fig.layout["yaxis" + sales.yaxis[1:]].title.text
    assert "peaks in 2005" in " ".join(a.text for a in fig.layout.annotations)


def test_the_arms_slide_image_leaves_the_statements_to_its_table_slides(tiny):
    chart = get_chart("arms-deliveries")
    selection = catalog_of(tiny).select(View())
    dashboard = go.Figure(draw(chart, selection))
    slide = go.Figure(draw(chart, selection, options=chart.slide.image_options))
    from app.figures.arms import STRIP as strip

    assert any(strip in (a.text or "") for a in dashboard.layout.annotations)
    assert not any(strip in (a.text or "") for a in slide.layout.annotations)
    assert not slide.layout.shapes or len(slide.layout.shapes) < len(dashboard.layout.shapes)
    assert {cd[0] for _, cd in marks(slide)} >= {"kashin-arms-peak", "ext:sipri_tiv_russia_to_china:2002"}


def test_half_year_scramble_share_is_placed_beside_the_computed_full_year(tiny):
    fig = figure_of(get_chart("jasdf-scrambles"), tiny, View())
    share, _ = mark(fig, "tatsumi-scramble-share")
    assert share.x[0] == 2018
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "first half FY2018: 61%" in texts and "full FY2018: 64%, computed" in texts
    derived = mark(fig, "ext:jasdf_scrambles_china:2018")
    assert any("Derived value" in cd[4] for _, cd in marks(fig) if cd[0] == derived[1][0])


def test_trade_context_explains_the_reporters_disagreement(tiny):
    fig = figure_of(get_chart("trade-context"), tiny, View())
    note = " ".join(a.text for a in fig.layout.annotations)
    assert "86.9" in note and "84.07" in note and "disagree" in note


def test_selected_marks_stay_bright_and_the_rest_are_muted(tiny):
    fig = figure_of(get_chart("fdi-estimates"), tiny, View(selected_ids=("kashin-fdi-bound",)))
    bound, _ = mark(fig, "kashin-fdi-bound")
    assert list(bound.marker.opacity) == [1.0]
    about, _ = mark(fig, "kashin-fdi-about")
    assert list(about.marker.opacity) == [MUTED_OPACITY]


def test_every_figure_is_on_some_chart(tiny):
    from app.charts import CHARTS

    shown = set()
    for chart in CHARTS:
        shown |= set(rows_of(chart, tiny)["row_id"])
    assert set(tiny.figures["figure_id"]) <= shown


def test_timeline_marks_every_event_with_its_quote(tiny):
    fig = figure_of(get_chart("events-timeline"), tiny, View())
    assert {cd[0] for _, cd in marks(fig)} == {"treaty-2001", "crimea-2014"}
    assert "the treaty of July 16, 2001" in mark(fig, "treaty-2001")[1][4]


def test_filters_leave_an_explained_empty_chart(tiny):
    fig = figure_of(get_chart("loans-net-flows"), tiny, View())
    assert not fig.data and "No figures match" in fig.layout.annotations[0].text


def test_a_builder_costs_what_its_rows_cost_not_what_the_dataset_holds(tiny):
    """Builders read only the rows handed to them: an empty selection draws the empty chart."""
    selection = catalog_of(tiny).select(View(categories=("trade",), essays=("tatsumi-2019",)))
    from app.charts import draw

    assert draw(get_chart("trade-2017"), selection)["data"] == []


def test_timeline_has_a_row_per_kind_of_event(tiny):
    fig = figure_of(get_chart("events-timeline"), tiny, View())
    assert list(fig.layout.yaxis.ticktext) == ["sanctions", "treaty"]
    treaty, _ = mark(fig, "treaty-2001")
    assert treaty.y[0] == 1


def test_a_timeline_of_one_event_spans_years_not_milliseconds(dataset):
    selection = catalog_of(dataset).select(View(categories=("loans",)))
    assert len(selection.events) >= 1
    fig = go.Figure(draw(get_chart("events-timeline"), selection))
    low, high = (int(str(end)[:4]) for end in fig.layout.xaxis.range)
    years = {int(str(d)[:4]) for d in selection.events["date_start"]}
    assert high - low >= 3 and low < min(years) and max(years) < high
    assert fig.layout.xaxis.tickformat == "%Y"
