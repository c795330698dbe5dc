"""Read a chart's plotly figure as plans for native PowerPoint charts, so slides say what the
dashboard says: every figure labelled as printed, in the dashboard's colours, ranges as ranges.

One plan per subplot (plotly axis pair), in one of three forms chosen from the figure's shape:

- ``RowsPanel``: one row per figure on a value axis (the dashboard's horizontal bars and dot
  plots). Drawn as an XY chart: a bar is a thick segment from zero, a range a segment from its
  low to its high end, a point a marker; the row labels sit beside it. (A native bar chart
  cannot hold a range with its label outside it, and LibreOffice skips crowded category labels.)
- ``LinesPanel``: values by year. External series are muted lines; the reports' figures are
  drawn after them, larger, each labelled as printed (a range as a vertical segment).
- ``ColumnsPanel``: columns by category (e.g. years as printed), each labelled as printed. Columns
  start at zero, so a range among them makes the chart an image.

Values are the values the figure plots, which are the figures as printed; where a builder
converted one to a shared unit (US$ million on a US$ billion axis) the notes say so. A figure
whose marks do not plot its value (dots placed by year, the value only in the hover) is not drawn
natively: the slide gets an image.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from numbers import Number

import pandas as pd

from app.citations import format_figure_value
from app.figures.indicator import years_text
from app.figures.marks import essay_color
from loaders.vocabulary import UNITS, convert

TAG = re.compile(r"<[^>]+>")
# A marker per qualifier, filled (LibreOffice draws no hollow markers): bounds never look exact.
QUALIFIER_MARKERS = {
    "exact": "circle",
    "peak": "star",
    "about": "diamond",
    "nearly": "diamond",
    "more_than": "triangle",
    "at_least": "triangle",
    "less_than": "square",
    "up_to": "square",
}


@dataclass
class Mark:
    """One figure on a native chart: where it sits, its label as printed, colour and form."""

    row_id: str | None
    label: str  # the figure as printed, qualifier included ("" for a context value)
    colour: str  # "#RRGGBB"
    value: float  # on the panel's value axis; a range's low end
    high: float | None = None  # a range's high end
    form: str = "point"  # "bar" (from zero), "span" (low to high) or "point"
    symbol: str = "circle"
    x: float | None = None  # lines: the year it sits at

    @property
    def end(self) -> float:
        return self.value if self.high is None else self.high


@dataclass
class KeyEntry:
    """One item of the slide's key: a glyph in a colour and what it stands for."""

    glyph: str  # "■" bars, columns and essays, "●" points, "——" lines, "···" dotted lines
    colour: str
    name: str
    is_essay: bool = False  # colour = essay: the name is the essay's


@dataclass
class RowsPanel:
    title: str
    rows: list[tuple[str, Mark]]  # (row label, lines joined by "\n"; its mark), top to bottom
    log: bool = False
    figure_key: list[KeyEntry] = field(default_factory=list)  # by trace, or by essay (colour = essay)
    context_key: list[KeyEntry] = field(default_factory=list)  # external lines
    conversions: list[str] = field(default_factory=list)
    domain: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)  # x0, x1, y0, y1 (paper)
    form = "rows"

    @property
    def marks(self) -> list[Mark]:
        return [mark for _, mark in self.rows]


@dataclass
class ContextLine:
    """An external (or derived) series drawn as a muted line under the reports' figures."""

    name: str
    xs: list[float]
    ys: list[float]
    colour: str
    dotted: bool = False


@dataclass
class LinesPanel:
    title: str
    x_title: str
    y_title: str
    context: list[ContextLine]
    marks: list[Mark]
    y_range: tuple[float, float] | None = None
    figure_key: list[KeyEntry] = field(default_factory=list)  # by trace, or by essay (colour = essay)
    context_key: list[KeyEntry] = field(default_factory=list)  # external lines
    conversions: list[str] = field(default_factory=list)
    domain: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)
    form = "lines"


@dataclass
class ColumnSeries:
    name: str
    colour: str
    marks: dict[str, Mark]  # category -> its figure


