"""Arms builder: the reports' sales values with SIPRI's volume index on a separate panel, and every
arms statement across the years it covers. All three panels share one year axis; the statements
are labelled rows (the figure as printed above its span), so the chart reads at any width."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.citations import escape_plotly_text
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
    legend_above,
    note,
    opacities,
    stacked_panels,
    values_in,
)
from app.figures.indicator import LINE_PX, row_labels
from app.figures.marks import essay_color, reference_lines, report_points
from loaders.vocabulary import format_number

# Panel titles, the legend, labels and the note fit a phone's plot (about 260 px beside this
# chart's y-axis titles at 390 px): short titles, the legend on two lines, labels wrapped narrower.
DOLLARS = "The reports' US$ figures, as printed"
CONTEXT = "Context: SIPRI volume index (not US$)"
STRIP = "Arms statements, across their years"
SIPRI_NAMES = {
    "sipri_tiv_russia_to_china": "Arms deliveries, USSR/Russia → China,<br>SIPRI TIV (external data)"
}
STRIP_LABEL_CHARS = 36
TIV_AXIS = "TIV m, a volume index"  # one line, as "not US$" is in the panel's title (CONTEXT)
PANEL_PX = 210
SPAN_PX = 9
STATEMENT_GAP_PX = 10
GAP_PX = 64


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


def statement_strip(
    statements: Rows, selected_ids, axes: tuple[str, str]
) -> tuple[list[dict], list[dict], float]:
    """Each arms statement as a bar across its period under its label (the figure as printed,
    what and when), so a reader can lay the reports' claims over the SIPRI years above.
    Returns the traces, the label annotations and the panel's height in px."""
    data = statements["customdata"]
    labels = row_labels(statements, what="indicator_title", width=STRIP_LABEL_CHARS)
    starts, ends = statements["year_start"], statements["year_end"]
    colors = [essay_color(e) for e in statements["essay"]]
    faded = opacities(statements["row_id"], selected_ids)
    traces, notes, y = [], [], 0.0
    for start, end, color, opacity, item, label in zip(
        starts, ends, colors, faded, data, labels, strict=True
    ):
        notes.append(
            {
                "text": "<br>".join(label),
                "x": 0,
                "y": y,
                "xref": f"{axes[0]} domain",
                "yref": axes[1],
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": 12, "color": "#30363d"},
            }
        )
        y += LINE_PX * len(label) + 2 + SPAN_PX / 2
        traces.append(
            {
                "type": "scatter",
                "x": [start - 0.4, end + 0.4],
                "y": [y, y],
                "xaxis": axes[0],
                "yaxis": axes[1],
                "mode": "lines",
                "showlegend": False,
                "line": {"color": color, "width": SPAN_PX},
                "opacity": opacity,
                "customdata": [item, item],
                "hovertemplate": HOVERTEMPLATE,
            }
        )
        y += SPAN_PX / 2 + STATEMENT_GAP_PX
    return traces, notes, y


def _anchor(x: float, span: list[float]) -> str:
    """A label over a mark near either end of the years reads inward, never past the plot."""
    low, high = span
    third = (high - low) / 3
    return "left" if x < low + third else "right" if x > high - third else "center"


def _year_span(figures: Rows, reference: Rows) -> list[float]:
    years = [y for y in figures["year_start"] + figures["year_end"] + reference["year"] if y is not None]
    return [min(years) - 1, max(years) + 1] if years else [1990, 2020]


