"""The chart registry: the one place a chart is defined.

The layout loops over CHARTS to place panels, exports loop over it to render, tests are
parametrized over it. A new chart is one builder in app/figures/ plus one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from app.figures import arms, events, exercises, fdi, loans, scrambles, trade
from app.figures.indicator import build_indicator_figure
from app.options import ChartOptions
from app.rows import select_event_rows, select_exercise_rows, select_figure_rows, select_reference_rows
from loaders.vocabulary import UNITS


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    category: str
    build: Callable[..., go.Figure]
    rows: Callable[..., pd.DataFrame]
    native: str | None  # its slide: a native "bar", "line" or "scatter" chart, "table"s, or an image


def _family(rows: pd.DataFrame) -> pd.Series:
    return rows["unit"].map(lambda u: UNITS[u].family if u in UNITS else u)


def _pick(categories=None, indicators=None, families=None, not_families=None):
    """A row filter: which of the selected figures a chart draws."""

    def pick(rows: pd.DataFrame) -> pd.Series:
        mask = pd.Series(True, index=rows.index)
        if categories is not None:
            mask &= rows["category"].isin(categories).fillna(False).astype(bool)
        if indicators is not None:
            mask &= rows["indicator"].isin(indicators).fillna(False).astype(bool)
        if families is not None:
            mask &= _family(rows).isin(families).astype(bool)
        if not_families is not None:
            mask &= ~_family(rows).isin(not_families).astype(bool)
        return mask

    return pick


def _either(*picks):
    """A row filter keeping what any of ``picks`` keeps."""

    def pick(rows: pd.DataFrame) -> pd.Series:
        mask = pd.Series(False, index=rows.index)
        for one in picks:
            mask |= one(rows)
        return mask

    return pick


@dataclass(frozen=True)
class _FigureSpec:
    """How a figure chart picks its rows: which report figures, which external series."""

    pick: Callable[[pd.DataFrame], pd.Series]
    builder: Callable[..., go.Figure]
    series: tuple[str, ...] = ()
    context_category: str = ""  # external series show only when this category is not filtered out

    def reference_rows(self, dataset, options: ChartOptions) -> pd.DataFrame:
        hidden = bool(options.categories) and self.context_category not in options.categories
        series = () if hidden else self.series
        return select_reference_rows(dataset, options, series)

    def figure_rows(self, dataset, options: ChartOptions) -> pd.DataFrame:
        rows = select_figure_rows(dataset, options)
        return rows[self.pick(rows)].reset_index(drop=True)

    def rows(self, dataset, options: ChartOptions) -> pd.DataFrame:
        figures = self.figure_rows(dataset, options)
        reference = self.reference_rows(dataset, options)
        if reference.empty:
            return figures
        return pd.concat([figures, reference], ignore_index=True)

    def build(self, dataset, options: ChartOptions) -> go.Figure:
        figures = self.figure_rows(dataset, options)
        reference = self.reference_rows(dataset, options)
        return self.builder(figures, reference, options.selected_ids)


TRADE_CORE = (
    "trade_total_value",
    "trade_flow_value",
    "trade_growth_rate",
    "trade_decline_rate",
    "trade_total_value_cny",
)
STRUCTURE = ("export_structure_share", "machinery_export_value", "high_tech_export_value")
SHARES = ("trade_partner_share", "trade_partner_share_change")
ARMS_MEASURES = ("arms_export_share", "arms_platforms_count", "arms_projects_count", "officers_trained")
FDI = (
    "chinese_fdi_estimate",
    "chinese_fdi_flow",
    "china_outbound_investment",
    "investment_commission_portfolio_value",
)
TRADE_SERIES = (
    "russia_exports_to_china",
    "russia_imports_from_china",
    "china_russia_trade_total",
    "china_exports_to_russia",
    "china_imports_from_russia",
)
SCRAMBLE_SERIES = ("jasdf_scrambles_total", "jasdf_scrambles_china", "jasdf_scrambles_russia")
SCRAMBLES = ("jasdf_scramble_share", "jasdf_scrambles_count", "jasdf_scramble_count")

SPECS: dict[str, _FigureSpec] = {
    "trade-2017": _FigureSpec(_pick(indicators=TRADE_CORE), trade.build_trade_totals_figure),
    "trade-context": _FigureSpec(
        _pick(indicators=TRADE_CORE[:2], families=("usd",)),
        trade.build_trade_context_figure,
        TRADE_SERIES,
        "trade",
    ),
    "export-structure": _FigureSpec(_pick(indicators=STRUCTURE), trade.build_export_structure_figure),
    "trade-shares": _FigureSpec(_pick(indicators=SHARES), trade.build_trade_shares_figure),
    "arms-deliveries": _FigureSpec(
        _either(_pick(categories=("arms",), families=("usd",)), _pick(indicators=("arms_export_share",))),
        arms.build_arms_deliveries_figure,
        ("sipri_tiv_russia_to_china",),
        "arms",
    ),
    "arms-shares-platforms": _FigureSpec(
        _pick(indicators=ARMS_MEASURES), arms.build_arms_shares_platforms_figure
    ),
    "loans-net-flows": _FigureSpec(_pick(indicators=("chinese_loans_flow",)), loans.build_loans_figure),
    "fdi-estimates": _FigureSpec(_pick(indicators=FDI, families=("usd",)), fdi.build_fdi_estimates_figure),
    "jasdf-scrambles": _FigureSpec(
        _pick(indicators=SCRAMBLES), scrambles.build_scrambles_figure, SCRAMBLE_SERIES, "scrambles"
    ),
}


def _other_rows(dataset, options: ChartOptions) -> pd.DataFrame:
    """Figures no dedicated chart draws, so every curated figure is on some chart."""
    rows = select_figure_rows(dataset, options)
    drawn = pd.Series(False, index=rows.index)
    for spec in SPECS.values():
        drawn |= spec.pick(rows)
    return rows[~drawn].reset_index(drop=True)


def _with_meta(chart_id: str, make: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    def build(dataset, options: ChartOptions | None = None) -> go.Figure:
        options = options or ChartOptions()
        fig = make(dataset, options)
        fig.update_layout(
            meta={"chart_id": chart_id, "source_line": source_line(get_chart(chart_id), dataset, options)}
        )
        return fig

    return build


def _entry(chart_id, title, summary, category, native, build=None, rows=None) -> Chart:
    spec = SPECS.get(chart_id)
    make = build or spec.build
    return Chart(chart_id, title, summary, category, _with_meta(chart_id, make), rows or spec.rows, native)


CHARTS: tuple[Chart, ...] = (
    _entry(
        "trade-2017",
        "Bilateral trade: the 2017 totals, flows and growth rates the reports cite",
        "Bars of trade volume and each direction's exports in US$ billion, beside the growth "
        "and decline rates in percent.",
        "trade",
        "bar",
    ),
    _entry(
        "trade-context",
        "Trade by year as Russia and China each report it, with the reports' figures on top",
        "Muted lines of Russia-reported exports and imports and Chinese-customs totals by year "
        "(external data); the reports' 2017 figures drawn as large points.",
        "trade",
        "line",
    ),
    _entry(
        "export-structure",
        "What Russia sells China: the structure of Russian exports",
        "Horizontal bars of each product group's share of Russian exports to China, and the "
        "machinery exports in US$.",
        "trade",
        "bar",
    ),
    _entry(
        "trade-shares",
        "Each country's share of the other's trade",
        "Horizontal bars of partner shares in percent, labelled by whose trade and the year.",
        "trade",
        "bar",
    ),
    _entry(
        "arms-deliveries",
        "Arms deliveries: the reports' sales values, with SIPRI's volume index beside them",
        "Top: the reports' arms sales figures in US$ billion. Middle, on its own axis: SIPRI "
        "trend-indicator values by year, a volume index, not dollars (external data). Bottom: each arms "
        "statement across the years it covers.",
        "arms",
        None,
    ),
    _entry(
        "arms-shares-platforms",
        "Arms: shares of Russian arms exports, platforms sold, officers trained",
        "Small multiples, one per measure, each on its own axis and unit.",
        "arms",
        "bar",
    ),
    _entry(
        "loans-net-flows",
        "Chinese loans to Russia: net flows by year",
        "Bars of borrowed, repaid and net flows in US$ billion by year.",
        "loans",
        "bar",
    ),
    _entry(
        "fdi-estimates",
        "Chinese investment in Russia: competing estimates side by side",
        "Each estimate a point, ranges as intervals; “more than” and “about” drawn with their own "
        "symbols. The reports disagree and the chart shows it.",
        "fdi",
        "scatter",
    ),
    _entry(
        "jasdf-scrambles",
        "Japanese air-force scrambles per fiscal year, and the share against Chinese aircraft",
        "Lines of JASDF scrambles by fiscal year, total and against Chinese and Russian aircraft "
        "(external data, derived values hollow), with the reports' figures placed on top.",
        "scrambles",
        "line",
    ),
    _entry(
        "exercises-map",
        "Joint exercises on a map",
        "One marker per joint exercise at its approximate place; hover gives the year and phase.",
        "exercises",
        None,
        build=lambda ds, o: exercises.build_exercise_map(select_exercise_rows(ds, o), o.selected_ids),
        rows=select_exercise_rows,
    ),
    _entry(
        "events-timeline",
        "Timeline of events the reports mention",
        "Events by date, one row per kind (filtered by essay and period, not by category); hover "
        "gives the quote and footnote.",
        "events",
        None,
        build=lambda ds, o: events.build_event_timeline(select_event_rows(ds, o), o.selected_ids),
        rows=select_event_rows,
    ),
    _entry(
        "other-figures",
        "All other figures the reports cite",
        "Every figure without a dedicated chart, grouped by unit (counts, years, percent, people, "
        "US$), each labelled with what it measures, who and when.",
        "other",
        "table",  # 95 unlike figures: a chart cannot hold them legibly at slide size
        build=lambda ds, o: build_indicator_figure(
            _other_rows(ds, o), o.selected_ids, by_family=True, kind="point"
        ),
        rows=_other_rows,
    ),
)

_BY_ID = {chart.id: chart for chart in CHARTS}


def get_chart(chart_id: str) -> Chart:
    try:
        return _BY_ID[chart_id]
    except KeyError:
        raise KeyError(f"unknown chart {chart_id!r}; known charts: {', '.join(_BY_ID)}") from None


def _join_limited(items: list[str], limit: int = 3) -> str:
    if len(items) <= limit:
        return "; ".join(items)
    return "; ".join(items[:limit]) + f"; and {len(items) - limit} more"


def source_line(chart: Chart, dataset, options: ChartOptions | None = None) -> str:
    """'Source: Kashin (2019) fn. 36, NBR Special Report #79; cited: …. External: SIPRI ….'"""
    return source_line_of_rows(chart.rows(dataset, options or ChartOptions()))


def source_line_of_rows(rows: pd.DataFrame) -> str:
    """The source line of some rows of a chart (all of them: source_line)."""
    if rows.empty:
        return "Source: no figures under the current filters."
    external = rows["is_external"].fillna(False).astype(bool)
    report_rows, external_rows = rows[~external], rows[external]
    parts = []
    for essay_name, group in report_rows.groupby("essay_name", sort=False):
        notes = sorted({int(n) for n in group["footnote"].dropna()})
        note_text = f" fn. {', '.join(map(str, notes))}" if notes else ""
        parts.append(f"{essay_name}{note_text}")
    reports = list(dict.fromkeys(report_rows["report_name"].dropna().astype(str)))
    cited = [
        c
        for c in dict.fromkeys(report_rows["cited_source"].dropna().astype(str))
        if not c.startswith("No footnote")
    ]
    line = ""
    if parts:
        line = "Source: " + "; ".join(parts) + (f" ({', '.join(reports)})" if reports else "")
        if cited:
            line += f"; citing {_join_limited(cited)}"
        line += "."
    if not external_rows.empty:
        publishers = list(dict.fromkeys(external_rows["publisher"].dropna().astype(str)))
        line += (" " if line else "") + "External data: " + "; ".join(publishers) + "."
    return line
