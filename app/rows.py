"""Select the rows a chart shows, under the reader's options, with citation columns attached.

Pure functions of (Dataset, ChartOptions): no dash, no globals. Every frame returned has a
``row_id`` (the id that starts each mark's customdata), ``is_external``, ``year_start`` and
``year_end``, and the citation columns the hover, the citation card and the exports read.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from app.options import ChartOptions

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
EXTERNAL_COLUMNS = [
    "series",
    "series_title",
    "publisher",
    "source_name",
    "source_url",
    "evidence",
    "is_derived",
    "confidence",
    "caveat",
]


def year_of(date_text) -> int | None:
    """The year of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None when absent."""
    if date_text is None or pd.isna(date_text) or len(str(date_text)) < 4:
        return None
    return int(str(date_text)[:4])


def _source_names(dataset) -> tuple[dict, dict, dict]:
    sources = dataset.sources
    essays = sources[sources["kind"] == "essay"]
    reports = sources[sources["kind"] == "report"]
    essay_names = dict(zip(essays["source_id"], essays["short_name"], strict=True))
    essay_citations = dict(zip(essays["source_id"], essays["citation"], strict=True))
    report_names = dict(zip(reports["report"], reports["short_name"], strict=True))
    return essay_names, essay_citations, report_names


def footnote_texts(dataset) -> dict[tuple[str, int], str]:
    """(essay, footnote number) -> the footnote's own text, from the sources table."""
    notes = dataset.sources[dataset.sources["kind"] == "footnote"].dropna(subset=["footnote"])
    return {
        (str(e), int(n)): str(c)
        for e, n, c in zip(notes["essay"], notes["footnote"], notes["citation"], strict=True)
    }


def attach_provenance(frame: pd.DataFrame, dataset) -> pd.DataFrame:
    """Add essay_name, essay_citation, report_name and footnote_text beside the citation columns."""
    essay_names, essay_citations, report_names = _source_names(dataset)
    notes = footnote_texts(dataset)
    frame = frame.copy()
    frame["essay_name"] = frame["essay"].map(lambda e: essay_names.get(e, e)).astype("string")
    frame["essay_citation"] = frame["essay"].map(lambda e: essay_citations.get(e, "")).astype("string")
    frame["report_name"] = frame["report"].map(lambda r: report_names.get(r, r)).astype("string")
    frame["footnote_text"] = [
        notes.get((str(e), int(n)), "") if not pd.isna(n) else ""
        for e, n in zip(frame["essay"], frame["footnote"], strict=True)
    ]
    frame["footnote_text"] = frame["footnote_text"].astype("string")
    return frame


