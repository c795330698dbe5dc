"""The house style and the small pieces every builder composes: palette, layout, axes, panels,
notes, opacities, values on a shared axis.

Builders return plain figure dicts (``{"data": [...], "layout": {...}}``): traces assembled from
column arrays, the layout written once. Nothing here validates; tests pass every chart through
``go.Figure(...)``, where validation is cheap to have.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

from app.catalog import Rows
from app.citations import escape_plotly_text
from loaders.vocabulary import UNITS

# Okabe–Ito, colour-blind safe; black last.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# For marks on white: Okabe–Ito without the yellow, which is too pale to read as a marker.
MARK_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
EXTERNAL_COLORS = ["#8C8C8C", "#B0B0B0", "#6E6E6E", "#A3A3A3"]
INK = "#1f2328"
NOTE_COLOR = "#57606a"
# A line of a note, or of a legend entry, that fits a phone's chart (about 290 px at 390 px wide).
NOTE_CHARS = 44
LEGEND_CHARS = 44
NOTE_NAME_PREFIX = "note: "  # + a note's text unwrapped, as ``note`` names its annotation
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)
HOVERTEMPLATE = "%{customdata[4]}<extra></extra>"
# Explicit selection styles for traces with text: plotly.js 4.1 fails on box-selecting text marks
# without them ("reading 'textfont'").
SELECTED_STYLE = {"textfont": {"color": INK}}
UNSELECTED_STYLE = {"textfont": {"color": "#8c959f"}}
MUTED_OPACITY = 0.25

# Axis style for every axis of every chart, resolved once: plotly.js applies a template's
# xaxis/yaxis to xaxis2, yaxis3 and the rest. Margins are sized by the builders to fit their
# labels, so plotly.js need not measure them: automargin measures every tick label and then
# draws the chart a second time with the grown margins, and ticklabeloverflow's default
# measures every label once per label. Both off: the "all other figures" chart draws in 72 ms,
# not 250 ms.
_AXIS = {
    "showline": True,
    "linecolor": "#8c959f",
    "gridcolor": "#eef0f2",
    "zeroline": False,
    "automargin": False,
    "ticklabeloverflow": "allow",
    "ticks": "",
    "title": {"standoff": 15},
}
TEMPLATE = {
    "layout": {
        "font": {"family": FONT_STACK, "size": 13, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": OKABE_ITO,
        "hovermode": "closest",
        # ink on white in regular type (plotly would colour hover text like the border: grey, 3:1)
        "hoverlabel": {
            "bgcolor": "white",
            "font": {"family": FONT_STACK, "size": 13, "color": INK},
            "align": "left",
            "bordercolor": "#8c959f",
        },
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "annotationdefaults": {"arrowcolor": NOTE_COLOR, "arrowhead": 0, "arrowwidth": 1},
    }
}
LEGEND = {
    "orientation": "h",
    "yref": "container",
    "yanchor": "top",
    "y": 0.995,
    "x": 0,
    "xanchor": "left",
    "font": {"size": 12},
    "itemclick": "toggle",
    "itemdoubleclick": "toggleothers",
}

# How a qualifier is drawn: bounds must never read as points.
QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "peak": "star",
    "about": "circle-open",
    "nearly": "triangle-left",
    "more_than": "triangle-up",
    "at_least": "triangle-up-open",
    "less_than": "triangle-down",
    "up_to": "triangle-down-open",
    "range": "line-ns-open",
}
QUALIFIER_LEGEND = {
    "exact": "as printed",
    "peak": "peak",
    "about": "“about”",
    "nearly": "“nearly”",
    "more_than": "“more than” (lower bound)",
    "at_least": "“at least” (lower bound)",
    "less_than": "“less than” (upper bound)",
    "up_to": "“up to” (upper bound)",
    "range": "range",
}


def house_layout(height: int, showlegend: bool = True, **layout) -> dict:
    """The layout every chart starts from. The legend sits at the very top of the figure
    (container coordinates), above any panel titles; builders set the top margin to fit it."""
    return {
        "template": TEMPLATE,
        "height": height,
        "margin": {"l": 64, "r": 24, "t": 36, "b": 56},
        "legend": LEGEND,
        "showlegend": showlegend,
        "clickmode": "event",  # the click highlight is ours (assets/linking.js); box/lasso still select
        "dragmode": "select",
        **layout,
    }


def legend_name(text: str) -> str:
    """A legend entry in lines of at most LEGEND_CHARS (plotly never wraps one)."""
    return "<br>".join(textwrap.wrap(text, LEGEND_CHARS) or [text])


def legend_above(data: list[dict], panel_title_px: int = 30) -> tuple[dict, int]:
    """A legend of one entry a line at the top left, and the top margin that holds it above the
    first panel's title: one entry a line takes the same height at any width, so the legend
    never runs into the plot on a phone (long names carry their own <br>)."""
    names = [str(t["name"]) for t in data if t.get("showlegend", True) and t.get("name")]
    lines = sum(1 + name.count("<br>") for name in dict.fromkeys(names))
    legend = {**LEGEND, "orientation": "v", "tracegroupgap": 2}
    return legend, 14 + 21 * lines + panel_title_px


def figure(data: list[dict], layout: dict) -> dict:
    return {"data": data, "layout": layout}


def empty_figure(message: str = "No figures match the current filters.", height: int = 220) -> dict:
    hidden = {"visible": False}
    return figure(
        [],
        house_layout(
            height,
            showlegend=False,
            xaxis=hidden,
            yaxis=hidden,
            annotations=[
                {
                    "text": message,
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                    "showarrow": False,
                    "font": {"size": 14, "color": NOTE_COLOR},
                }
            ],
        ),
    )


def axis_names(index: int) -> tuple[str, str]:
    """Trace references of the index-th panel (1-based): ('x', 'y'), ('x2', 'y2'), …"""
    return ("x", "y") if index == 1 else (f"x{index}", f"y{index}")


def layout_key(ref: str) -> str:
    """'x2' -> 'xaxis2', 'y' -> 'yaxis'."""
    return f"{ref[0]}axis{ref[1:]}"


def stacked_panels(
    heights: list[float], gap: float, titles: list[str] | None = None, shared_x: bool = False
) -> dict:
    """Layout entries for panels stacked top to bottom: axes with their domains, and each
    panel's title left-aligned above it. ``heights`` and ``gap`` in any one unit (px or shares).

    With ``shared_x`` every panel follows the bottom one's x axis, which alone shows its ticks."""
    total = sum(heights) + gap * (len(heights) - 1)
    layout: dict = {}
    annotations = []
    top = 1.0
    count = len(heights)
    for index, height in enumerate(heights, start=1):
        x, y = axis_names(index)
        bottom = max(0.0, top - height / total)
        x_axis = {"anchor": y, "domain": [0, 1]}
        if shared_x and index < count:
            x_axis.update(matches=axis_names(count)[0], showticklabels=False)
        layout[layout_key(x)] = x_axis
        layout[layout_key(y)] = {"anchor": x, "domain": [bottom, top]}
        if titles:
            annotations.append(panel_title(titles[index - 1], top))
        top = bottom - gap / total
    layout["annotations"] = annotations
    return layout


