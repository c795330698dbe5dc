"""The chart registry: every entry has what the layout, exports and readers rely on."""

from __future__ import annotations

import re

import pytest
from chart_support import figure_of, rows_of
from conftest import CITATION_COLUMNS, ROOT

from app.charts import CHARTS, SLIDE_KINDS, get_chart
from app.view import View


def test_chart_ids_are_unique_kebab_case():
    ids = [chart.id for chart in CHARTS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_unknown_chart_error_names_the_known_ids():
    with pytest.raises(KeyError) as caught:
        get_chart("no-such-chart")
    assert "no-such-chart" in str(caught.value) and CHARTS[0].id in str(caught.value)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_entry_has_title_summary_slide_reason_and_readme_row(chart):
    assert len(chart.title) > 10 and not chart.title.endswith(".")
    assert len(chart.summary) > 20
    assert chart.slide.kind in SLIDE_KINDS and len(chart.slide.why) > 15
    assert chart.table in ("figures", "exercises", "events")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{chart.id}` | {chart.title} |" in readme


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_chart_builds_a_valid_figure_with_its_source_line(chart, dataset):
    fig = figure_of(chart, dataset)  # plotly validates every property of the builder's dict
    assert fig.layout.meta["chart_id"] == chart.id
    line = fig.layout.meta["source_line"]
    assert line.startswith(("Source:", "External data:")) and line.endswith(".")
    rows = rows_of(chart, dataset)
    report_rows = rows[~rows["is_external"].astype(bool)]
    for essay in set(report_rows["essay_name"]):
        assert essay in line  # names every essay whose figures it draws
    if rows["is_external"].astype(bool).any():
        assert "External data: " in line


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_every_mark_maps_back_to_a_row_the_chart_lists(chart, dataset):
    row_ids = set(rows_of(chart, dataset)["row_id"])
    fig = figure_of(chart, dataset)
    for trace in fig.data:
        assert trace.customdata is not None and len(trace.customdata), f"{trace.name} has no customdata"
        assert {cd[0] for cd in trace.customdata} <= row_ids


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_rows_carry_the_citation_columns(chart, dataset):
    rows = rows_of(chart, dataset)
    assert set(CITATION_COLUMNS) <= set(rows.columns)
    assert {"row_id", "is_external"} <= set(rows.columns)
    external = rows[rows["is_external"].astype(bool)]
    if len(external):
        assert external["source_name"].notna().all() and external["source_url"].notna().all()


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_external_traces_are_named_as_external_data(chart, dataset):
    for trace in figure_of(chart, dataset).data:
        if all(str(cd[0]).startswith("ext:") for cd in trace.customdata):
            assert "(external data)" in trace.name


def test_every_curated_row_is_on_some_chart_and_each_figure_has_one_home_or_a_stated_second(dataset):
    shown = set()
    for chart in CHARTS:
        shown |= set(rows_of(chart, dataset)["row_id"])
    assert set(dataset.figures["figure_id"]) <= shown
    assert set(dataset.exercises["exercise_id"]) <= shown and set(dataset.events["event_id"]) <= shown
    other = set(rows_of(get_chart("other-figures"), dataset)["row_id"])
    dedicated = set().union(*(set(rows_of(c, dataset)["row_id"]) for c in CHARTS if c.id != "other-figures"))
    assert not other & dedicated  # "all other figures" holds only what no dedicated chart draws


def test_context_charts_show_the_external_series_with_cited_points(dataset):
    for chart_id in ("trade-context", "arms-deliveries", "jasdf-scrambles"):
        rows = rows_of(get_chart(chart_id), dataset)
        assert rows["is_external"].astype(bool).any(), chart_id
        assert (~rows["is_external"].astype(bool)).any(), chart_id


def test_a_category_filter_hides_other_categories_context(dataset):
    rows = rows_of(get_chart("trade-context"), dataset, View(categories=("arms",)))
    assert not rows["is_external"].astype(bool).any()
    rows = rows_of(get_chart("trade-context"), dataset, View(categories=("trade",)))
    assert rows["is_external"].astype(bool).any()


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        colour = {"white": "#ffffff", "black": "#000000"}.get(colour, colour)
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert (
        round(contrast("#000000", "#ffffff"), 1) == 21.0 and round(contrast("#767676", "#ffffff"), 2) == 4.54
    )


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_hover_text_is_regular_type_at_aa_contrast(chart, dataset):
    fig = figure_of(chart, dataset)
    hovered = [trace for trace in fig.data if trace.hoverinfo != "skip" and trace.hovertemplate]
    assert hovered, "every chart has marks that show their citation on hover"
    for trace in hovered:
        label = trace.hoverlabel
        font = label.font.color if label and label.font and label.font.color else None
        colour = font or fig.layout.hoverlabel.font.color or fig.layout.template.layout.hoverlabel.font.color
        background = (label.bgcolor if label and label.bgcolor else None) or (
            fig.layout.hoverlabel.bgcolor or fig.layout.template.layout.hoverlabel.bgcolor
        )
        assert contrast(colour, background) >= 4.5, (trace.name, colour, background)
        texts = [
            item[4] for item in trace.customdata or [] if isinstance(item, list | tuple) and len(item) > 4
        ]
        assert not any("<i>" in text for text in texts), trace.name
