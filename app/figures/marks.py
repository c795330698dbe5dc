"""Trace helpers every family builder composes: report bars, report points and intervals,
external reference lines. Each returns a list of trace dicts for one panel (axes ``xy``)."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import (
    EXTERNAL_COLORS,
    HOVERTEMPLATE,
    INK,
    OKABE_ITO,
    QUALIFIER_LEGEND,
    QUALIFIER_SYMBOLS,
    SELECTED_STYLE,
    UNSELECTED_STYLE,
    opacities,
    values_in,
)

ESSAY_COLORS = {
    "kashin-2019": "#0072B2",
    "ma-zhang-2019": "#D55E00",
    "tatsumi-2019": "#009E73",
    "franchell-2019": "#CC79A7",
    "french-perspective-2014": "#E69F00",
}


def essay_color(essay: str) -> str:
    """Colour = essay, on every chart and slide; a new essay gets a stable colour of its own."""
    if essay in ESSAY_COLORS:
        return ESSAY_COLORS[essay]
    return OKABE_ITO[sum(map(ord, str(essay))) % (len(OKABE_ITO) - 1)]


def groups(values: list) -> list[tuple[object, list[int]]]:
    """(value, indices) per distinct value of a column, in order of first appearance."""
    found: dict[object, list[int]] = {}
    for position, value in enumerate(values):
        found.setdefault(value, []).append(position)
    return list(found.items())


def _pick(values: list, positions: list[int]) -> list:
    return [values[p] for p in positions]


def report_bars(
    rows: Rows,
    unit: str,
    selected_ids: Iterable[str] = (),
    axes=("x", "y"),
    positions: list[float] | None = None,
    thickness: float | None = None,
) -> list[dict]:
    """Horizontal bars of the reports' figures at ``positions`` (one a row), one trace per essay.

    The figure as printed rides along as the bar's text, not drawn (each row's label says it)."""
    positions = list(range(len(rows))) if positions is None else positions
    values, ids = values_in(rows, unit), rows["row_id"]
    texts, customdata, names = rows["value_text"], rows["customdata"], rows["essay_name"]
    traces = []
    for essay, where in groups(rows["essay"]):
        trace = {
            "type": "bar",
            "x": _pick(values, where),
            "y": _pick(positions, where),
            "xaxis": axes[0],
            "yaxis": axes[1],
            "orientation": "h",
            "name": str(names[where[0]]),
            "legendgroup": f"essay:{essay}",
            "showlegend": False,
            "marker": {
                "color": essay_color(str(essay)),
                "opacity": opacities(_pick(ids, where), selected_ids),
                "line": {"width": 0},
            },
            "text": _pick(texts, where),
            "textposition": "none",
            "selected": SELECTED_STYLE,
            "unselected": UNSELECTED_STYLE,
            "customdata": _pick(customdata, where),
            "hovertemplate": HOVERTEMPLATE,
        }
        if thickness is not None:
            trace["width"] = thickness
        traces.append(trace)
    return traces


def report_points(
    rows: Rows,
    unit: str,
    selected_ids: Iterable[str] = (),
    axes: tuple[str, str] = ("x", "y"),
    positions: list | None = None,
    horizontal: bool = True,
    showlegend: bool = True,
    size: int = 13,
    show_text: bool = True,
    colors: list[str] | None = None,
    name_prefix: str = "",
    hide_legend_for: set[str] | None = None,
) -> list[dict]:
    """Points for single figures, whiskers for ranges; each qualifier its own symbol and legend entry.

    A range (value..value_high) is drawn as an interval, never as a point; "more than" and
    "about" get distinct symbols so a bound never reads as an exact figure.
    """
    positions = list(range(len(rows))) if positions is None else positions
    values, highs = values_in(rows, unit), values_in(rows, unit, "value_high")
    colors = colors if colors is not None else [essay_color(e) for e in rows["essay"]]
    ids, texts, customdata = rows["row_id"], rows["value_text"], rows["customdata"]
    by_qualifier = dict(groups(rows["qualifier"]))
    traces = []
    for qualifier in [q for q in QUALIFIER_SYMBOLS if q in by_qualifier]:
        where = by_qualifier[qualifier]
        value = _pick(values, where)
        span = [None if h is None else h - v for v, h in zip(value, _pick(highs, where), strict=True)]
        marker_colors = _pick(colors, where)
        trace = {
            "type": "scatter",
            "x": value if horizontal else _pick(positions, where),
            "y": _pick(positions, where) if horizontal else value,
            "xaxis": axes[0],
            "yaxis": axes[1],
            "mode": "markers+text" if show_text else "markers",
            "name": name_prefix + QUALIFIER_LEGEND.get(qualifier, qualifier),
            "legendgroup": f"q:{qualifier}",
            "showlegend": showlegend and qualifier not in (hide_legend_for or set()),
            "marker": {
                "symbol": QUALIFIER_SYMBOLS[qualifier],
                "size": size,
                "color": marker_colors,
                "opacity": opacities(_pick(ids, where), selected_ids),
                "line": {"width": 2, "color": marker_colors},
            },
            "cliponaxis": False,
            "selected": SELECTED_STYLE,
            "unselected": UNSELECTED_STYLE,
            "customdata": _pick(customdata, where),
            "hovertemplate": HOVERTEMPLATE,
        }
        if any(s is not None for s in span):
            trace["error_x" if horizontal else "error_y"] = range_whiskers(span)
        if show_text:
            trace["text"] = _pick(texts, where)
            trace["textposition"] = ["middle left" if s else "middle right" for s in span]
            trace["textfont"] = {"size": 11.5, "color": INK}
        traces.append(trace)
    return traces


def range_whiskers(spans: list[float | None]) -> dict:
    """Error bars drawing each range from its low value up to its high one (no bar for a point)."""
    return {
        "type": "data",
        "array": [s or 0 for s in spans],
        "arrayminus": [0] * len(spans),
        "symmetric": False,
        "thickness": 5,
        "width": 0,
        "color": "#0072B2",
    }


def reference_lines(
    rows: Rows,
    unit: str,
    selected_ids: Iterable[str] = (),
    axes: tuple[str, str] = ("x", "y"),
    mode: str = "lines+markers",
    colors: dict | None = None,
    dash: dict | None = None,
    names: dict | None = None,
    order: Iterable[str] = (),
) -> list[dict]:
    """External series as muted lines: own legend entry "… (external data)", derived values hollow.

    Series come in ``order`` (those not named there after, as they appear)."""
    values, years = values_in(rows, unit), rows["year"]
    ids, derived = rows["row_id"], [d is True for d in rows["is_derived"]]
    titles, customdata = rows["series_title"], rows["customdata"]
    found = dict(groups(rows["series"]))
    ordered = [s for s in order if s in found] + [s for s in found if s not in set(order)]
    traces = []
    for index, series in enumerate(ordered):
        where = found[series]
        color = (colors or {}).get(series, EXTERNAL_COLORS[index % len(EXTERNAL_COLORS)])
        hollow = _pick(derived, where)
        traces.append(
            {
                "type": "scatter",
                "x": _pick(years, where),
                "y": _pick(values, where),
                "xaxis": axes[0],
                "yaxis": axes[1],
                "mode": mode,
                "name": (names or {}).get(series, f"{titles[where[0]]} (external data)"),
                "legendgroup": f"ext:{series}",
                "line": {"color": color, "width": 2, "dash": (dash or {}).get(series, "solid")},
                "marker": {
                    "size": 7,
                    "color": ["white" if d else color for d in hollow],
                    "line": {"width": 1.5, "color": color},
                    "opacity": opacities(_pick(ids, where), selected_ids),
                    "symbol": ["circle-open" if d else "circle" for d in hollow],
                },
                "customdata": _pick(customdata, where),
                "hovertemplate": HOVERTEMPLATE,
            }
        )
    return traces