@dataclass
class ColumnsPanel:
    title: str
    x_title: str
    y_title: str
    categories: list[str]
    series: list[ColumnSeries]
    figure_key: list[KeyEntry] = field(default_factory=list)  # by trace, or by essay (colour = essay)
    context_key: list[KeyEntry] = field(default_factory=list)  # external lines
    conversions: list[str] = field(default_factory=list)
    domain: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0)
    form = "columns"

    @property
    def marks(self) -> list[Mark]:
        return [mark for one in self.series for mark in one.marks.values()]


Panel = RowsPanel | LinesPanel | ColumnsPanel


@dataclass
class NativeLayout:
    """What a slide needs: the panels, top to bottom, and what the notes should say about them."""

    panels: list[Panel]
    omitted: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    @property
    def conversions(self) -> list[str]:
        return [note for panel in self.panels for note in panel.conversions]

    @property
    def key(self) -> list[KeyEntry]:
        seen, entries = set(), []
        for entry in (e for panel in self.panels for e in panel.figure_key + panel.context_key):
            if (entry.name, entry.colour) not in seen:
                seen.add((entry.name, entry.colour))
                entries.append(entry)
        return entries

    @property
    def form_names(self) -> str:
        return ", ".join(dict.fromkeys(FORM_NAMES[panel.form] for panel in self.panels))


FORM_NAMES = {
    "rows": "XY chart: bars from zero, ranges from low to high, points",
    "lines": "XY chart: external lines under the reports' labelled figures",
    "columns": "clustered columns",
}


def plain(text) -> str:
    return TAG.sub(" ", str(text or "")).replace("  ", " ").strip()


def _number(value) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _as_list(values) -> list:
    """Trace data as a list (builders write plain lists; a single value counts as one)."""
    if values is None:
        return []
    return list(values) if isinstance(values, list | tuple) else [values]


def _row_ids(trace: dict, count: int) -> list:
    ids = []
    for item in _as_list(trace.get("customdata"))[:count]:
        first = item[0] if isinstance(item, (list, tuple)) and item else item
        ids.append(None if first is None else str(first))
    return ids + [None] * (count - len(ids))


def _is_colour(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value) is not None


def _colours(trace: dict, count: int) -> list[str]:
    """Each point's colour as the dashboard draws it (marker, else line), grey if none."""
    for part in ("marker", "line"):
        colour = (trace.get(part) or {}).get("color")
        if _is_colour(colour):
            return [colour] * count
        if isinstance(colour, list) and colour and all(_is_colour(c) for c in colour):
            return (colour + [colour[-1]] * count)[:count]
    return ["#8C8C8C"] * count


def _texts(trace: dict, count: int) -> list[str]:
    texts = [plain(t) for t in _as_list(trace.get("text"))]
    return (texts + [""] * count)[:count]


def _is_external(row: dict | None) -> bool:
    return row is not None and bool(row.get("is_external")) is True


def _is_range(row: dict | None) -> bool:
    if row is None or _is_external(row):
        return False
    high = row.get("value_high")
    return high is not None and not pd.isna(high)


def _matches_printed(plotted: float, row: dict) -> bool | None:
    """True if plotted is the printed value or a unit conversion of it; None if unknowable."""
    value, unit = row.get("value"), row.get("unit")
    if value is None or pd.isna(value):
        return None
    candidates = [float(value)]
    high = row.get("value_high")
    if high is not None and not pd.isna(high):
        candidates.append(float(high))
    if unit in UNITS:
        family = UNITS[unit].family
        candidates += [
            convert(c, unit, other)
            for c in list(candidates)
            for other, spec in UNITS.items()
            if spec.family == family
        ]
    return any(math.isclose(plotted, c, rel_tol=1e-6, abs_tol=1e-9) for c in candidates)


def _conversion_note(mark: Mark, row: dict | None) -> str | None:
    if row is None or _is_external(row) or pd.isna(row.get("value")):
        return None
    if math.isclose(float(row["value"]), mark.value, rel_tol=1e-9, abs_tol=1e-12):
        return None
    printed = format_figure_value(row) or f"{row['value']} {row.get('unit', '')}"
    return f"{mark.row_id}: plotted as {mark.value:g} on the shared axis; printed as {printed}."