def _dollar_panel(
    dollars: Rows, selected_ids, axes, years: list[float]
) -> tuple[list[dict], list[dict], dict]:
    """The reports' per-year US$ figures at the middle of their periods, a period drawn as a line
    across it; figures printed alike at one place are labelled once, reading inward near either
    end of ``years`` (the shared x range)."""
    unit = axis_unit(dollars)
    middles = [(s + e) / 2 for s, e in zip(dollars["year_start"], dollars["year_end"], strict=True)]
    data = report_points(
        dollars,
        unit,
        selected_ids,
        axes,
        horizontal=False,
        positions=middles,
        size=13,
        show_text=False,
        showlegend=False,
    )
    values = values_in(dollars, unit)
    labels: dict[tuple, list[str]] = {}
    for middle, value, text in zip(middles, values, dollars["value_text"], strict=True):
        labels.setdefault((middle, value), []).append(text)
    top = max(v for v in values if v is not None)
    notes, previous = [], None
    for (middle, value), texts in sorted(labels.items(), key=lambda item: item[0][0]):
        # a label at about the height of the one before it (left of it) goes higher, on a leader
        # line to its mark: on a phone the two would otherwise run into each other
        raised = previous is not None and value is not None and abs(value - previous) < 0.15 * top
        previous = value
        leader = {"ax": 0, "ay": -30, "standoff": 6, "yanchor": "bottom"} if raised else {}
        notes.append(
            {
                "text": escape_plotly_text(texts[0]) + (f" (×{len(texts)})" if len(texts) > 1 else ""),
                "x": middle,
                "y": value,
                "xref": axes[0],
                "yref": axes[1],
                "yshift": 0 if raised else 14,
                "xanchor": _anchor(middle, years),
                "showarrow": raised,
                "font": {"size": 11.5, "color": INK},
                **leader,
            }
        )
    spans = [
        i for i, (s, e) in enumerate(zip(dollars["year_start"], dollars["year_end"], strict=True)) if s != e
    ]
    shapes = [
        {
            "type": "line",
            "x0": dollars["year_start"][i],
            "x1": dollars["year_end"][i],
            "y0": values[i],
            "y1": values[i],
            "xref": axes[0],
            "yref": axes[1],
            "line": {"color": "#0072B2", "width": 3},
            "opacity": 0.5,
        }
        for i in spans
    ]
    return data, shapes + notes, {"title": {"text": axis_label(unit)}, "range": [0, top * 1.25]}


def build_arms_deliveries_figure(
    figures: Rows, reference: Rows, selected_ids: Iterable[str] = (), statements: bool = True
) -> dict:
    """Top: the reports' US$ arms figures by year (periods as spans). Middle: SIPRI TIVs, a volume
    index on its own axis, never a dollar one. Bottom (unless ``statements`` is False, as on a slide
    whose table gives them in words): every arms statement across its period."""
    if figures.empty and reference.empty:
        return empty_figure()
    # a total over several years is no value per year: it is in the statements, not on the axis
    dollars = figures.where(
        [f == "usd" and k != "total" for f, k in zip(figures["family"], figures["chart_kind"], strict=True)]
    )
    panels, heights = [], []
    if not dollars.empty:
        panels.append(DOLLARS)
        heights.append(PANEL_PX)
    if not reference.empty:
        panels.append(CONTEXT)
        heights.append(PANEL_PX)
    shown = statements and not figures.empty
    strip = statement_strip(figures, selected_ids, axis_names(len(panels) + 1)) if shown else None
    if strip:
        panels.append(STRIP)
        heights.append(strip[2])
    layout = stacked_panels(heights, GAP_PX, panels, shared_x=True)
    years = _year_span(figures, reference)
    data: list[dict] = []
    shapes: list[dict] = []
    index = 0
    if not dollars.empty:
        index += 1
        traces, marks, axis = _dollar_panel(dollars, selected_ids, axis_names(index), years)
        data += traces
        shapes += [m for m in marks if "type" in m]
        layout["annotations"] += [m for m in marks if "type" not in m]
        layout[layout_key(axis_names(index)[1])].update(axis)
    if not reference.empty:
        index += 1
        axes = axis_names(index)
        data += reference_lines(
            reference,
            "tiv_mn",
            selected_ids,
            axes,
            colors={"sipri_tiv_russia_to_china": "#8C8C8C"},
            names=SIPRI_NAMES,
        )
        shapes += _statement_bands(figures, axes) if shown else []  # they line up with the strip
        layout[layout_key(axes[1])].update(title={"text": TIV_AXIS}, rangemode="tozero")
    if strip:
        index += 1
        data += strip[0]
        layout["annotations"] += strip[1]
        layout[layout_key(axis_names(index)[1])].update(range=[strip[2], 0], visible=False, fixedrange=True)
    bottom_x = layout[layout_key(axis_names(len(panels))[0])]
    bottom_x.update(title={"text": "Year"}, tickformat="d", nticks=8, range=years)
    legend, top = legend_above(data)
    height = top + sum(heights) + GAP_PX * (len(panels) - 1) + 56
    layout = house_layout(
        height, legend=legend, margin={"t": top, "b": 56, "r": 24, "l": 64}, shapes=shapes, **layout
    )
    explanation = describe_peak(figures, reference)
    if explanation:
        annotation, extra = note(explanation, height - top - 56, below_px=48)
        layout["annotations"].append(annotation)
        layout.update(height=height + extra - 56)
        layout["margin"]["b"] = extra
    return figure(data, layout)


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
