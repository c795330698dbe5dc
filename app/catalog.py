"""Every row the dashboard can show, enriched once per dataset; a view's rows, selected once.

    catalog = catalog_of(dataset)          # joins and labels that never change: done at load
    selection = catalog.select(view)       # the rows of one view: a few pandas masks
    catalog.row("kashin-trade-total-2017") # one row's full provenance, for the citation card

Every frame has a ``row_id`` (the first item of each mark's customdata), ``row_kind`` (figure,
exercise, event or external), ``is_external``, ``year_start`` / ``year_end``, ``subject``,
``period``, the citation columns, the names of its report and essay, the footnote's text, the
figure as printed (``value_text``), its hover text and its customdata, so figure builders only
pick rows and arrange column arrays. Pure: no dash, no globals beyond a per-dataset memo.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.citations import (
    format_citation_text,
    format_external_hover,
    format_figure_value,
    format_hover,
    text_of,
)
from app.view import View, Vocabulary
from loaders.coverage_report import CoverageTables, coverage_tables
from loaders.quotes import readable
from loaders.vocabulary import UNITS

CITATION_COLUMNS = (
    "report",
    "essay",
    "footnote",
    "cited_source",
    "cited_url",
    "quote",
    "qualifier",
    "unit",
    "flag",
    "note",
)


def year_of(date_text) -> int | None:
    """The year of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None when absent."""
    if date_text is None or pd.isna(date_text) or len(str(date_text)) < 4:
        return None
    return int(str(date_text)[:4])


def _years(values: pd.Series) -> pd.Series:
    return values.map(year_of).astype("Int64")


@dataclass(frozen=True)
class Sources:
    """Names and citations of reports, essays and footnotes, looked up by code."""

    essay_names: dict
    essay_titles: dict
    essay_citations: dict
    report_names: dict
    report_titles: dict
    report_citations: dict
    footnotes: dict  # (essay, number) -> the footnote's text

    @classmethod
    def of(cls, sources: pd.DataFrame) -> Sources:
        essays = sources[sources["kind"] == "essay"]
        reports = sources[sources["kind"] == "report"]
        notes = sources[sources["kind"] == "footnote"].dropna(subset=["footnote"])

        def pairs(frame, key, value):
            return dict(zip(frame[key], frame[value].fillna(""), strict=True))

        return cls(
            essay_names=pairs(essays, "source_id", "short_name"),
            essay_titles=pairs(essays, "source_id", "title"),
            essay_citations=pairs(essays, "source_id", "citation"),
            report_names=pairs(reports, "report", "short_name"),
            report_titles=pairs(reports, "report", "title"),
            report_citations=pairs(reports, "report", "citation"),
            footnotes={
                (str(e), int(n)): str(c)
                for e, n, c in zip(notes["essay"], notes["footnote"], notes["citation"], strict=True)
            },
        )

    def attach(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Add the report's and essay's names and citations and the footnote's text."""
        essay, report = frame["essay"].astype(object), frame["report"].astype(object)
        frame["essay_name"] = [self.essay_names.get(e, e) for e in essay]
        frame["essay_title"] = [self.essay_titles.get(e, "") for e in essay]
        frame["essay_citation"] = [self.essay_citations.get(e, "") for e in essay]
        frame["report_name"] = [self.report_names.get(r, r) for r in report]
        frame["report_title"] = [self.report_titles.get(r, "") for r in report]
        frame["report_citation"] = [self.report_citations.get(r, r) for r in report]
        frame["footnote_text"] = [  # as a reader sees it: the report files' escapes removed
            "" if pd.isna(n) else readable(self.footnotes.get((str(e), int(n)), ""))
            for e, n in zip(essay, frame["footnote"], strict=True)
        ]
        return frame


def _with_citation_columns(frame: pd.DataFrame) -> pd.DataFrame:
    for column in CITATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(
                pd.NA, index=frame.index, dtype="Int64" if column == "footnote" else "string"
            )
    return frame


