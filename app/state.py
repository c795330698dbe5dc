"""Shareable state: parse the URL query into filters and a selection, and write it back.

Pure functions, no dash. The query uses the same names as the embed and download routes:
``?category=trade&essay=kashin-2019&subject=…&years=2010-2018&context=0&select=ID`` (repeat a
name for several values). Anything unknown or malformed is dropped with a note for the reader;
parsing never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

import pandas as pd

from app.options import ChartOptions

KNOWN_NAMES = ("category", "essay", "subject", "years", "context", "select")
TRUE_WORDS = ("1", "true", "on", "yes")
FALSE_WORDS = ("0", "false", "off", "no")


@dataclass(frozen=True)
class Vocabulary:
    """What a URL may name: the values present in the data."""

    categories: tuple[str, ...]
    essays: tuple[str, ...]
    subjects: tuple[str, ...]
    year_bounds: tuple[int, int]
    row_ids: frozenset[str] = field(default_factory=frozenset)
    slider_bounds: tuple[int, int] = (1990, 2025)


@dataclass(frozen=True)
class ViewState:
    options: ChartOptions
    notes: tuple[str, ...] = ()


def _years_of(frame: pd.DataFrame, column: str) -> list[int]:
    return [int(str(v)[:4]) for v in frame[column].dropna() if str(v)[:4].isdigit()]


def vocabulary_of(dataset) -> Vocabulary:
    """The categories, essays, subjects, year span and row ids a URL may refer to."""
    figures, exercises, events = dataset.figures, dataset.exercises, dataset.events
    essays = dataset.sources[dataset.sources["kind"] == "essay"]["source_id"]
    years = (
        _years_of(figures, "period_start")
        + _years_of(figures, "period_end")
        + _years_of(exercises, "year")
        + _years_of(events, "date_start")
        + _years_of(dataset.reference_values, "year")
    )
    ids = set(figures["figure_id"]) | set(exercises["exercise_id"]) | set(events["event_id"])
    ids |= {
        f"ext:{s}:{y}"
        for s, y in zip(dataset.reference_values["series"], dataset.reference_values["year"], strict=True)
    }
    categories = sorted(set(figures["category"].dropna()) | ({"exercises"} if len(exercises) else set()))
    starts = sorted(_years_of(figures, "period_start") + _years_of(dataset.reference_values, "year"))
    if starts:
        low = starts[len(starts) // 20] // 5 * 5 - 5
        high = min(-(-max(starts) // 5) * 5, max(years))
        slider = (max(low, min(years)), max(high, low + 5))
    else:
        slider = (1990, 2025)
    return Vocabulary(
        slider_bounds=slider,
        categories=tuple(categories),
        essays=tuple(essays.dropna()),
        subjects=tuple(sorted(set(figures["subject"].dropna()))),
        year_bounds=(min(years), max(years)) if years else (1990, 2025),
        row_ids=frozenset(str(i) for i in ids),
    )


def _known(values: list[str], allowed, name: str, notes: list[str]) -> tuple[str, ...]:
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    dropped = [v for v in values if v not in allowed]
    if dropped:
        notes.append(f"Ignored unknown {name} {', '.join(repr(v) for v in dropped)}.")
    return kept


def parse_years(text: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """'2010-2018' or '2017' -> a range clipped to the data; None if malformed or outside it."""
    parts = text.strip().split("-")
    if len(parts) not in (1, 2) or not all(re.fullmatch(r"[0-9]{1,4}", p.strip()) for p in parts):
        return None
    low, high = int(parts[0]), int(parts[-1])
    low, high = min(low, high), max(low, high)
    low, high = max(low, bounds[0]), min(high, bounds[1])
    return (low, high) if low <= high else None


def parse_query(search: str | None, vocabulary: Vocabulary) -> ViewState:
    """ChartOptions from a URL query; bad or stale parts fall back to defaults, each with a note."""
    notes: list[str] = []
    try:
        params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    except (ValueError, TypeError):
        return ViewState(ChartOptions(), ("The link's settings could not be read; showing defaults.",))
    unknown = sorted(set(params) - set(KNOWN_NAMES))
    if unknown:
        notes.append(f"Ignored unknown setting {', '.join(repr(u) for u in unknown)}.")
    categories = _known(params.get("category", []), vocabulary.categories, "category", notes)
    essays = _known(params.get("essay", []), vocabulary.essays, "essay", notes)
    subjects = _known(params.get("subject", []), vocabulary.subjects, "subject", notes)
    selected = _known(params.get("select", []), vocabulary.row_ids, "figure", notes)
    year_range = None
    if params.get("years"):
        text = params["years"][-1]
        year_range = parse_years(text, vocabulary.year_bounds)
        if year_range is None:
            notes.append(
                f"Ignored period {text!r}: expected FROM-TO within "
                f"{vocabulary.year_bounds[0]}–{vocabulary.year_bounds[1]}, e.g. years=2010-2018."
            )
        elif year_range == vocabulary.year_bounds:
            year_range = None
    show_context = True
    if params.get("context"):
        word = params["context"][-1].lower()
        if word in FALSE_WORDS:
            show_context = False
        elif word not in TRUE_WORDS:
            notes.append(f"Ignored context={word!r}: expected 1 or 0.")
    options = ChartOptions(
        categories=categories,
        essays=essays,
        subjects=subjects,
        year_range=year_range,
        selected_ids=selected,
        show_context=show_context,
    )
    return ViewState(options, tuple(notes))


def build_query(options: ChartOptions) -> str:
    """The query string parse_query reads back ('' for the defaults), without the leading '?'."""
    pairs = [("category", c) for c in options.categories] + [("essay", e) for e in options.essays]
    pairs += [("subject", s) for s in options.subjects]
    if options.year_range:
        pairs.append(("years", f"{options.year_range[0]}-{options.year_range[1]}"))
    if not options.show_context:
        pairs.append(("context", "0"))
    pairs += [("select", s) for s in options.selected_ids]
    return urlencode(pairs)
