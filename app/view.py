"""The view: what a reader has chosen (filters, context, selection), parsed by one function
whichever door it came through: the dashboard's URL and controls, the /embed and /download
routes, or the command line. Pure functions, no dash, no data.

The query uses one set of names everywhere:
``?category=trade&essay=kashin-2019&subject=…&years=2010-2018&context=0&select=ID`` (repeat a
name for several values). ``parse_view`` keeps what is known and valid and reports everything
else as a ``ViewProblem`` with a stable code; each door decides what a problem means there (a
note on the page, a 400 on a route, exit 2 in the command line). Nothing unvalidated ever
leaves this module: builders, images, decks and cache keys only ever see a ``View``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

NAMES = ("category", "essay", "subject", "years", "context", "select")
TRUE_WORDS = ("1", "true", "on", "yes")
FALSE_WORDS = ("0", "false", "off", "no")
MAX_VALUES = 200  # no real view names more values than the data has; beyond this is abuse
MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class View:
    """A validated view. Empty tuples mean "all"; ``year_range`` None means every year.

    ``selected_ids`` are figure_id / exercise_id / event_id or "ext:<series>:<year>" row ids to
    highlight; everything else is drawn muted when it is set.
    """

    categories: tuple[str, ...] = ()
    essays: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    year_range: tuple[int, int] | None = None
    selected_ids: tuple[str, ...] = ()
    show_context: bool = True

    def with_changes(self, **changes) -> View:
        """A copy with some fields replaced (the dataclass is frozen)."""
        return replace(self, **changes)

    @property
    def filters(self) -> View:
        """The same view without its selection: what decides which rows are shown."""
        return replace(self, selected_ids=()) if self.selected_ids else self

    @property
    def is_filtered(self) -> bool:
        return self.filters != View()


@dataclass(frozen=True)
class Vocabulary:
    """What a view may name: the values present in the data."""

    categories: tuple[str, ...]
    essays: tuple[str, ...]
    subjects: tuple[str, ...]
    year_bounds: tuple[int, int]
    row_ids: frozenset[str] = field(default_factory=frozenset)
    slider_bounds: tuple[int, int] = (1990, 2025)


@dataclass(frozen=True)
class ViewProblem:
    """One thing a view's parameters got wrong: a stable code and a sentence for readers."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


@dataclass(frozen=True)
class ParsedView:
    view: View
    problems: tuple[ViewProblem, ...] = ()


# name -> (Vocabulary attribute, the word a problem uses, its code)
_LISTS = {
    "category": ("categories", "category", "unknown-category"),
    "essay": ("essays", "essay", "unknown-essay"),
    "subject": ("subjects", "subject", "unknown-subject"),
    "select": ("row_ids", "figure", "unknown-figure"),
}


