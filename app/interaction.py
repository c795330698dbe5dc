"""What the callbacks decide, as plain functions you can test without a browser.

Controls -> a validated View (through the one parser, app.view.parse_view), a URL -> control
values, a selection as the browser sent it -> a clean one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.catalog import Catalog, Selection
from app.view import ParsedView, View, Vocabulary, parse_query, parse_view, view_query

EMPTY_SELECTION = {"ids": [], "years": [], "subjects": []}
STALE_LINK = "This link had settings that no longer apply; showing the rest."


def _strings(value) -> list[str]:
    """A control's list of chosen values, keeping only strings (inputs may be anything)."""
    if not isinstance(value, list | tuple):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str)))


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


def view_of_controls(categories, essays, subjects, years, context, vocabulary: Vocabulary) -> ParsedView:
    """The filter controls' values (as the browser sent them: anything) as a validated view."""
    year_range = year_range_from_slider(years, vocabulary)
    params = {
        "category": _strings(categories),
        "essay": _strings(essays),
        "subject": _strings(subjects),
        "years": [f"{year_range[0]}-{year_range[1]}"] if year_range else [],
        "context": ["1" if context else "0"],
    }
    return parse_view(params, vocabulary)


def controls_of_view(view: View, vocabulary: Vocabulary) -> tuple:
    """Control values showing a view, in the order of app.ids.CONTROLS."""
    return (
        list(view.categories),
        list(view.essays),
        list(view.subjects),
        slider_from_year_range(view.year_range, vocabulary),
        ["on"] if view.show_context else [],
    )


def state_of_url(catalog: Catalog, search: str | None) -> dict:
    """What a URL asks for: control values, selection, its filters as a query, and a note
    naming whatever the link held that no longer applies."""
    parsed = parse_query(search, catalog.vocabulary)
    note = f"{STALE_LINK} Ignored {'; '.join(p.message for p in parsed.problems)}." if parsed.problems else ""
    return {
        "controls": controls_of_view(parsed.view, catalog.vocabulary),
        "selection": {**selection_from_ids(catalog, parsed.view.selected_ids), "scroll": True},
        "filter_query": view_query(parsed.view.filters),
        "view": parsed.view,
        "problems": [p.code for p in parsed.problems],
        "note": note,
    }


def selection_from_ids(catalog: Catalog, ids: Iterable[str]) -> dict:
    """A selection (ids, their year spans) from row ids, e.g. those a shared URL names."""
    ids = list(dict.fromkeys(ids))
    spans = []
    for row_id in ids:
        row = catalog.row(row_id)
        if row is not None and row["year_start"] is not None:
            end = row["year_end"] if row["year_end"] is not None else row["year_start"]
            spans.append([int(row["year_start"]), int(end)])
    return {"ids": ids, "years": spans, "subjects": []}


def is_shown(rows: Selection, selection) -> bool:
    """Whether any mark a selection names is among a view's rows (``catalog.select(view)``; else
    its card must go)."""
    ids = set(clean_selection(selection)["ids"])
    if not ids:
        return True
    return any(
        ids & set(table["row_id"]) for table in (rows.figures, rows.exercises, rows.events, rows.reference)
    )


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


def clean_selection(selection) -> dict:
    """A selection as the browser sent it, keeping only well-formed parts (inputs may be anything)."""
    if not isinstance(selection, dict):
        return dict(EMPTY_SELECTION)
    spans = []
    for pair in selection.get("years") or []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            low, high = _year(pair[0]), _year(pair[1])
            if low is not None and high is not None:
                spans.append([min(low, high), max(low, high)])
    return {
        "ids": _strings(selection.get("ids")),
        "years": spans,
        "subjects": _strings(selection.get("subjects")),
    }


def unchanged_as_no_update(wanted, current, no_update) -> tuple:
    """Each wanted value, or no_update where it equals the current one (setting a control to the
    value it has would redraw every chart for nothing)."""
    return tuple(no_update if new == old else new for new, old in zip(wanted, current, strict=True))