def with_citation_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Every citation column the contract promises, empty where a table has none (e.g. qualifier)."""
    for column in CITATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(
                pd.NA, index=frame.index, dtype="Int64" if column == "footnote" else "string"
            )
    return frame


def _keep(values: pd.Series, chosen: Iterable[str]) -> pd.Series:
    chosen = tuple(chosen)
    if not chosen:
        return pd.Series(True, index=values.index)
    return values.isin(chosen).fillna(False).astype(bool)


def _overlaps(start: pd.Series, end: pd.Series, year_range) -> pd.Series:
    if not year_range:
        return pd.Series(True, index=start.index)
    low, high = year_range
    return ((start.fillna(low) <= high) & (end.fillna(high) >= low)).astype(bool)


def select_figure_rows(
    dataset,
    options: ChartOptions,
    indicators: Iterable[str] | None = None,
    exclude_indicators: Iterable[str] = (),
) -> pd.DataFrame:
    """Figures of the given indicators (all when None) that pass the filters, oldest first."""
    figures = dataset.figures.copy()
    figures["year_start"] = figures["period_start"].map(year_of).astype("Int64")
    figures["year_end"] = figures["period_end"].map(year_of).astype("Int64")
    mask = _keep(figures["category"], options.categories) & _keep(figures["essay"], options.essays)
    mask &= _keep(figures["subject"], options.subjects)
    mask &= _overlaps(figures["year_start"], figures["year_end"], options.year_range)
    if indicators is not None:
        mask &= figures["indicator"].isin(tuple(indicators)).fillna(False).astype(bool)
    mask &= ~figures["indicator"].isin(tuple(exclude_indicators)).fillna(False).astype(bool)
    chosen = figures[mask]
    meta = dataset.indicators[["indicator", "title", "unit_label", "chart_kind"]].rename(
        columns={"title": "indicator_title", "unit": "indicator_unit"}
    )
    chosen = chosen.merge(meta, on="indicator", how="left")
    chosen.insert(0, "row_id", chosen["figure_id"])
    chosen["is_external"] = False
    chosen = attach_provenance(chosen, dataset)
    return chosen.sort_values(["year_start", "figure_id"], kind="stable").reset_index(drop=True)


def select_reference_rows(dataset, options: ChartOptions, series: Iterable[str]) -> pd.DataFrame:
    """External yearly values of the given series (empty when context is off), with provenance."""
    series = tuple(series)
    values = dataset.reference_values
    chosen = values[values["series"].isin(series).fillna(False).astype(bool)].copy()
    if not options.show_context:
        chosen = chosen.iloc[0:0]
    chosen["year_start"] = chosen["year"].astype("Int64")
    chosen["year_end"] = chosen["year"].astype("Int64")
    chosen = chosen[_overlaps(chosen["year_start"], chosen["year_end"], options.year_range)]
    meta = dataset.reference_series[["series", "title", "publisher", "confidence", "caveat"]]
    chosen = chosen.merge(meta.rename(columns={"title": "series_title"}), on="series", how="left")
    chosen.insert(0, "row_id", "ext:" + chosen["series"].astype(str) + ":" + chosen["year"].astype(str))
    chosen["is_external"] = True
    chosen["period"] = chosen["period_label"]
    chosen["subject"] = pd.Series([""] * len(chosen), index=chosen.index, dtype="string")
    chosen["cited_source"] = chosen["source_name"]
    chosen["cited_url"] = chosen["source_url"]
    order = {name: i for i, name in enumerate(series)}
    chosen["_order"] = chosen["series"].map(order)
    chosen = with_citation_columns(chosen)
    return chosen.sort_values(["_order", "year"]).drop(columns="_order").reset_index(drop=True)


def select_exercise_rows(dataset, options: ChartOptions) -> pd.DataFrame:
    exercises = dataset.exercises.copy()
    exercises["year_start"] = exercises["year"].astype("Int64")
    exercises["year_end"] = exercises["year"].astype("Int64")
    mask = _keep(pd.Series("exercises", index=exercises.index), options.categories)
    mask &= _keep(exercises["essay"], options.essays)
    if options.year_range:
        mask &= _overlaps(exercises["year_start"], exercises["year_end"], options.year_range)
    chosen = exercises[mask]
    chosen.insert(0, "row_id", chosen["exercise_id"])
    chosen["is_external"] = False
    chosen["subject"] = chosen["participants"]
    chosen["period"] = chosen["year"].map(lambda y: "" if pd.isna(y) else str(y)).astype("string")
    chosen = with_citation_columns(attach_provenance(chosen, dataset))
    return chosen.sort_values(["year_start", "exercise_id"], kind="stable").reset_index(drop=True)


def select_event_rows(dataset, options: ChartOptions) -> pd.DataFrame:
    """Events pass the essay and period filters; they are not filtered by category or subject."""
    events = dataset.events.copy()
    events["year_start"] = events["date_start"].map(year_of).astype("Int64")
    end = events["date_end"].where(events["date_end"].notna(), events["date_start"])
    events["year_end"] = end.map(year_of).astype("Int64")
    mask = _keep(events["essay"], options.essays)
    mask &= _overlaps(events["year_start"], events["year_end"], options.year_range)
    chosen = events[mask]
    chosen.insert(0, "row_id", chosen["event_id"])
    chosen["is_external"] = False
    chosen["subject"] = pd.Series([""] * len(chosen), index=chosen.index, dtype="string")
    chosen["period"] = chosen["date_start"]
    chosen = with_citation_columns(attach_provenance(chosen, dataset))
    return chosen.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)
