"""Arms builder: the reports' sales values with SIPRI's volume index on a separate panel, and every
arms statement across the years it covers."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.citations import shorten
from app.figures.common import (
    HOVERTEMPLATE,
    INK,
    axis_label,
    axis_names,
    axis_unit,
    empty_figure,
    figure,
    house_layout,
    layout_key,
    note,
    opacities,
    stacked_panels,
    values_in,
)
from app.figures.marks import essay_color, reference_lines, report_points
from loaders.vocabulary import format_number

STRIP = "The reports' arms statements"
TIV_AXIS = "SIPRI TIV, millions<br>(volume index, not US$)"
LABEL_WIDTH = 38


def _mid_years(rows: Rows) -> list[float]:
    return [(s + e) / 2 for s, e in zip(rows["year_start"], rows["year_end"], strict=True)]


def describe_peak(figures: Rows, reference: Rows) -> str:
    """Whether a cited single-year peak is also the peak year of the external series."""
    if reference.empty:
        return ""
    by_year = dict(zip(reference["year"], reference["value"], strict=True))
    top_year = max(by_year, key=lambda year: by_year[year])
    text = f"SIPRI's series peaks in {top_year} ({format_number(by_year[top_year])} TIV m)."
    columns = (figures["qualifier"], figures["year_start"], figures["year_end"], figures["value_text"])
    for qualifier, start, end, printed in zip(*columns, strict=True):
        if qualifier != "peak" or start != end or start not in by_year:
            continue
        if start == top_year:
            text += f" The reports' {start} peak ({printed}) is also SIPRI's peak year."
        else:
            text += (
                f" The reports' {start} peak ({printed}) falls in a high year, not "
                f"SIPRI's highest: {format_number(by_year[start])} TIV m in {start}."
            )
    return text


def statement_strip(statements: Rows, selected_ids, axes: tuple[str, str]) -> tuple[list[dict], dict]:
    """Each arms statement as a bar across its period, labelled with the figure as printed, so a
    reader can lay the reports' claims over the SIPRI years above. Returns traces and the y axis."""
    data = statements["customdata"]
    starts, ends = statements["year_start"], statements["year_end"]
    colors = [essay_color(e) for e in statements["essay"]]
    faded = opacities(statements["row_id"], selected_ids)
    traces = [
        {
            "type": "scatter",
            "x": [start - 0.4, end + 0.4],
            "y": [i, i],
            "xaxis": axes[0],
            "yaxis": axes[1],
            "mode": "lines",
            "showlegend": False,
            "line": {"color": color, "width": 9},
            "opacity": opacity,
            "customdata": [item, item],
            "hovertemplate": HOVERTEMPLATE,
        }
        for i, (start, end, color, opacity, item) in enumerate(
            zip(starts, ends, colors, faded, data, strict=True)
        )
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [end + 0.6 for end in ends],
            "y": list(range(len(statements))),
            "xaxis": axes[0],
            "yaxis": axes[1],
            "mode": "text",
            "text": statements["value_text"],
            "textposition": "middle right",
            "textfont": {"size": 11.5, "color": INK},
            "showlegend": False,
            "cliponaxis": False,
            "customdata": data,
            "hovertemplate": HOVERTEMPLATE,
        }
    )
    titles = [
        shorten(str(title if isinstance(title, str) else indicator), LABEL_WIDTH)
        for title, indicator in zip(statements["indicator_title"], statements["indicator"], strict=True)
    ]
    axis = {
        "tickvals": list(range(len(statements))),
        "ticktext": titles,
        "autorange": "reversed",
        "showgrid": False,
    }
    return traces, axis


def _year_span(figures: Rows, reference: Rows) -> list[float]:
    years = [y for y in figures["year_start"] + figures["year_end"] + reference["year"] if y is not None]
    return [min(years) - 1, max(years) + 1] if years else [1990, 2020]


