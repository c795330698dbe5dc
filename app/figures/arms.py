"""Arms builders: the reports' sales values with SIPRI's volume index on a separate panel; shares,
platforms and officers as small multiples."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app.citations import format_figure_value
from app.figures.common import (
    HOVERTEMPLATE,
    add_note,
    axis_label,
    axis_unit,
    base_layout,
    customdata_for,
    empty_figure,
    left_align_titles,
)
from app.figures.indicator import build_indicator_figure
from app.figures.marks import add_reference_lines, add_report_points, essay_color
from loaders.vocabulary import UNITS, format_number

STRIP = "The reports' arms statements"
TIV_AXIS = "SIPRI TIV, millions<br>(volume index, not US$)"


def _mid_years(rows: pd.DataFrame) -> list[float]:
    return [(float(s) + float(e)) / 2 for s, e in zip(rows["year_start"], rows["year_end"], strict=True)]


def describe_peak(figures: pd.DataFrame, reference: pd.DataFrame) -> str:
    """Whether a cited single-year peak is also the peak year of the external series."""
    if reference.empty:
        return ""
    top = reference.loc[reference["value"].idxmax()]
    top_year, top_value = int(top["year"]), format_number(float(top["value"]))
    text = f"SIPRI's series peaks in {top_year} ({top_value} TIV m)."
    peaks = figures[(figures["qualifier"] == "peak") & (figures["year_start"] == figures["year_end"])]
    for row in peaks.to_dict("records"):
        year = int(row["year_start"])
        same = reference[reference["year"] == year]
        if same.empty:
            continue
        value = format_number(float(same["value"].iloc[0]))
        if year == top_year:
            text += f" The reports' {year} peak ({format_figure_value(row)}) is also SIPRI's peak year."
        else:
            text += (
                f" The reports' {year} peak ({format_figure_value(row)}) falls in a high year, not "
                f"SIPRI's highest: {value} TIV m in {year}."
            )
    return text


def add_statement_strip(fig: go.Figure, statements: pd.DataFrame, selected_ids, row: int) -> None:
    """Each arms statement as a bar across its period, labelled with the figure as printed, so
    a reader can lay the reports' claims over the SIPRI years above."""
    data = customdata_for(statements)
    records = statements.to_dict("records")
    for i, (record, item) in enumerate(zip(records, data, strict=True)):
        start, end = int(record["year_start"]), int(record["year_end"])
        fig.add_trace(
            go.Scatter(
                x=[start - 0.4, end + 0.4],
                y=[i, i],
                mode="lines",
                showlegend=False,
                line={"color": essay_color(str(record["essay"])), "width": 9},
                opacity=1.0 if not set(selected_ids) or record["row_id"] in set(selected_ids) else 0.25,
                customdata=[item, item],
                hovertemplate=HOVERTEMPLATE,
            ),
            row=row,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=[int(r["year_end"]) + 0.6 for r in records],
            y=list(range(len(records))),
            mode="text",
            text=[format_figure_value(r) for r in records],
            textposition="middle right",
            textfont={"size": 11.5, "color": "#1f2328"},
            showlegend=False,
            cliponaxis=False,
            customdata=data,
            hovertemplate=HOVERTEMPLATE,
        ),
        row=row,
        col=1,
    )
    labels = [_short(str(r.get("indicator_title") or r["indicator"])) for r in records]
    fig.update_yaxes(
        tickvals=list(range(len(records))),
        ticktext=labels,
        autorange="reversed",
        showgrid=False,
        row=row,
        col=1,
    )


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def build_arms_deliveries_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    """Top: the reports' US$ arms figures by year (periods as spans). Middle: SIPRI TIVs, a volume
    index on its own axis, never a dollar one. Bottom: every arms statement across its period."""
    if figures.empty and reference.empty:
        return empty_figure()
    dollars = figures[figures["unit"].map(lambda u: UNITS[u].family == "usd" if u in UNITS else False)]
    has_context = not reference.empty
    panels = ["The reports' arms sales figures in US$ (hover for who sells to whom)"]
    if has_context:
        panels.append("Context: SIPRI trend-indicator values — a volume index, not dollars")
    if not figures.empty:
        panels.append(STRIP + ", each across the years it covers")
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.09,
        row_heights=[max(0.6, 0.1 * len(figures)) if p.startswith(STRIP) else 0.6 for p in panels],
        subplot_titles=panels,
    )
    if not dollars.empty:
        unit = axis_unit(dollars)
        add_report_points(
            fig,
            dollars,
            unit,
            selected_ids,
            row=1,
            col=1,
            horizontal=False,
            positions=_mid_years(dollars),
            size=15,
        )
        for row in dollars[dollars["year_start"] != dollars["year_end"]].to_dict("records"):
            fig.add_shape(
                type="line",
                x0=int(row["year_start"]),
                x1=int(row["year_end"]),
                y0=row["value"],
                y1=row["value"],
                line={"color": "#0072B2", "width": 3},
                opacity=0.5,
                row=1,
                col=1,
            )
        fig.update_yaxes(title_text=axis_label(unit), rangemode="tozero", row=1, col=1)
    if has_context:
        add_reference_lines(
            fig,
            reference,
            "tiv_mn",
            selected_ids,
            row=2,
            col=1,
            colors={"sipri_tiv_russia_to_china": "#8C8C8C"},
        )
        for row in figures.to_dict("records"):
            fig.add_vrect(
                x0=int(row["year_start"]) - 0.4,
                x1=int(row["year_end"]) + 0.4,
                fillcolor="#0072B2",
                opacity=0.06,
                line_width=0,
                row=2,
                col=1,
            )
        fig.update_yaxes(title_text=TIV_AXIS, rangemode="tozero", row=2, col=1)
    if not figures.empty:
        add_statement_strip(fig, figures, selected_ids, row=len(panels))
    fig.update_xaxes(title_text="Year", tickformat="d", row=len(panels), col=1)
    fig.update_xaxes(range=_year_span(figures, reference))
    height = 300 + 210 * (len(panels) - 1) + 22 * len(figures)
    base_layout(fig, height=height)
    fig.update_layout(margin={"t": 80, "b": 60, "r": 150, "l": 260})
    note = describe_peak(figures, reference)
    if note:
        extra = add_note(fig, note, height - 140, below_px=48)
        fig.update_layout(height=height + extra - 60, margin={"b": extra})
    left_align_titles(fig, len(panels))
    return fig


def _year_span(figures: pd.DataFrame, reference: pd.DataFrame) -> list[float]:
    years = [int(y) for y in list(figures["year_start"].dropna()) + list(figures["year_end"].dropna())]
    years += [int(y) for y in reference["year"].dropna()] if not reference.empty else []
    return [min(years) - 1, max(years) + 1] if years else [1990, 2020]


def build_arms_shares_platforms_figure(
    figures: pd.DataFrame, reference: pd.DataFrame, selected_ids: Iterable[str] = ()
) -> go.Figure:
    return build_indicator_figure(figures, selected_ids, kind="bar")