def _panel_title(layout: dict, x_domain, y_domain) -> str:
    for note in layout.get("annotations", []) or []:
        if note.get("xref", "paper") != "paper" or note.get("yref", "paper") != "paper":
            continue
        x, y = note.get("x", 0.5), note.get("y", 0.5)
        if abs(y - y_domain[1]) < 0.04 and x_domain[0] - 0.01 <= x <= x_domain[1] + 0.01 and note.get("text"):
            return plain(note["text"])
    return ""


def _axis(layout: dict, ref: str | None, letter: str) -> dict:
    ref = ref or letter
    return layout.get(f"{letter}axis{ref[1:]}", {}) or {}


def _axis_title(axis: dict) -> str:
    return plain((axis.get("title") or {}).get("text"))


class Reading:
    """What reading one figure found: the rows by id, the notes' remarks and omissions."""

    def __init__(self, rows: pd.DataFrame | None):
        self.by_id = (
            {str(r["row_id"]): r for r in rows.to_dict("records")}
            if rows is not None and "row_id" in rows
            else {}
        )
        self.omitted: list[str] = []
        self.remarks: list[str] = []

    def row(self, row_id) -> dict | None:
        return self.by_id.get(row_id) if row_id else None

    def places_figures(self, trace: dict, values: list) -> bool:
        """False when a figure's mark does not sit at its value (e.g. a dot placed by year);
        values computed from external rows are allowed and named in the notes."""
        name = plain(trace.get("name")) or "a series"
        for row_id, plotted in zip(_row_ids(trace, len(values)), values, strict=True):
            row = self.row(row_id)
            if row is None or plotted is None or _matches_printed(plotted, row) is not False:
                continue
            if not _is_external(row):
                return False
            self.remarks.append(
                f"“{name}” plots values computed from external rows (e.g. {row_id}), "
                "not the rows' own values."
            )
            return True
        return True


def _mark(reading: Reading, trace: dict, index: int, value: float, span: float | None) -> Mark:
    """The figure at one point of a trace: its label as printed, colour, form and marker."""
    count = len(_as_list(trace.get("x")) or _as_list(trace.get("y")))
    row_id = _row_ids(trace, count)[index]
    row = reading.row(row_id)
    label = str(row.get("value_text") or "") if row else _texts(trace, count)[index]
    high = None
    if span:
        high = value + span
    elif _is_range(row):  # a bar the dashboard starts at the low end: the slide draws the range
        factor = value / float(row["value"]) if row["value"] else 1.0
        high = float(row["value_high"]) * factor
    form = "span" if high is not None else ("bar" if trace.get("type") == "bar" else "point")
    qualifier = str(row.get("qualifier")) if row else "exact"
    return Mark(
        row_id,
        "" if _is_external(row) else label,
        _colours(trace, count)[index].upper(),
        value,
        high,
        form,
        QUALIFIER_MARKERS.get(qualifier, "circle"),
    )


def _spans(trace: dict, key: str, count: int) -> list[float | None]:
    error = trace.get(key) or {}
    spans = [_number(s) for s in _as_list(error.get("array"))]
    return (spans + [None] * count)[:count]


def _key_of(trace: dict, marks: list[Mark], glyph: str) -> list[KeyEntry]:
    colour = marks[0].colour if marks else _colours(trace, 1)[0].upper()
    return [KeyEntry(glyph, colour, plain(trace.get("name")) or "Series")]


def _key_by_essay(reading: Reading, panels: list) -> None:
    """Where every figure has its essay's colour (and there are as many colours as essays), the
    key names essays, as the dashboard's legend does; else it names the traces (e.g. flows)."""
    rows = [(mark, reading.row(mark.row_id)) for panel in panels for mark in panel.marks]
    rows = [(mark, row) for mark, row in rows if row is not None and not _is_external(row)]
    if not rows or any(mark.colour != essay_color(str(row["essay"])).upper() for mark, row in rows):
        return
    if len({mark.colour for mark, _ in rows}) != len({str(row["essay"]) for _, row in rows}):
        return
    for panel in panels:
        names = {mark.colour: str(reading.row(mark.row_id)["essay_name"]) for mark in panel.marks}
        panel.figure_key = [KeyEntry("■", colour, name, True) for colour, name in names.items()]