def _plain_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Strings and nullable numbers as plain numpy columns: every view takes rows from these
    frames, and numpy takes a row subset of an object column tens of times faster than pyarrow."""
    for name in frame.columns:
        dtype = frame[name].dtype
        if isinstance(dtype, pd.StringDtype) or str(dtype) in ("boolean", "object"):
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame.copy()  # one block per dtype: a row subset is then one take per dtype, not per column


def _finish(frame: pd.DataFrame, kind: str, sources: Sources | None) -> pd.DataFrame:
    """The columns every kind of row shares, then hover text and customdata from them."""
    frame["row_kind"] = kind  # (an event's own "kind", e.g. summit, stays as it is)
    frame["is_external"] = kind == "external"
    frame = _with_citation_columns(frame)
    if sources is not None:
        frame = sources.attach(frame)
    frame["quote_text"] = [readable(q) if isinstance(q, str) else "" for q in frame["quote"].astype(object)]
    if "note" in frame:  # curators' notes quote the report files' escapes too; readers see "$"
        frame["note"] = [readable(n) if isinstance(n, str) else n for n in frame["note"].astype(object)]
    unit = frame["unit"].astype(object)
    frame["family"] = [UNITS[u].family if u in UNITS else u for u in unit]
    factor = pd.Series([UNITS[u].factor if u in UNITS else 1.0 for u in unit], index=frame.index)
    frame["value_base"] = frame["value"].astype(float) * factor if "value" in frame else float("nan")
    if "value_high" in frame:
        frame["value_high_base"] = frame["value_high"].astype(float) * factor
    records = frame.to_dict("records")
    if kind == "figure":
        frame["value_text"] = [format_figure_value(r) for r in records]
    elif kind == "external":
        frame["value_text"] = [
            format_figure_value({**r, "qualifier": "exact", "value_high": None}) for r in records
        ]
    else:
        frame["value_text"] = frame["label"]
    for record, value_text in zip(records, frame["value_text"], strict=True):
        record["value_text"] = value_text
    frame["hover"] = [format_external_hover(r) if kind == "external" else format_hover(r) for r in records]
    frame["citation_text"] = [format_citation_text(r) for r in records]
    frame["customdata"] = [
        [
            r["row_id"],
            None if pd.isna(r["year_start"]) else int(r["year_start"]),
            None if pd.isna(r["year_end"]) else int(r["year_end"]),
            "" if pd.isna(r["subject"]) else str(r["subject"]),
            h,
        ]
        for r, h in zip(records, frame["hover"], strict=True)
    ]
    return _plain_columns(frame)


def _figures(dataset, sources: Sources) -> pd.DataFrame:
    figures = dataset.figures.copy()
    figures["year_start"] = _years(figures["period_start"])
    figures["year_end"] = _years(figures["period_end"])
    meta = dataset.indicators[["indicator", "title", "unit_label", "chart_kind"]]
    figures = figures.merge(meta.rename(columns={"title": "indicator_title"}), on="indicator", how="left")
    figures.insert(0, "row_id", figures["figure_id"])
    figures = _finish(figures, "figure", sources)
    return figures.sort_values(["year_start", "figure_id"], kind="stable").reset_index(drop=True)


def exercise_label(row: dict) -> str:
    """'Joint Sea 2016 · 2016, phase: second · at the South China Sea'."""
    bits = [text_of(row, "name")]
    year, phase = text_of(row, "year"), text_of(row, "phase")
    bits.append(f"{year}" + (f", phase: {phase}" if phase else "") if year or phase else "year not given")
    place = text_of(row, "location_as_written") or text_of(row, "place")
    if place:
        bits.append(f"at {place}")
    return " · ".join(bits)


def _exercises(dataset, sources: Sources) -> pd.DataFrame:
    exercises = dataset.exercises.copy()
    exercises["year_start"] = exercises["year"].astype("Int64")
    exercises["year_end"] = exercises["year"].astype("Int64")
    exercises.insert(0, "row_id", exercises["exercise_id"])
    exercises["category"] = "exercises"
    exercises["subject"] = exercises["participants"]
    exercises["period"] = [("" if pd.isna(y) else str(y)) for y in exercises["year"]]
    exercises["label"] = [exercise_label(r) for r in exercises.to_dict("records")]
    exercises = _finish(exercises, "exercise", sources)
    return exercises.sort_values(["year_start", "exercise_id"], kind="stable").reset_index(drop=True)


def event_label(row: dict) -> str:
    end = text_of(row, "date_end")
    return f"{text_of(row, 'title')} ({text_of(row, 'date_start')}" + (f" – {end}" if end else "") + ")"


def _events(dataset, sources: Sources) -> pd.DataFrame:
    events = dataset.events.copy()
    events["year_start"] = _years(events["date_start"])
    events["year_end"] = _years(events["date_end"].where(events["date_end"].notna(), events["date_start"]))
    events.insert(0, "row_id", events["event_id"])
    events["subject"] = ""
    events["period"] = events["date_start"]
    events["label"] = [event_label(r) for r in events.to_dict("records")]
    events = _finish(events, "event", sources)
    return events.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)


def _reference(dataset) -> pd.DataFrame:
    values = dataset.reference_values.copy()
    meta = dataset.reference_series[["series", "title", "publisher", "confidence", "caveat"]]
    values = values.merge(meta.rename(columns={"title": "series_title"}), on="series", how="left")
    values.insert(0, "row_id", "ext:" + values["series"].astype(str) + ":" + values["year"].astype(str))
    values["year_start"] = values["year"].astype("Int64")
    values["year_end"] = values["year"].astype("Int64")
    values["period"] = values["period_label"]
    values["subject"] = ""
    values["cited_source"] = values["source_name"]
    values["cited_url"] = values["source_url"]
    values = _finish(values, "external", None)
    return values.sort_values(["series", "year"], kind="stable").reset_index(drop=True)


class Table:
    """One enriched table twice: as a DataFrame (for exports and grids) and column by column as
    plain lists (for figure builders, which read a handful of columns of a few rows); and, for
    selecting rows, each row's years and which rows hold each value of a column, as arrays."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.columns = {
            name: [None if _is_missing_cell(v) else v for v in frame[name].tolist()] for name in frame.columns
        }
        self.all = Rows(self, tuple(range(len(frame))))
        if "year_start" in self.columns:  # a missing start or end leaves that side open
            self.starts = np.array(
                [-np.inf if v is None else v for v in self.columns["year_start"]], dtype=float
            )
            self.ends = np.array([np.inf if v is None else v for v in self.columns["year_end"]], dtype=float)
        self._holding: dict[str, dict] = {}

    def holding(self, column: str, chosen: set) -> np.ndarray:
        """Which rows hold one of the ``chosen`` values in ``column`` (a missing value none)."""
        by_value = self._holding.get(column)
        if by_value is None:
            values = self.columns[column]
            by_value = self._holding.setdefault(
                column,
                {value: np.array([v == value for v in values], dtype=bool) for value in set(values) - {None}},
            )
        out = np.zeros(len(self.frame), dtype=bool)
        for value in chosen:
            rows = by_value.get(value)
            if rows is not None:
                out |= rows
        return out


