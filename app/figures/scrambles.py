"""Scrambles builder: JASDF scrambles per fiscal year (external), with the reports' figures placed
as what they are: counts on the count axis, shares (such as a half-year share) on a percent axis."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app.figures.common import (
    HOVERTEMPLATE,
    base_layout,
    customdata_for,
    empty_figure,
    left_align_titles,
)
from app.figures.marks import add_reference_lines, add_report_points
from loaders.vocabulary import UNITS

SERIES_NAMES = {
    "jasdf_scrambles_total": "All scrambles (external data)",
    "jasdf_scrambles_china": "Against Chinese aircraft (external data)",
    "jasdf_scrambles_russia": "Against Russian aircraft (external data)",
}
SERIES_COLORS = {
    "jasdf_scrambles_total": "#6E6E6E",
    "jasdf_scrambles_china": "#7FA7C9",
    "jasdf_scrambles_russia": "#D9B877",
}


def fiscal_year(period_start: str) -> int:
    """Japanese fiscal year (April–March) of a 'YYYY[-MM[-DD]]' date; a bare year is taken as is."""
    text = str(period_start)
    year = int(text[:4])
    if len(text) >= 7 and int(text[5:7]) < 4:
        return year - 1
    return year


def full_year_shares(reference: pd.DataFrame) -> pd.DataFrame:
    """Share of scrambles against Chinese aircraft per fiscal year, computed from the two series."""
    china = reference[reference["series"] == "jasdf_scrambles_china"].set_index("year")
    total = reference[reference["series"] == "jasdf_scrambles_total"].set_index("year")
    years = sorted(set(china.index) & set(total.index))
    rows = china.loc[years].reset_index()
    rows["share"] = [100 * float(china.loc[y, "value"]) / float(total.loc[y, "value"]) for y in years]
    return rows


def build_scrambles_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    if figures.empty and reference.empty:
        return empty_figure()
    is_share = (
        figures["unit"].map(lambda u: UNITS[u].family == "percent" if u in UNITS else False)
        if not figures.empty
        else pd.Series(dtype=bool)
    )
    shares, counts = figures[is_share.astype(bool)], figures[~is_share.astype(bool)]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.58, 0.42],
        subplot_titles=["Scrambles per fiscal year", "Share of scrambles against Chinese aircraft"],
    )
    if not reference.empty:
        add_reference_lines(
            fig, reference, "count", selected_ids, row=1, col=1, colors=SERIES_COLORS, names=SERIES_NAMES
        )
    if not counts.empty:
        add_report_points(
            fig,
            counts,
            "count",
            selected_ids,
            row=1,
            col=1,
            horizontal=False,
            size=15,
            positions=[fiscal_year(s) for s in counts["period_start"]],
            name_prefix="Reports: ",
        )
    computed = full_year_shares(reference) if not reference.empty else pd.DataFrame()
    if not computed.empty:
        data = customdata_for(computed)
        for item, share in zip(data, computed["share"], strict=True):
            item[4] = (
                f"<b>{share:.0f}%</b> of FY{item[1]} scrambles were against Chinese aircraft"
                "<br>Computed here from external data (China ÷ total), not stated in the reports"
                "<br>" + item[4]
            )
        fig.add_trace(
            go.Scatter(
                x=computed["year"].astype(int),
                y=computed["share"],
                mode="lines+markers",
                name="Full-year share, computed (external data)",
                line={"color": "#7FA7C9", "dash": "dot"},
                marker={"symbol": "circle-open", "size": 7},
                customdata=data,
                hovertemplate=HOVERTEMPLATE,
            ),
            row=2,
            col=1,
        )
    if not shares.empty:
        add_report_points(
            fig,
            shares,
            "percent",
            selected_ids,
            row=2,
            col=1,
            horizontal=False,
            size=16,
            positions=[fiscal_year(s) for s in shares["period_start"]],
            name_prefix="Reports: ",
        )
        for row in shares.to_dict("records"):
            fy = fiscal_year(row["period_start"])
            match = computed[computed["year"] == fy] if not computed.empty else computed
            if not match.empty:
                fig.add_annotation(
                    x=fy,
                    y=float(row["value"]),
                    row=2,
                    col=1,
                    ax=-70,
                    ay=-34,
                    showarrow=True,
                    arrowcolor="#57606a",
                    font={"size": 11.5, "color": "#1f2328"},
                    align="left",
                    text=(
                        f"{row['period']}: {row['value']:g}%<br>(full FY{fy}: "
                        f"{float(match['share'].iloc[0]):.0f}%, computed)"
                    ),
                )
    fig.update_yaxes(title_text="Scrambles (count)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Percent of scrambles", range=[0, 100], row=2, col=1)
    fig.update_xaxes(title_text="Japanese fiscal year (April–March)", tickformat="d", row=2, col=1)
    base_layout(fig, height=740)
    # One entry per line at the top left: in a row, the long labels ran under the modebar.
    fig.update_layout(legend={"orientation": "v"}, margin={"t": 176})
    left_align_titles(fig, 2)
    return fig
