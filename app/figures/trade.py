"""Trade builders: 2017 totals and growth, export structure, partner shares, and trade in context."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.figures.common import add_note, base_layout, empty_figure
from app.figures.indicator import build_indicator_figure
from app.figures.marks import add_reference_lines, add_report_points
from loaders.vocabulary import format_number

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
CONTEXT_NAMES = {
    "russia_exports_to_china": "Russia → China, per Russia (external data)",
    "russia_imports_from_china": "China → Russia, per Russia (external data)",
    "china_russia_trade_total": "Total, per Chinese customs (external data)",
    "china_exports_to_russia": "China → Russia, per Chinese customs (external data)",
    "china_imports_from_russia": "Russia → China, per Chinese customs (external data)",
}
CONTEXT_DASH = {
    "china_russia_trade_total": "dot",
    "china_exports_to_russia": "dot",
    "china_imports_from_russia": "dot",
}


def flow_of(subject: str) -> str:
    """'ru_cn', 'cn_ru' or 'total' from a subject such as 'Russia → China'."""
    text = str(subject)
    if "→" in text:
        left = text.split("→")[0]
        return "ru_cn" if "Russia" in left else "cn_ru"
    return "total"


def build_trade_totals_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    """Values in US$ in one panel, growth and decline rates in percent in another."""
    return build_indicator_figure(figures, selected_ids, by_family=True, kind="bar")


def build_export_structure_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    """Composition as sorted horizontal bars; the machinery breakdown on its own US$ axis."""
    return build_indicator_figure(figures, selected_ids, kind="bar")


def build_trade_shares_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    return build_indicator_figure(figures, selected_ids, kind="bar")


def _value(reference: pd.DataFrame, series: str, year: int) -> float | None:
    hit = reference[(reference["series"] == series) & (reference["year"] == year)]
    if hit.empty:
        return None
    value, unit = float(hit["value"].iloc[0]), str(hit["unit"].iloc[0])
    return value / 1000 if unit == "usd_mn" else value


def explain_reporters(figures: pd.DataFrame, reference: pd.DataFrame) -> str:
    """Sentence on how a report's total compares with each reporter's own statistics."""
    totals = figures[(figures["indicator"] == "trade_total_value") & (figures["unit"] == "usd_bn")]
    notes = []
    for row in totals.drop_duplicates("year_start").to_dict("records"):
        year = int(row["year_start"])
        exports = _value(reference, "russia_exports_to_china", year)
        imports = _value(reference, "russia_imports_from_china", year)
        customs = _value(reference, "china_russia_trade_total", year)
        parts = []
        if exports is not None and imports is not None:
            parts.append(f"Russia's own exports + imports make {exports + imports:.1f}")
        if customs is not None:
            parts.append(f"Chinese customs report {format_number(customs)}")
        if parts:
            notes.append(
                f"{year}: {row['essay_name']} gives {format_number(float(row['value']))}; "
                + "; ".join(parts)
                + " (US$ bn)."
            )
    if not notes:
        return ""
    return (
        " ".join(notes) + "<br>The two reporters disagree: each counts the same trade at its own "
        "border and on its own schedule; neither is an error."
    )


def build_trade_context_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    """External series by year as muted lines (Russia solid, Chinese customs dotted); the reports'
    single-year trade figures drawn on top as large points coloured by direction."""
    if figures.empty and reference.empty:
        return empty_figure()
    fig = go.Figure()
    if not reference.empty:
        add_reference_lines(
            fig,
            reference,
            "usd_bn",
            selected_ids,
            colors=CONTEXT_COLORS,
            dash=CONTEXT_DASH,
            names=CONTEXT_NAMES,
        )
    points = figures[figures["year_start"] == figures["year_end"]] if not figures.empty else figures
    flows = points["subject"].map(flow_of) if not points.empty else pd.Series(dtype=str)
    for flow in [f for f in FLOW_COLORS if (flows == f).any()]:
        group = points[flows == flow]
        add_report_points(
            fig,
            group,
            "usd_bn",
            selected_ids,
            positions=group["year_start"].astype(int).tolist(),
            horizontal=False,
            size=16,
            colors=[FLOW_COLORS[flow]] * len(group),
            name_prefix=f"Reports, {FLOW_LABELS[flow]}: ",
        )
    note = explain_reporters(figures, reference) if not reference.empty else ""
    base_layout(fig, height=540 if note else 480)
    fig.update_layout(margin={"t": 84})
    fig.update_xaxes(title_text="Year", dtick=1, tickformat="d")
    fig.update_yaxes(title_text="US$ billion", rangemode="tozero")
    if note:
        extra = add_note(fig, note, 540 - 96 - 56)
        fig.update_layout(height=540 - 56 + extra, margin={"b": extra})
    return fig