def _is_missing_cell(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


class Rows:
    """Some rows of a Table: ``rows["value_text"]`` is that column's values for these rows, as a
    list (missing values as None). Cheap to make and to subset; ``frame()`` gives the DataFrame."""

    __slots__ = ("table", "positions", "_cache", "_array")

    def __init__(self, table: Table, positions: tuple[int, ...], array: np.ndarray | None = None):
        self.table, self.positions, self._cache, self._array = table, positions, {}, array

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def empty(self) -> bool:
        return not self.positions

    def __contains__(self, name: str) -> bool:
        return name in self.table.columns

    def __getitem__(self, name: str) -> list:
        values = self._cache.get(name)
        if values is None:
            column = self.table.columns[name]
            values = self._cache[name] = [column[p] for p in self.positions]
        return values

    def take(self, indices) -> Rows:
        """The rows at these indices (0..len-1), in that order."""
        return Rows(self.table, tuple(self.positions[i] for i in indices))

    def where(self, keep: list[bool]) -> Rows:
        return Rows(self.table, tuple(p for p, k in zip(self.positions, keep, strict=True) if k))

    @property
    def array(self) -> np.ndarray:
        """The rows' positions in their table, as an array (made once)."""
        if self._array is None:
            self._array = np.array(self.positions, dtype=np.intp)
        return self._array

    def among(self, marked: np.ndarray) -> Rows:
        """The rows ``marked`` marks (one flag for each row of the table), in their order."""
        kept = self.array[marked[self.array]]
        return Rows(self.table, tuple(kept.tolist()), kept)

    def ranked(self, rank: np.ndarray) -> Rows:
        """The rows ``rank`` ranks (one number for each row of the table; -1 leaves it out), by
        rank, rows of one rank in their order."""
        kept = self.array[rank[self.array] >= 0]
        kept = kept[np.argsort(rank[kept], kind="stable")]
        return Rows(self.table, tuple(kept.tolist()), kept)

    def frame(self) -> pd.DataFrame:
        return self.table.frame.iloc[list(self.positions)].reset_index(drop=True)


@dataclass(frozen=True)
class Selection:
    """The rows of one view: every table filtered once; charts take their part of it."""

    view: View
    catalog: Catalog
    figures: Rows
    exercises: Rows
    events: Rows
    reference: Rows  # external values of every series (none when context is off)


def _years_of(frame: pd.DataFrame, column: str) -> list[int]:
    return [int(str(v)[:4]) for v in frame[column].dropna() if str(v)[:4].isdigit()]


def vocabulary_of(dataset) -> Vocabulary:
    """The categories, essays, subjects, year span and row ids a view may name."""
    figures, exercises, events = dataset.figures, dataset.exercises, dataset.events
    essays = dataset.sources[dataset.sources["kind"] == "essay"]["source_id"]
    reference_years = _years_of(dataset.reference_values, "year")
    years = (
        _years_of(figures, "period_start")
        + _years_of(figures, "period_end")
        + _years_of(exercises, "year")
        + _years_of(events, "date_start")
        + reference_years
    )
    ids = set(figures["figure_id"]) | set(exercises["exercise_id"]) | set(events["event_id"])
    ids |= {
        f"ext:{s}:{y}"
        for s, y in zip(dataset.reference_values["series"], dataset.reference_values["year"], strict=True)
    }
    exercise_category = {"exercises"} if len(exercises) else set()
    categories = sorted(
        set(figures["category"].dropna()) | set(events["category"].dropna()) | exercise_category
    )
    starts = sorted(_years_of(figures, "period_start") + reference_years)
    if starts:
        low = starts[len(starts) // 20] // 5 * 5 - 5
        high = min(-(-max(starts) // 5) * 5, max(years))
        slider = (max(low, min(years)), max(high, low + 5))
    else:
        slider = (1990, 2025)
    return Vocabulary(
        categories=tuple(categories),
        essays=tuple(essays.dropna()),
        subjects=tuple(sorted(set(figures["actors"].dropna()) | set(exercises["actors"].dropna()))),
        year_bounds=(min(years), max(years)) if years else (1990, 2025),
        row_ids=frozenset(str(i) for i in ids),
        slider_bounds=slider,
    )


def _matching(table: Table, tests: list[tuple[str, set]], year_range, shown: bool = True) -> Rows:
    """The rows whose columns hold one of the chosen values and whose years overlap the range."""
    if not shown:
        return Rows(table, ())
    keep = np.ones(len(table.frame), dtype=bool)
    for column, chosen in tests:
        keep &= table.holding(column, chosen)
    if year_range:
        low, high = year_range
        keep &= (table.starts <= high) & (table.ends >= low)
    kept = np.flatnonzero(keep)
    return Rows(table, tuple(kept.tolist()), kept)


@dataclass(frozen=True)
class Catalog:
    """The dataset's rows, enriched once, and what a view may name."""

    figures: Table
    exercises: Table
    events: Table
    reference: Table
    vocabulary: Vocabulary
    essay_names: dict  # essay code -> its short name ("Kashin (2019)")
    coverage: CoverageTables | None = None  # how every number in the reports is accounted for
    version: str = ""  # the dataset's version (a digest of the curated files)
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # derived once, e.g. by the registry

    def select(self, view: View) -> Selection:
        """Figures, exercises, events and external values under the view's filters."""
        # Every filter applies to every table that has its field: "subject" filters the controlled
        # list of actors (events have none); every exercise is of the category exercises.
        chosen = {"category": view.categories, "essay": view.essays, "actors": view.subjects}

        def tests(*columns: str) -> list[tuple[str, set]]:
            return [(column, set(chosen[column])) for column in columns if chosen[column]]

        exercises_shown = not view.categories or "exercises" in view.categories
        return Selection(
            view,
            self,
            _matching(self.figures, tests("category", "essay", "actors"), view.year_range),
            _matching(self.exercises, tests("essay", "actors"), view.year_range, shown=exercises_shown),
            _matching(self.events, tests("category", "essay"), view.year_range),
            _matching(self.reference, [], view.year_range, shown=view.show_context),
        )

    def row(self, row_id: str) -> dict | None:
        """One row's full provenance (the citation card's content), or None."""
        where = self.memo.get("row-index")
        if where is None:
            where = self.memo["row-index"] = {
                row_id: (table, position)
                for table in (self.figures, self.exercises, self.events, self.reference)
                for position, row_id in enumerate(table.columns["row_id"])
            }
        found = where.get(row_id) if isinstance(row_id, str) else None
        if found is None:
            return None
        table, position = found
        return {name: values[position] for name, values in table.columns.items()}


_CATALOGS: dict[int, tuple[weakref.ref, Catalog]] = {}


def catalog_of(dataset) -> Catalog:
    """The dataset's catalog, built on first use and kept as long as the dataset lives."""
    known = _CATALOGS.get(id(dataset))
    if known is not None and known[0]() is dataset:
        return known[1]
    sources = Sources.of(dataset.sources)
    catalog = Catalog(
        figures=Table(_figures(dataset, sources)),
        exercises=Table(_exercises(dataset, sources)),
        events=Table(_events(dataset, sources)),
        reference=Table(_reference(dataset)),
        vocabulary=vocabulary_of(dataset),
        essay_names=sources.essay_names,
        coverage=coverage_tables(dataset),
        version=dataset.version,
    )
    _CATALOGS[id(dataset)] = (weakref.ref(dataset), catalog)
    weakref.finalize(dataset, _CATALOGS.pop, id(dataset), None)
    return catalog
