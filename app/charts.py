"""The chart registry: the one place a chart is defined.

Each entry says what the chart is (id, title, summary), which rows of a view it draws (its row
rule), how it is drawn (a pure builder) and how it goes on a slide (and why). The layout loops
over CHARTS to place panels, the exports loop over it to render, the tests are parametrized over
it. A new chart is one builder in app/figures/ plus one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.catalog import Catalog, Rows, Selection
from app.citations import source_line
from app.figures import arms, events, exercises, fdi, loans, scrambles, trade
from app.figures.indicator import build_indicator_figure

Builder = Callable[[Rows, Rows, Iterable[str]], dict]
SLIDE_KINDS = ("bar", "line", "scatter", "table", "image")


@dataclass(frozen=True)
class FigureRule:
    """Which figures a chart draws: those of these indicators, categories and unit families
    (each None = any), or of any rule in ``either``."""

    indicators: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    families: tuple[str, ...] | None = None
    either: tuple[FigureRule, ...] = ()

    def matches(self, figures: pd.DataFrame) -> pd.Series:
        if self.either:
            mask = pd.Series(False, index=figures.index)
            for rule in self.either:
                mask |= rule.matches(figures)
            return mask
        mask = pd.Series(True, index=figures.index)
        for column, allowed in (
            ("indicator", self.indicators),
            ("category", self.categories),
            ("family", self.families),
        ):
            if allowed is not None:
                mask &= figures[column].isin(allowed).fillna(False).astype(bool)
        return mask


@dataclass(frozen=True)
class Slide:
    """How the chart goes on a slide: a native PowerPoint "bar", "line" or "scatter" chart,
    native "table" slides, or an "image" of the dashboard's chart; ``why`` says why. An image
    slide's figure is built with ``image_options`` (keyword arguments of the chart's builder)."""

    kind: str
    why: str
    image_options: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Chart:
    id: str  # kebab-case; never changed once shipped (URLs and embeds rely on it)
    title: str
    summary: str  # one line: the text alternative of the chart
    category: str
    builder: Builder  # pure: (its rows, external rows, selected ids) -> figure dict
    slide: Slide
    table: str = "figures"  # its own rows: "figures", "exercises" or "events"
    figures: FigureRule | None = None  # for figures: None = every figure no other chart draws
    series: tuple[str, ...] = ()  # external series drawn as context
    context_category: str = ""  # the series show only when this category is not filtered out

    @property
    def native(self) -> str | None:
        """The native slide kind, or None where the slide holds an image."""
        return None if self.slide.kind == "image" else self.slide.kind


@dataclass(frozen=True)
class ChartRows:
    """The rows of one chart under one view: its own, and the external context it draws."""

    own: Rows
    reference: Rows

    def frame(self) -> pd.DataFrame:
        """Every row the chart shows, as one DataFrame (the CSV, the table view)."""
        if self.reference.empty:
            return self.own.frame()
        if self.own.empty:
            return self.reference.frame()
        return pd.concat([self.own.frame(), self.reference.frame()], ignore_index=True)


TRADE_CORE = (
    "trade_total_value",
    "trade_flow_value",
    "trade_growth_rate",
    "trade_decline_rate",
    "trade_total_value_cny",
)
TRADE_SERIES = (
    "russia_exports_to_china",
    "russia_imports_from_china",
    "china_russia_trade_total",
    "china_exports_to_russia",
    "china_imports_from_russia",
)
SCRAMBLE_SERIES = ("jasdf_scrambles_total", "jasdf_scrambles_china", "jasdf_scrambles_russia")
NATIVE_BARS = (
    "Native row charts, one per unit: bars from zero, each labelled as printed with its qualifier, "
    "colour = essay; drawn as XY segments so every label sits outside its bar and no row label is "
    "skipped, in PowerPoint and LibreOffice alike."
)

CHARTS: tuple[Chart, ...] = (
    Chart(
        "trade-2017",
        "Bilateral trade: the 2017 totals, flows and growth rates the reports cite",
        "Bars of trade volume and each direction's exports in US$ billion, beside the growth "
        "and decline rates in percent.",
        "trade",
        trade.build_trade_totals_figure,
        Slide("bar", NATIVE_BARS),
        figures=FigureRule(indicators=TRADE_CORE),
    ),
    Chart(
        "trade-context",
        "Trade by year as Russia and China each report it, with the reports' figures on top",
        "Muted lines of Russia-reported exports and imports and Chinese-customs totals by year "
        "(external data); the reports' 2017 figures drawn as large points.",
        "trade",
        trade.build_trade_context_figure,
        Slide(
            "line",
            "Native XY lines of the external series, muted and named 'external data'; the reports' "
            "figures in a second chart laid over them, larger, in the dashboard's flow colours and "
            "labelled as printed (series order cannot put them on top in both PowerPoint and LibreOffice).",
        ),
        figures=FigureRule(indicators=TRADE_CORE[:2], families=("usd",)),
        series=TRADE_SERIES,
        context_category="trade",
    ),
    Chart(
        "export-structure",
        "What Russia sells China: the structure of Russian exports",
        "Horizontal bars of each product group's share of Russian exports to China, and the "
        "machinery exports in US$.",
        "trade",
        trade.build_by_indicator_figure,
        Slide("bar", NATIVE_BARS),
        figures=FigureRule(
            indicators=("export_structure_share", "machinery_export_value", "high_tech_export_value")
        ),
    ),
    Chart(
        "trade-shares",
        "Each country's share of the other's trade",
        "Horizontal bars of partner shares in percent, labelled by whose trade and the year.",
        "trade",
        trade.build_by_indicator_figure,
        Slide("bar", NATIVE_BARS),
        figures=FigureRule(indicators=("trade_partner_share", "trade_partner_share_change")),
    ),
    Chart(
        "arms-deliveries",
        "Arms deliveries: the reports' sales values, with SIPRI's volume index beside them",
        "Top: the reports' arms sales figures in US$ billion. Middle, on its own axis: SIPRI "
        "trend-indicator values by year, a volume index, not dollars (external data). Bottom: each arms "
        "statement across the years it covers.",
        "arms",
        arms.build_arms_deliveries_figure,
        Slide(
            "image",
            "Dollar figures and SIPRI's volume index on two kinds of axis, periods drawn as spans: no "
            "native chart holds that, so the dashboard's image of those two panels, then every arms "
            "statement as printed on native table slides (the dashboard's third panel, in words).",
            image_options=(("statements", False),),
        ),
        figures=FigureRule(
            either=(
                FigureRule(categories=("arms",), families=("usd",)),
                FigureRule(indicators=("arms_export_share",)),
            )
        ),
        series=("sipri_tiv_russia_to_china",),
        context_category="arms",
    ),
    Chart(
        "arms-shares-platforms",
        "Arms: shares of Russian arms exports, platforms sold, officers trained",
        "Small multiples, one per measure, each on its own axis and unit.",
        "arms",
        trade.build_by_indicator_figure,
        Slide(
            "bar",
            "Native row charts, one per measure: the 40–45% share a span from 40 to 45, never a bar "
            "from zero; platform counts as points on a log axis, as on the dashboard; each labelled as "
            "printed, colour = essay.",
        ),
        figures=FigureRule(
            indicators=(
                "arms_export_share",
                "arms_platforms_count",
                "arms_projects_count",
                "officers_trained",
            )
        ),
    ),
    Chart(
        "loans-net-flows",
        "Chinese loans to Russia: net flows by year",
        "Bars of borrowed, repaid and net flows in US$ billion by year.",
        "loans",
        loans.build_loans_figure,
        Slide(
            "bar",
            "Native clustered columns by year in the dashboard's flow colours, each labelled as printed. "
            "None is a range; a range would make this slide an image and a table, not a column from zero.",
        ),
        figures=FigureRule(indicators=("chinese_loans_flow",)),
    ),
    Chart(
        "fdi-estimates",
        "Chinese investment in Russia: competing estimates side by side",
        "Each estimate a point, ranges as intervals; “more than” and “about” drawn with their own "
        "symbols. The reports disagree and the chart shows it.",
        "fdi",
        fdi.build_fdi_estimates_figure,
        Slide(
            "scatter",
            "Competing estimates as points on one value axis in a native XY chart, the $40–50 billion "
            "range a segment from 40 to 50, 'about' with its own marker, each labelled as printed; "
            "colour = essay.",
        ),
        figures=FigureRule(
            indicators=(
                "chinese_fdi_estimate",
                "chinese_fdi_flow",
                "china_outbound_investment",
                "investment_commission_portfolio_value",
            ),
            families=("usd",),
        ),
    ),
    Chart(
        "jasdf-scrambles",
        "Japanese air-force scrambles per fiscal year, and the share against Chinese aircraft",
        "Lines of JASDF scrambles by fiscal year, total and against Chinese and Russian aircraft "
        "(external data, derived values hollow), with the reports' figures placed on top.",
        "scrambles",
        scrambles.build_scrambles_figure,
        Slide(
            "line",
            "External JASDF series as muted native XY lines; the reports' share laid over them, larger "
            "and labelled as printed; both panels on one year axis.",
        ),
        figures=FigureRule(
            indicators=("jasdf_scramble_share", "jasdf_scrambles_count", "jasdf_scramble_count")
        ),
        series=SCRAMBLE_SERIES,
        context_category="scrambles",
    ),
    Chart(
        "exercises-map",
        "Joint exercises on a map",
        "One marker per joint exercise at its approximate place; hover gives the year and phase.",
        "exercises",
        exercises.build_exercise_map,
        Slide("image", "A map has no native PowerPoint form; each exercise is in the speaker notes."),
        table="exercises",
    ),
    Chart(
        "events-timeline",
        "Timeline of events the reports mention",
        "Events by date, one row per kind of event; hover gives the quote and footnote.",
        "events",
        events.build_event_timeline,
        Slide(
            "image",
            "Dated events on a time axis have no native PowerPoint form; each event is in the speaker notes.",
        ),
        table="events",
    ),
    Chart(
        "other-figures",
        "All other figures the reports cite",
        "Every figure without a dedicated chart, grouped by unit (counts, years, percent, people, "
        "US$), each labelled with what it measures, who and when.",
        "other",
        lambda figures, reference, selected: build_indicator_figure(
            figures, selected, by_kind=True, kind="point"
        ),
        Slide(
            "table",
            "About 95 unlike counts, ranks and durations, which no slide-sized chart holds legibly: a "
            "few native table slides grouped by kind of figure to present, then the full list with "
            "sources as an appendix.",
        ),
    ),
)

_BY_ID = {chart.id: chart for chart in CHARTS}


def get_chart(chart_id: str) -> Chart:
    try:
        return _BY_ID[chart_id]
    except KeyError:
        raise KeyError(f"unknown chart {chart_id!r}; known charts: {', '.join(_BY_ID)}") from None


def _members(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Figure row ids each figure chart draws, worked out once per catalog from the row rules."""
    members = catalog.memo.get("chart-members")
    if members is None:
        figures = catalog.figures.frame
        members = {
            chart.id: frozenset(figures["row_id"][chart.figures.matches(figures)])
            for chart in CHARTS
            if chart.table == "figures" and chart.figures is not None
        }
        drawn = frozenset().union(*members.values())
        for chart in CHARTS:
            if chart.table == "figures" and chart.figures is None:
                members[chart.id] = frozenset(figures["row_id"]) - drawn
        catalog.memo["chart-members"] = members
    return members