def panel_title(text: str, y: float) -> dict:
    return {
        "text": escape_plotly_text(text),
        "x": 0,
        "xanchor": "left",
        "xref": "paper",
        "y": y,
        "yanchor": "bottom",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 13.5, "color": INK},
    }


def note(text: str, plot_px: float, below_px: float = 62, width: int = NOTE_CHARS) -> tuple[dict, int]:
    """A small explanatory note ``below_px`` under the plot area (kept in PNG/SVG exports too).

    Long text is wrapped at ``width`` characters; returns the annotation and the pixels the note
    needs, which the caller adds to the bottom margin. ``text`` may hold <br> and is not escaped.
    The annotation's name keeps the text unwrapped (NOTE_NAME_PREFIX), for an image or a slide
    to wrap at its own width (app/export/framing.py).
    """
    lines = []
    for paragraph in text.split("<br>"):
        lines += textwrap.wrap(paragraph, width) or [""]
    annotation = {
        "name": NOTE_NAME_PREFIX + text,
        "text": "<br>".join(lines),
        "x": 0,
        "y": -below_px / max(plot_px, 1),
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "font": {"size": 11.5, "color": NOTE_COLOR},
    }
    return annotation, int(below_px + 17 * len(lines) + 8)


def opacities(row_ids: Iterable[str], selected_ids: Iterable[str], base: float = 1.0) -> list[float]:
    """Full opacity for selected rows (all, when nothing is selected), muted for the rest.

    assets/linking.js does the same in the browser, where it also lights up the selected marks'
    years and subjects in every chart."""
    selected = set(selected_ids)
    row_ids = list(row_ids)
    if not selected:
        return [base] * len(row_ids)
    return [base if row_id in selected else MUTED_OPACITY for row_id in row_ids]


def values_in(rows: Rows, unit: str, column: str = "value") -> list[float | None]:
    """Values in ``unit`` (same family) for a shared axis; the hover keeps the printed value."""
    factor = UNITS[unit].factor
    return [
        None if v is None else v / factor
        for v in rows["value_base" if column == "value" else "value_high_base"]
    ]


def axis_unit(rows: Rows) -> str:
    """The unit most rows use (ties: the larger one), for the axis of a same-family chart."""
    counts = Counter(u for u in rows["unit"] if u in UNITS)
    if not counts:
        return "count"
    most = max(counts.values())
    return max((u for u, n in counts.items() if n == most), key=lambda u: UNITS[u].factor)


def axis_label(unit: str) -> str:
    return UNITS[unit].label if unit in UNITS else unit