def _row_label(row: dict | None, names_measure: bool) -> str:
    """A row's label written out in full, as a slide has room for: "What: who (when)" where the
    rows of a panel measure different things, else "who (when)"."""
    if row is None:
        return ""
    when = years_text(row.get("year_start"), row.get("year_end"), row.get("period"))
    title = str(row.get("indicator_title") or "")
    return (f"{title}: " if names_measure and title else "") + f"{row.get('subject') or ''} ({when})"


def _row_positions(traces: list[dict], y_axis: dict) -> list:
    """The rows' positions, top to bottom: the ticks, or (labelled rows, whose axis is hidden and
    runs down the page) the marks' own positions."""
    ticks = _as_list(y_axis.get("tickvals"))
    if ticks:
        return ticks
    return sorted({y for trace in traces for y in _as_list(trace.get("y")) if _number(y) is not None})


def _rows_panel(reading: Reading, traces: list[dict], y_axis: dict, x_axis: dict) -> RowsPanel | None:
    """Horizontal rows: each trace point is a figure at a row position, its value along x."""
    ticks = _row_positions(traces, y_axis)
    at: dict[int, Mark] = {}
    key: list[KeyEntry] = []
    for trace in traces:
        xs, ys = _as_list(trace.get("x")), _as_list(trace.get("y"))
        values = [_number(v) for v in xs]
        if not reading.places_figures(trace, values):
            return None
        spans = _spans(trace, "error_x", len(xs))
        marks = []
        for index, (value, position) in enumerate(zip(values, ys, strict=True)):
            if value is None or position not in ticks:
                continue
            mark = _mark(reading, trace, index, value, spans[index])
            at[ticks.index(position)] = mark
            marks.append(mark)
        key += _key_of(trace, marks, "■" if trace.get("type") == "bar" else "●")
    reversed_axis = y_axis.get("autorange") == "reversed" or _is_downward(y_axis)
    order = sorted(at, reverse=not reversed_axis)
    measures = {str((reading.row(at[i].row_id) or {}).get("indicator")) for i in order}
    rows = [(_row_label(reading.row(at[i].row_id), len(measures) > 1), at[i]) for i in order]
    return RowsPanel("", rows, x_axis.get("type") == "log", key) if rows else None


def _is_downward(axis: dict) -> bool:
    """An axis whose range runs from a higher value to a lower one (rows listed top down)."""
    span = axis.get("range")
    return isinstance(span, list | tuple) and len(span) == 2 and span[0] > span[1]


def _lines_panel(reading: Reading, traces: list[dict], y_axis: dict, x_axis: dict) -> LinesPanel | None:
    """Values by year: external traces become context lines, the reports' traces labelled marks."""
    context, marks, key, context_key = [], [], [], []
    for trace in traces:
        xs, ys = (
            [_number(v) for v in _as_list(trace.get("x"))],
            [_number(v) for v in _as_list(trace.get("y"))],
        )
        if not reading.places_figures(trace, ys) or any(x is None for x in xs):
            return None
        ids = _row_ids(trace, len(ys))
        if any(_is_external(reading.row(i)) for i in ids):
            colour = _colours(trace, 1)[0].upper()
            dotted = (trace.get("line") or {}).get("dash", "solid") not in ("solid", None)
            points = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None]
            if points:
                xs_ys = [list(axis) for axis in zip(*points, strict=True)]
                context.append(ContextLine(plain(trace.get("name")), *xs_ys, colour, dotted))
                context_key.append(KeyEntry("···" if dotted else "——", colour, plain(trace.get("name"))))
            continue
        spans = _spans(trace, "error_y", len(ys))
        found = []
        for index, (x, y) in enumerate(zip(xs, ys, strict=True)):
            if y is not None:
                found.append(_mark(reading, trace, index, y, spans[index]))
                found[-1].x = x
        marks += found
        key += _key_of(trace, found, "●")
    y_range = tuple(y_axis["range"]) if isinstance(y_axis.get("range"), list | tuple) else None
    return LinesPanel("", _axis_title(x_axis), _axis_title(y_axis), context, marks, y_range, key, context_key)