def _dollar_panel(dollars: Rows, selected_ids, axes) -> tuple[list[dict], list[dict], dict]:
    """The reports' US$ figures at the middle of their periods; a period drawn as a line across it."""
    unit = axis_unit(dollars)
    data = report_points(
        dollars, unit, selected_ids, axes, horizontal=False, positions=_mid_years(dollars), size=15
    )
    spans = dollars.where([s != e for s, e in zip(dollars["year_start"], dollars["year_end"], strict=True)])
    shapes = [
        {
            "type": "line",
            "x0": start,
            "x1": end,
            "y0": value,
            "y1": value,
            "xref": axes[0],
            "yref": axes[1],
            "line": {"color": "#0072B2", "width": 3},
            "opacity": 0.5,
        }
        for start, end, value in zip(
            spans["year_start"], spans["year_end"], values_in(spans, unit), strict=True
        )
    ]
    return data, shapes, {"title": {"text": axis_label(unit)}, "rangemode": "tozero"}


def _statement_bands(figures: Rows, axes) -> list[dict]:
    """Each statement's years shaded behind the SIPRI series."""
    return [
        {
            "type": "rect",
            "x0": start - 0.4,
            "x1": end + 0.4,
            "y0": 0,
            "y1": 1,
            "xref": axes[0],
            "yref": f"{axes[1]} domain",
            "fillcolor": "#0072B2",
            "opacity": 0.06,
            "line": {"width": 0},
            "layer": "below",
        }
        for start, end in zip(figures["year_start"], figures["year_end"], strict=True)
    ]


def build_arms_deliveries_figure(figures: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Top: the reports' US$ arms figures by year (periods as spans). Middle: SIPRI TIVs, a volume
    index on its own axis, never a dollar one. Bottom: every arms statement across its period."""
    if figures.empty and reference.empty:
        return empty_figure()
    dollars = figures.where([family == "usd" for family in figures["family"]])
    panels = ["The reports' arms sales figures in US$ (hover for who sells to whom)"]
    if not reference.empty:
        panels.append("Context: SIPRI trend-indicator values — a volume index, not dollars")
    if not figures.empty:
        panels.append(STRIP + ", each across the years it covers")
    heights = [max(0.6, 0.1 * len(figures)) if p.startswith(STRIP) else 0.6 for p in panels]
    layout = stacked_panels(
        heights, 0.09 * sum(heights) / (1 - 0.09 * (len(panels) - 1)), panels, shared_x=True
    )
    data: list[dict] = []
    shapes: list[dict] = []
    if not dollars.empty:
        traces, lines, axis = _dollar_panel(dollars, selected_ids, axis_names(1))
        data += traces
        shapes += lines
        layout["yaxis"].update(axis)
    if not reference.empty:
        axes = axis_names(2)
        data += reference_lines(
            reference, "tiv_mn", selected_ids, axes, colors={"sipri_tiv_russia_to_china": "#8C8C8C"}
        )
        shapes += _statement_bands(figures, axes)
        layout[layout_key(axes[1])].update(title={"text": TIV_AXIS}, rangemode="tozero")
    if not figures.empty:
        axes = axis_names(len(panels))
        traces, axis = statement_strip(figures, selected_ids, axes)
        data += traces
        layout[layout_key(axes[1])].update(axis)
    bottom_x = layout[layout_key(axis_names(len(panels))[0])]
    bottom_x.update(title={"text": "Year"}, tickformat="d", range=_year_span(figures, reference))
    height = 300 + 210 * (len(panels) - 1) + 22 * len(figures)
    layout = house_layout(height, margin={"t": 80, "b": 60, "r": 150, "l": 260}, shapes=shapes, **layout)
    explanation = describe_peak(figures, reference)
    if explanation:
        annotation, extra = note(explanation, height - 140, below_px=48)
        layout["annotations"].append(annotation)
        layout.update(height=height + extra - 60)
        layout["margin"]["b"] = extra
    return figure(data, layout)
