"""What the callbacks decide, as plain functions you can test without a browser.

Controls -> ChartOptions, a URL -> control values, a selection -> the marks to highlight, a
chart under options and selection -> its figure. (What the card, grid and sources views show
is in app/provenance.py.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from app.citations import is_missing
from app.options import ChartOptions
from app.rows import (
    select_event_rows,
    select_exercise_rows,
    select_figure_rows,
    select_reference_rows,
)
from app.state import Vocabulary

EMPTY_SELECTION = {"ids": [], "years": [], "subjects": []}


def _strings(value) -> tuple[str, ...]:
    """A control's list of chosen values, keeping only strings (inputs may be anything)."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(dict.fromkeys(v for v in value if isinstance(v, str)))


def _year(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return int(value) if abs(value) < 10_000 else None


def year_range_from_slider(values, vocabulary: Vocabulary) -> tuple[int, int] | None:
    """A slider end at its limit means open-ended (figures before 1985 or after 2025 stay in)."""
    if not isinstance(values, list | tuple) or len(values) != 2:
        return None
    low, high = _year(values[0]), _year(values[1])
    if low is None or high is None:
        return None
    low, high = min(low, high), max(low, high)
    slider_low, slider_high = vocabulary.slider_bounds
    if low <= slider_low:
        low = vocabulary.year_bounds[0]
    if high >= slider_high:
        high = vocabulary.year_bounds[1]
    if (low, high) == vocabulary.year_bounds:
        return None
    return (low, high)


def slider_from_year_range(year_range, vocabulary: Vocabulary) -> list[int]:
    low, high = vocabulary.slider_bounds
    if not year_range:
        return [low, high]
    return [min(max(year_range[0], low), high), max(min(year_range[1], high), low)]


def options_from_controls(
    categories, essays, subjects, years, context, selection, vocabulary: Vocabulary
) -> ChartOptions:
    """The reader's controls as ChartOptions (selected_ids: what the selection names directly)."""
    ids = selection.get("ids") if isinstance(selection, dict) else ()
    return ChartOptions(
        categories=_strings(categories),
        essays=_strings(essays),
        subjects=_strings(subjects),
        year_range=year_range_from_slider(years, vocabulary),
        selected_ids=_strings(ids),
        show_context=bool(context),
    )


def _spans(rows: pd.DataFrame) -> list[list[int]]:
    spans = []
    for start, end in zip(rows["year_start"], rows["year_end"], strict=True):
        if not is_missing(start):
            spans.append([int(start), int(end) if not is_missing(end) else int(start)])
    return spans


def all_rows(dataset, options: ChartOptions | None = None) -> pd.DataFrame:
    """Every figure, exercise, event and reference value, with row_id and year span."""
    options = options or ChartOptions()
    series = tuple(dataset.reference_series["series"])
    frames = [
        select_figure_rows(dataset, options),
        select_exercise_rows(dataset, options),
        select_event_rows(dataset, options),
        select_reference_rows(dataset, options, series),
    ]
    keep = ["row_id", "year_start", "year_end", "subject", "is_external"]
    return pd.concat([f[keep] for f in frames if not f.empty], ignore_index=True)


def selection_from_ids(dataset, ids: Iterable[str]) -> dict:
    """A selection (ids, their year spans) from row ids, e.g. those a shared URL names."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return dict(EMPTY_SELECTION)
    rows = all_rows(dataset)
    rows = rows[rows["row_id"].isin(ids)]
    return {"ids": ids, "years": _spans(rows), "subjects": []}


def highlight_ids(rows: pd.DataFrame, selection: Mapping | None) -> tuple[str, ...]:
    """Row ids to highlight: selected, or lying within a selected year span, or of a selected subject.

    "Within" (not merely overlapping) keeps a click on 2017 from lighting up every figure that
    spans 2001–2019.

    Mirrors assets/linking.js (which does the same in the browser without a server round trip).
    """
    if (
        not selection
        or rows.empty
        or not (selection.get("ids") or selection.get("years") or selection.get("subjects"))
    ):
        return ()
    ids = set(selection.get("ids") or [])
    spans = [tuple(s) for s in selection.get("years") or []]
    subjects = set(selection.get("subjects") or [])
    out = []
    for row in rows[["row_id", "year_start", "year_end", "subject"]].to_dict("records"):
        start, end = row["year_start"], row["year_end"]
        hit = row["row_id"] in ids or (not is_missing(row["subject"]) and row["subject"] in subjects)
        if not hit and not is_missing(start):
            end = start if is_missing(end) else end
            hit = any(s_start <= int(start) and int(end) <= s_end for s_start, s_end in spans)
        if hit:
            out.append(row["row_id"])
    return tuple(out)


def describe_selection(selection: Mapping | None) -> str:
    if not selection or not (selection.get("ids") or selection.get("subjects")):
        return "Nothing selected. Click a mark, drag a box or lasso, or click a legend entry."
    n = len(selection.get("ids") or [])
    spans = selection.get("years") or []
    years = sorted({y for s in spans for y in (s[0], s[1])})
    when = f", years {years[0]}–{years[-1]}" if len(years) > 1 else (f", year {years[0]}" if years else "")
    marks = "mark" if n == 1 else "marks"
    if selection.get("subjects") and not spans:
        return f"{n} {marks} selected from a legend: the same subjects are highlighted in every chart."
    return f"{n} {marks} selected{when}: marks of the same years are highlighted in every chart."


def controls_from_query(dataset, vocabulary: Vocabulary, search: str | None) -> dict:
    """Control values, selection and a visible note from a URL query (bad parts -> defaults)."""
    from app.state import parse_query

    state = parse_query(search, vocabulary)
    options = state.options
    note = ""
    if state.notes:
        note = "This link had settings that no longer apply; showing the rest. " + " ".join(state.notes)
    return {
        "categories": list(options.categories),
        "essays": list(options.essays),
        "subjects": list(options.subjects),
        "years": slider_from_year_range(options.year_range, vocabulary),
        "context": ["on"] if options.show_context else [],
        "selection": selection_from_ids(dataset, options.selected_ids),
        "note": note,
    }


def clean_selection(selection) -> dict:
    """A selection as the browser sent it, keeping only well-formed parts (inputs may be anything)."""
    if not isinstance(selection, dict):
        return {"ids": [], "years": [], "subjects": []}
    spans = []
    for pair in selection.get("years") or []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            low, high = _year(pair[0]), _year(pair[1])
            if low is not None and high is not None:
                spans.append([min(low, high), max(low, high)])
    return {
        "ids": list(_strings(selection.get("ids"))),
        "years": spans,
        "subjects": list(_strings(selection.get("subjects"))),
    }


def selection_key(selection) -> tuple:
    """A hashable form of a selection, for caching built figures."""
    clean = clean_selection(selection)
    return (tuple(clean["ids"]), tuple(tuple(s) for s in clean["years"]), tuple(clean["subjects"]))


def selection_from_key(key: tuple) -> dict:
    ids, years, subjects = key
    return {"ids": list(ids), "years": [list(s) for s in years], "subjects": list(subjects)}


def panel_figure(chart, dataset, options: ChartOptions, selection: Mapping | None):
    """The chart's figure with the selection's highlight applied, and its source line."""
    selection = clean_selection(selection)
    if selection["years"] or selection["subjects"]:
        rows = chart.rows(dataset, options)
        options = options.with_changes(selected_ids=highlight_ids(rows, selection))
    figure = chart.build(dataset, options)
    return figure, figure.layout.meta["source_line"]