def _columns_panel(reading: Reading, traces: list[dict], y_axis: dict, x_axis: dict) -> ColumnsPanel | None:
    """Columns by category, one series per trace; None if a figure among them is a range."""
    categories, series, key = [], [], []
    for trace in traces:
        xs, values = (
            [plain(x) for x in _as_list(trace.get("x"))],
            [_number(v) for v in _as_list(trace.get("y"))],
        )
        if trace.get("type") != "bar" or not reading.places_figures(trace, values):
            return None
        marks = {}
        for index, (category, value) in enumerate(zip(xs, values, strict=True)):
            if value is None:
                continue
            mark = _mark(reading, trace, index, value, None)
            if mark.form == "span":
                reading.omitted.append(f"{mark.row_id}: a range, which a column from zero would misstate")
                return None
            marks[category] = mark
            categories += [category] if category not in categories else []
        series.append(
            ColumnSeries(plain(trace.get("name")) or "Series", _colours(trace, 1)[0].upper(), marks)
        )
        key.append(KeyEntry("■", series[-1].colour, series[-1].name))
    if all(re.fullmatch(r"[0-9]{4}", c) for c in categories):
        categories.sort()
    return ColumnsPanel("", _axis_title(x_axis), _axis_title(y_axis), categories, series, key)


def _form_of(traces: list[dict], x_axis: dict, y_axis: dict) -> str | None:
    if y_axis.get("ticktext") or (y_axis.get("visible") is False and _is_downward(y_axis)):
        return "rows"
    xs = [v for t in traces for v in _as_list(t.get("x"))]
    if all(t.get("type") == "bar" and t.get("orientation", "v") == "v" for t in traces):
        return "columns"
    if all(t.get("type", "scatter") == "scatter" for t in traces) and all(_number(v) is not None for v in xs):
        return "lines" if x_axis.get("type") != "category" else None
    return None


PANEL_READERS = {"rows": _rows_panel, "lines": _lines_panel, "columns": _columns_panel}


def native_layout(kind: str | None, figure: dict, rows: pd.DataFrame | None = None) -> NativeLayout | None:
    """The figure (a builder's dict) as native chart plans, or None when it cannot honestly be one."""
    if kind not in ("bar", "line", "scatter"):
        return None
    layout = figure.get("layout", {})
    reading = Reading(rows)
    groups: dict[tuple[str, str], list[dict]] = {}
    for trace in figure.get("data", []):
        name = plain(trace.get("name")) or "Series"
        if trace.get("type", "scatter") not in ("bar", "scatter") or trace.get("visible", True) is False:
            reading.omitted.append(f"{name} ({trace.get('type')})")
            continue
        groups.setdefault((trace.get("xaxis") or "x", trace.get("yaxis") or "y"), []).append(trace)
    panels = []
    for (x_ref, y_ref), traces in groups.items():
        x_axis, y_axis = _axis(layout, x_ref, "x"), _axis(layout, y_ref, "y")
        form = _form_of(traces, x_axis, y_axis)
        panel = PANEL_READERS[form](reading, traces, y_axis, x_axis) if form else None
        if panel is None:
            return None
        x_domain, y_domain = tuple(x_axis.get("domain", (0, 1))), tuple(y_axis.get("domain", (0, 1)))
        panel.domain = (*x_domain, *y_domain)
        panel.title = _heading(
            _panel_title(layout, x_domain, y_domain), _axis_title(x_axis if form == "rows" else y_axis), form
        )
        panel.conversions = [
            n for n in (_conversion_note(m, reading.row(m.row_id)) for m in panel.marks) if n
        ]
        panels.append(panel)
    if not panels:
        return None
    panels.sort(key=lambda p: (-p.domain[3], p.domain[0]))
    _key_by_essay(reading, panels)
    return NativeLayout(panels, reading.omitted, list(dict.fromkeys(reading.remarks)))


def _heading(title: str, axis_title: str, form: str) -> str:
    """The panel's title, with its value axis's unit where the title does not already say it."""
    if form != "rows" or not axis_title:
        return title
    if not title:
        return axis_title
    unit = axis_title.replace(" (log scale)", "")
    extra = [] if unit.lower() in title.lower() else [unit]
    extra += ["log scale"] if "(log scale)" in axis_title else []
    if not extra:
        return title
    if title.endswith(")") and extra == ["log scale"]:
        return f"{title[:-1]}, log scale)"
    return f"{title} ({', '.join(extra)})"
