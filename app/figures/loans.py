"""Loans builder: Chinese loans to Russia, net flows by year as bars."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import (
    HOVERTEMPLATE,
    OKABE_ITO,
    SELECTED_STYLE,
    UNSELECTED_STYLE,
    axis_label,
    axis_unit,
    empty_figure,
    figure,
    house_layout,
    legend_above,
    legend_name,
    opacities,
    values_in,
)
from app.figures.indicator import build_indicator_figure
from app.figures.marks import groups


def _period_labels(figures: Rows) -> list[str]:
    """A single year as itself, a longer period as printed: the bars' categories."""
    return [
        str(period) if start != end else str(start)
        for period, start, end in zip(
            figures["period"], figures["year_start"], figures["year_end"], strict=True
        )
    ]


def build_loans_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Grouped bars by year, one colour per flow (borrowed, repaid, net: the subject says which)."""
    if figures.empty:
        return empty_figure()
    if set(figures["family"]) != {"usd"}:
        return build_indicator_figure(figures, selected_ids, kind="bar")
    unit = axis_unit(figures)
    values, periods = values_in(figures, unit), _period_labels(figures)
    ids, texts, customdata = figures["row_id"], figures["value_text"], figures["customdata"]
    data = []
    for index, (subject, where) in enumerate(groups(figures["subject"])):
        data.append(
            {
                "type": "bar",
                "x": [periods[p] for p in where],
                "y": [values[p] for p in where],
                "name": legend_name(str(subject)),
                "marker": {
                    "color": OKABE_ITO[index % len(OKABE_ITO)],
                    "opacity": opacities([ids[p] for p in where], selected_ids),
                    "line": {"width": 0},
                },
                "text": [texts[p] for p in where],
                "textposition": "outside",
                "selected": SELECTED_STYLE,
                "unselected": UNSELECTED_STYLE,
                "cliponaxis": False,
                "customdata": [customdata[p] for p in where],
                "hovertemplate": HOVERTEMPLATE,
            }
        )
    legend, top = legend_above(data, panel_title_px=8)
    layout = house_layout(
        top + 320 + 56,
        legend=legend,
        margin={"l": 64, "r": 24, "t": top, "b": 56},
        barmode="group",
        bargap=0.15,
        # every value label at one legible size (plotly shrinks each to its own bar's width otherwise)
        uniformtext={"minsize": 11, "mode": "show"},
        xaxis={"title": {"text": "Year"}, "type": "category"},
        yaxis={"title": {"text": axis_label(unit)}, "zeroline": True, "zerolinecolor": "#8c959f"},
    )
    return figure(data, layout)
