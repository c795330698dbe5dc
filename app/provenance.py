"""Provenance for the deeper views: one row's full citation (the card), the figures grid, and
each cited source with the figures resting on it. Pure functions of the dataset and options."""

from __future__ import annotations

import pandas as pd

from app.citations import format_citation_text, format_figure_value, is_missing, text_of
from app.options import ChartOptions
from app.rows import (
    attach_provenance,
    select_event_rows,
    select_exercise_rows,
    select_figure_rows,
    select_reference_rows,
)


def find_row(dataset, row_id: str) -> dict | None:
    """Full provenance of one mark, for the citation card: the row plus footnote and essay texts."""
    if not row_id:
        return None
    if row_id.startswith("ext:"):
        series = tuple(dataset.reference_series["series"])
        rows = select_reference_rows(dataset, ChartOptions(), series)
        hit = rows[rows["row_id"] == row_id]
        return {**hit.iloc[0].to_dict(), "kind": "external"} if not hit.empty else None
    for kind, table, key in (
        ("figure", dataset.figures, "figure_id"),
        ("exercise", dataset.exercises, "exercise_id"),
        ("event", dataset.events, "event_id"),
    ):
        hit = table[table[key] == row_id]
        if not hit.empty:
            row = attach_provenance(hit, dataset).iloc[0].to_dict()
            row.update(kind=kind, row_id=row_id)
            if kind == "figure":
                row["value_text"] = format_figure_value(row)
                meta = dataset.indicators[dataset.indicators["indicator"] == row["indicator"]]
                row["indicator_title"] = meta["title"].iloc[0] if not meta.empty else row["indicator"]
            reports = dataset.sources[
                (dataset.sources["kind"] == "report") & (dataset.sources["report"] == row.get("report"))
            ]
            row["report_citation"] = reports["citation"].iloc[0] if not reports.empty else row.get("report")
            row["citation_text"] = format_citation_text(row)
            return row
    return None


TABLE_COLUMNS = [
    "figure_id",
    "category",
    "indicator_title",
    "subject",
    "period",
    "value_text",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "essay_name",
    "footnote",
    "cited_source",
    "cited_url",
    "quote",
    "flag",
    "note",
]


def table_records(dataset, options: ChartOptions) -> list[dict]:
    """Figures under the filters as grid rows (reports' figures only, never external data)."""
    rows = select_figure_rows(dataset, options)
    rows = rows.assign(
        value_text=[format_figure_value(r) for r in rows.to_dict("records")],
        quote=rows["quote"].str.replace("\\$", "$", regex=False),
    )
    out = rows[TABLE_COLUMNS].astype(object).where(rows[TABLE_COLUMNS].notna(), None)
    return out.to_dict("records")


def sources_index(dataset, options: ChartOptions) -> list[dict]:
    """Each cited source (essay + footnote) with the figures, exercises and events resting on it."""
    frames = []
    for frame, label in (
        (select_figure_rows(dataset, options), "figure"),
        (select_exercise_rows(dataset, options), "exercise"),
        (select_event_rows(dataset, options), "event"),
    ):
        if frame.empty:
            continue
        frame = frame.assign(
            item_kind=label,
            item_text=[
                format_figure_value(r) if label == "figure" else text_of(r, "name", text_of(r, "title"))
                for r in frame.to_dict("records")
            ],
        )
        frames.append(
            frame[
                [
                    "row_id",
                    "item_kind",
                    "item_text",
                    "period",
                    "essay",
                    "essay_name",
                    "footnote",
                    "footnote_text",
                    "cited_source",
                    "cited_url",
                ]
            ]
        )
    if not frames:
        return []
    rows = pd.concat(frames, ignore_index=True)
    rows["footnote_key"] = rows["footnote"].fillna(0).astype(int)
    entries = []
    for (essay, _note, _cited), group in rows.groupby(
        ["essay", "footnote_key", "cited_source"], sort=False, dropna=False
    ):
        first = group.iloc[0]
        entries.append(
            {
                "essay": essay,
                "essay_name": text_of(first, "essay_name"),
                "footnote": None if is_missing(first["footnote"]) else int(first["footnote"]),
                "footnote_text": text_of(first, "footnote_text"),
                "cited_source": text_of(first, "cited_source"),
                "cited_url": text_of(first, "cited_url"),
                "items": group[["row_id", "item_kind", "item_text", "period"]].to_dict("records"),
            }
        )
    return sorted(entries, key=lambda e: (e["essay_name"], e["footnote"] or 10**6, e["cited_source"]))