@dataclass(frozen=True)
class _ChartTables:
    """What each chart takes of the catalog's tables, one entry for each table row: the figures
    it draws (flags), and the rank of each external row among its series (-1: not one of them)."""

    members: dict[str, np.ndarray]
    series_rank: dict[str, np.ndarray]


def _chart_tables(catalog: Catalog) -> _ChartTables:
    made = catalog.memo.get("chart-tables")
    if made is None:
        row_ids, series = catalog.figures.columns["row_id"], catalog.reference.columns["series"]
        members = {
            chart_id: np.array([row_id in chosen for row_id in row_ids], dtype=bool)
            for chart_id, chosen in _members(catalog).items()
        }
        ranks = {}
        for chart in CHARTS:
            if chart.series:
                rank = {name: i for i, name in enumerate(chart.series)}
                ranks[chart.id] = np.array([rank.get(name, -1) for name in series], dtype=np.intp)
        made = catalog.memo.setdefault("chart-tables", _ChartTables(members, ranks))
    return made


def chart_rows(chart: Chart, selection: Selection) -> ChartRows:
    """The chart's part of a view's rows: its own, and the external series it draws (series in
    the chart's order, each as the table sorts it: by year)."""
    tables = _chart_tables(selection.catalog)
    own = (
        selection.figures.among(tables.members[chart.id])
        if chart.table == "figures"
        else getattr(selection, chart.table)
    )
    categories = selection.view.categories
    if chart.series and (not categories or chart.context_category in categories):
        reference = selection.reference.ranked(tables.series_rank[chart.id])
    else:
        reference = selection.reference.take(())
    return ChartRows(own, reference)


def draw(
    chart: Chart, selection: Selection, selected_ids: Iterable[str] | None = None, options: Iterable = ()
) -> dict:
    """The chart's figure under a view, its source line in layout.meta (as images and embeds show it);
    ``options``: (name, value) pairs for the builder, such as a slide's ``image_options``."""
    selected = selection.view.selected_ids if selected_ids is None else tuple(selected_ids)
    return draw_rows(chart, chart_rows(chart, selection), selected, options)


def draw_rows(chart: Chart, rows: ChartRows, selected: tuple = (), options: Iterable = ()) -> dict:
    """The chart's figure of its rows (``chart_rows``): a pure function of them, the selected ids
    and the options."""
    figure = chart.builder(rows.own, rows.reference, selected, **dict(options))
    figure["layout"]["meta"] = {"chart_id": chart.id, "source_line": source_line(rows.own, rows.reference)}
    return figure
