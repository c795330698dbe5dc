"""Trade builders: 2017 totals and growth, export structure, partner shares, and trade in context."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import empty_figure, figure, house_layout, legend_above, note
from app.figures.indicator import build_indicator_figure
from app.figures.marks import groups, reference_lines, report_points
from loaders.vocabulary import UNITS, format_number

# Flow colours: Russia → China blue, China → Russia orange, both ways black; muted for context.
FLOW_COLORS = {"ru_cn": "#0072B2", "cn_ru": "#E69F00", "total": "#000000"}
CONTEXT_COLORS = {
    "russia_exports_to_china": "#7FA7C9",
    "china_imports_from_russia": "#7FA7C9",
    "russia_imports_from_china": "#D9B877",
    "china_exports_to_russia": "#D9B877",
    "china_russia_trade_total": "#8C8C8C",
}
FLOW_LABELS = {"ru_cn": "Russia → China", "cn_ru": "China → Russia", "total": "total"}
CONTEXT_NAMES = {  # short enough for a phone's width, one entry a line
    "russia_exports_to_china": "Russia → China, per Russia (external data)",
    "russia_imports_from_china": "China → Russia, per Russia (external data)",
    "china_russia_trade_total": "Total, per Chinese customs (external data)",
    "china_exports_to_russia": "China → Russia, per Chinese customs<br>(external data)",
    "china_imports_from_russia": "Russia → China, per Chinese customs<br>(external data)",
}
CONTEXT_DASH = {
    "china_russia_trade_total": "dot",
    "china_exports_to_russia": "dot",
    "china_imports_from_russia": "dot",
}
PLOT_PX = 340
BOTTOM_PX = 56


def flow_of(subject: str) -> str:
    """'ru_cn', 'cn_ru' or 'total' from a subject such as 'Russia → China'."""
    text = str(subject)
    if "→" in text:
        left = text.split("→")[0]
        return "ru_cn" if "Russia" in left else "cn_ru"
    return "total"


def build_trade_totals_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Values in US$ in one panel, growth and decline rates in percent in another."""
    return build_indicator_figure(figures, selected_ids, by_kind=True, kind="bar")


def build_by_indicator_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """One panel of bars per indicator (export structure, partner shares, arms measures)."""
    return build_indicator_figure(figures, selected_ids, kind="bar")


def explain_reporters(figures: Rows, reference: Rows) -> str:
    """Sentence on how a report's total compares with each reporter's own statistics."""
    billions = {
        (series, year): base / UNITS["usd_bn"].factor
        for series, year, base in zip(
            reference["series"], reference["year"], reference["value_base"], strict=True
        )
    }
    notes = []
    seen = set()
    columns = (
        figures["indicator"],
        figures["unit"],
        figures["year_start"],
        figures["essay_name"],
        figures["value"],
    )
    for indicator, unit, year, essay_name, value in zip(*columns, strict=True):
        if indicator != "trade_total_value" or unit != "usd_bn" or year in seen:
            continue
        seen.add(year)
        exports = billions.get(("russia_exports_to_china", year))
        imports = billions.get(("russia_imports_from_china", year))
        customs = billions.get(("china_russia_trade_total", year))
        parts = []
        if exports is not None and imports is not None:
            parts.append(f"Russia's own exports + imports make {exports + imports:.1f}")
        if customs is not None:
            parts.append(f"Chinese customs report {format_number(customs)}")
        if parts:
            notes.append(
                f"{year}: {essay_name} gives {format_number(value)}; " + "; ".join(parts) + " (US$ bn)."
            )
    if not notes:
        return ""
    return (
        " ".join(notes) + "<br>The two reporters disagree: each counts the same trade at its own "
        "border and on its own schedule; neither is an error."
    )


def build_trade_context_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """External series by year as muted lines (Russia solid, Chinese customs dotted); the reports'
    single-year trade figures drawn on top as large points coloured by direction."""
    if figures.empty and reference.empty:
        return empty_figure()
    data = reference_lines(
        reference,
        "usd_bn",
        selected_ids,
        colors=CONTEXT_COLORS,
        dash=CONTEXT_DASH,
        names=CONTEXT_NAMES,
        order=CONTEXT_NAMES,
    )
    points = figures.where([s == e for s, e in zip(figures["year_start"], figures["year_end"], strict=True)])
    by_flow = dict(groups([flow_of(subject) for subject in points["subject"]]))
    for flow in [f for f in FLOW_COLORS if f in by_flow]:
        group = points.take(by_flow[flow])
        data += report_points(
            group,
            "usd_bn",
            selected_ids,
            positions=group["year_start"],
            horizontal=False,
            size=16,
            colors=[FLOW_COLORS[flow]] * len(group),
            name_prefix=f"Reports, {FLOW_LABELS[flow]}: ",
        )
    legend, top = legend_above(data, panel_title_px=8)
    layout = house_layout(
        top + PLOT_PX + BOTTOM_PX,
        legend=legend,
        margin={"l": 64, "r": 24, "t": top, "b": BOTTOM_PX},
        xaxis={"title": {"text": "Year"}, "nticks": 12, "tickformat": "d"},
        yaxis={"title": {"text": "US$ billion"}, "rangemode": "tozero"},
        annotations=[],
    )
    explanation = explain_reporters(figures, reference) if not reference.empty else ""
    if explanation:
        annotation, extra = note(explanation, PLOT_PX)
        layout["annotations"].append(annotation)
        layout["height"] += extra - BOTTOM_PX
        layout["margin"]["b"] = extra
    return figure(data, layout)