def parse_years(text: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """'2010-2018' or '2017' -> a range clipped to the data; None if malformed or outside it."""
    parts = text.strip().split("-")
    if len(parts) not in (1, 2) or not all(re.fullmatch(r"[0-9]{1,4}", p.strip()) for p in parts):
        return None
    low, high = int(parts[0]), int(parts[-1])
    low, high = min(low, high), max(low, high)
    low, high = max(low, bounds[0]), min(high, bounds[1])
    return (low, high) if low <= high else None


def _known(name: str, values: Sequence[str], vocabulary: Vocabulary, problems: list) -> tuple[str, ...]:
    attribute, word, code = _LISTS[name]
    allowed = getattr(vocabulary, attribute)
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    dropped = list(dict.fromkeys(v for v in values if v not in allowed))
    if dropped:
        shown = ", ".join(repr(v[:60]) for v in dropped[:5]) + (" …" if len(dropped) > 5 else "")
        problems.append(ViewProblem(code, f"unknown {word} {shown}"))
    return kept


def _years(values: Sequence[str], vocabulary: Vocabulary, problems: list) -> tuple[int, int] | None:
    if not values:
        return None
    text = values[-1]
    year_range = parse_years(text, vocabulary.year_bounds)
    if year_range is None:
        low, high = vocabulary.year_bounds
        problems.append(
            ViewProblem(
                "bad-years", f"period {text[:40]!r}: expected FROM-TO within {low}–{high}, e.g. 2010-2018"
            )
        )
        return None
    return None if year_range == vocabulary.year_bounds else year_range


def _context(values: Sequence[str], problems: list) -> bool:
    if not values:
        return True
    word = values[-1].strip().lower()
    if word in FALSE_WORDS:
        return False
    if word not in TRUE_WORDS:
        problems.append(ViewProblem("bad-context", f"context={word[:20]!r}: expected 1 or 0"))
    return True


def parse_view(params: Mapping[str, Sequence[str]], vocabulary: Vocabulary) -> ParsedView:
    """A View from query-style parameters (name -> list of strings); never raises.

    Unknown names, unknown values and malformed periods are left out, each with a problem."""
    problems: list[ViewProblem] = []
    unknown = sorted(name for name in params if name not in NAMES)
    if unknown:
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        problems.append(ViewProblem("unknown-setting", f"unknown setting {shown}"))
    values = {name: [v for v in params.get(name, ()) if isinstance(v, str)] for name in NAMES}
    if sum(len(v) for v in values.values()) > MAX_VALUES or any(
        len(v) > MAX_VALUE_LENGTH for vs in values.values() for v in vs
    ):
        problem = ViewProblem("too-many-values", f"more than {MAX_VALUES} values, or a value too long")
        return ParsedView(View(), (*problems, problem))
    view = View(
        categories=_known("category", values["category"], vocabulary, problems),
        essays=_known("essay", values["essay"], vocabulary, problems),
        subjects=_known("subject", values["subject"], vocabulary, problems),
        year_range=_years(values["years"], vocabulary, problems),
        selected_ids=_known("select", values["select"], vocabulary, problems),
        show_context=_context(values["context"], problems),
    )
    return ParsedView(view, tuple(problems))


def params_of_query(search) -> dict[str, list[str]]:
    """'?a=1&a=2' -> {'a': ['1', '2']}; malformed text gives what can be read (never raises)."""
    if not isinstance(search, str):
        return {}
    try:
        return parse_qs((search or "").lstrip("?"), keep_blank_values=False, max_num_fields=MAX_VALUES * 2)
    except ValueError:
        return {"": ["too many fields"]}


def parse_query(search: str | None, vocabulary: Vocabulary) -> ParsedView:
    """parse_view of a URL query string."""
    return parse_view(params_of_query(search), vocabulary)


def view_query(view: View) -> str:
    """The query string parse_query reads back ('' for the defaults), without the leading '?'."""
    pairs = [("category", c) for c in view.categories] + [("essay", e) for e in view.essays]
    pairs += [("subject", s) for s in view.subjects]
    if view.year_range:
        pairs.append(("years", f"{view.year_range[0]}-{view.year_range[1]}"))
    if not view.show_context:
        pairs.append(("context", "0"))
    pairs += [("select", s) for s in view.selected_ids]
    return urlencode(pairs)


def view_slug(view: View) -> str:
    """A short, file-name-safe description of a view's filters: 'arms_2010-2018' ('' for all)."""
    parts = [*view.categories, *view.essays]
    if view.subjects:
        parts.append(f"{len(view.subjects)}-subjects")
    if view.year_range:
        parts.append(f"{view.year_range[0]}-{view.year_range[1]}")
    if not view.show_context:
        parts.append("no-context")
    return "_".join(re.sub(r"[^a-z0-9-]+", "-", p.lower()).strip("-") for p in parts)


def describe_filters(view: View, names: Mapping[str, str] | None = None) -> str:
    """The view's filters in words, for a subtitle or a title slide; names maps codes to labels.

    Only validated values reach here, so no visitor's text is ever printed."""
    names = names or {}

    def label(code: str) -> str:
        return names.get(code, code)

    parts = []
    if view.categories:
        parts.append("categories " + ", ".join(map(label, view.categories)))
    if view.essays:
        parts.append("essays " + ", ".join(map(label, view.essays)))
    if view.subjects:
        parts.append("subjects " + ", ".join(view.subjects))
    if view.year_range:
        parts.append(f"years {view.year_range[0]}–{view.year_range[1]}")
    if not view.show_context:
        parts.append("external context hidden")
    return "; ".join(parts) or "none (all figures)"
