"""Scrambles builder: JASDF scrambles per fiscal year (external), with the reports' figures placed
as what they are: counts on the count axis, shares (such as a half-year share) on a percent axis."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import (
    HOVERTEMPLATE,
    INK,
    empty_figure,
    figure,
    house_layout,
    legend_above,
    stacked_panels,
)
from app.figures.marks import reference_lines, report_points

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
PANELS_PX, GAP_PX = [300, 220], 64
COUNTS, SHARES = ("x", "y"), ("x2", "y2")  # the top panel follows the bottom one's fiscal years


def fiscal_year(period_start: str) -> int:
    """Japanese fiscal year (April–March) of a 'YYYY[-MM[-DD]]' date; a bare year is taken as is."""
    text = str(period_start)
    year = int(text[:4])
    if len(text) >= 7 and int(text[5:7]) < 4:
        return year - 1
    return year


def full_year_shares(reference: Rows) -> dict[int, tuple[float, list]]:
    """Fiscal year -> (share of scrambles against Chinese aircraft, the China row's customdata),
    computed from the two external series."""
    china, total = {}, {}
    for series, year, value, item in zip(
        reference["series"], reference["year"], reference["value"], reference["customdata"], strict=True
    ):
        if series == "jasdf_scrambles_china":
            china[year] = (value, item)
        elif series == "jasdf_scrambles_total":
            total[year] = value
    return {
        year: (100 * china[year][0] / total[year], china[year][1]) for year in sorted(set(china) & set(total))
    }


def computed_share_trace(computed: dict[int, tuple[float, list]]) -> dict:
    """The full-year share, computed here from two external series: said so in every hover."""
    customdata = []
    for share, item in computed.values():
        hover = (
            f"<b>{share:.0f}%</b> of FY{item[1]} scrambles were against Chinese aircraft"
            "<br>Computed here from external data (China ÷ total), not stated in the reports<br>" + item[4]
        )
        customdata.append([*item[:4], hover])
    return {
        "type": "scatter",
        "x": list(computed),
        "y": [share for share, _ in computed.values()],
        "xaxis": SHARES[0],
        "yaxis": SHARES[1],
        "mode": "lines+markers",
        "name": "Full-year share, computed (external data)",
        "line": {"color": "#7FA7C9", "dash": "dot"},
        "marker": {"symbol": "circle-open", "size": 7},
        "customdata": customdata,
        "hovertemplate": HOVERTEMPLATE,
    }


def share_callouts(shares: Rows, computed: dict[int, tuple[float, list]]) -> list[dict]:
    """Beside a part-year share the reports cite, the full year's computed share."""
    callouts = []
    for period, start, value in zip(shares["period"], shares["period_start"], shares["value"], strict=True):
        fy = fiscal_year(start)
        if fy not in computed:
            continue
        callouts.append(
            {
                "x": fy,
                "y": value,
                "xref": SHARES[0],
                "yref": SHARES[1],
                "ax": -70,
                "ay": -34,
                "showarrow": True,
                "font": {"size": 11.5, "color": INK},
                "align": "left",
                "text": f"{period}: {value:g}%<br>(full FY{fy}: {computed[fy][0]:.0f}%, computed)",
            }
        )
    return callouts


def build_scrambles_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    if figures.empty and reference.empty:
        return empty_figure()
    is_share = [family == "percent" for family in figures["family"]]
    shares, counts = figures.where(is_share), figures.where([not s for s in is_share])
    layout = stacked_panels(
        PANELS_PX,
        GAP_PX,
        ["Scrambles per fiscal year", "Share of scrambles against Chinese aircraft"],
        shared_x=True,
    )
    data = reference_lines(
        reference, "count", selected_ids, COUNTS, colors=SERIES_COLORS, names=SERIES_NAMES, order=SERIES_NAMES
    )
    data += report_points(
        counts,
        "count",
        selected_ids,
        COUNTS,
        horizontal=False,
        size=15,
        positions=[fiscal_year(s) for s in counts["period_start"]],
        name_prefix="Reports: ",
    )
    computed = full_year_shares(reference)
    if computed:
        data.append(computed_share_trace(computed))
    data += report_points(
        shares,
        "percent",
        selected_ids,
        SHARES,
        horizontal=False,
        size=16,
        positions=[fiscal_year(s) for s in shares["period_start"]],
        name_prefix="Reports: ",
    )
    layout["annotations"] += share_callouts(shares, computed)
    layout["yaxis"].update(title={"text": "Scrambles (count)"}, rangemode="tozero")
    layout["yaxis2"].update(title={"text": "Percent of scrambles"}, range=[0, 100])
    layout["xaxis2"].update(title={"text": "Japanese fiscal year (April–March)"}, tickformat="d", nticks=10)
    legend, top = legend_above(data)
    height = top + sum(PANELS_PX) + GAP_PX + 56
    return figure(
        data, house_layout(height, legend=legend, margin={"l": 64, "r": 24, "t": top, "b": 56}, **layout)
    )
