"""Provenance for the deeper views: one row's full citation (the card), the figures grid, and
each cited source with the figures resting on it. Pure functions of the catalog and a view."""

from __future__ import annotations

import pandas as pd

from app.catalog import Catalog
from app.view import View


def find_row(catalog: Catalog, row_id: str) -> dict | None:
    """Full provenance of one mark, for the citation card: the row, its report's and essay's
    citations and its footnote's text, all joined in the catalog."""
    return catalog.row(row_id) if row_id else None


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
    "quote_text",
    "flag",
    "note",
]


def table_records(catalog: Catalog, view: View) -> list[dict]:
    """Figures under the filters as grid rows (reports' figures only, never external data)."""
    rows = catalog.select(view).figures
    columns = [rows[c] for c in TABLE_COLUMNS]
    return [dict(zip(TABLE_COLUMNS, values, strict=True)) for values in zip(*columns, strict=True)]


SOURCE_ITEM_COLUMNS = [
    "row_id",
    "row_kind",
    "value_text",
    "period",
    "essay",
    "essay_name",
    "footnote",
    "footnote_text",
    "cited_source",
    "cited_url",
]


def sources_index(catalog: Catalog, view: View) -> list[dict]:
    """Each cited source (essay + footnote) with the figures, exercises and events resting on it."""
    selection = catalog.select(view)
    frames = [
        rows.frame()[SOURCE_ITEM_COLUMNS]
        for rows in (selection.figures, selection.exercises, selection.events)
        if not rows.empty
    ]
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
                "essay_name": first["essay_name"] or "",
                "footnote": None if pd.isna(first["footnote"]) else int(first["footnote"]),
                "footnote_text": first["footnote_text"] or "",
                "cited_source": first["cited_source"] or "",
                "cited_url": first["cited_url"] or "",
                "items": [
                    {"row_id": r, "item_kind": k, "item_text": t, "period": p or ""}
                    for r, k, t, p in zip(
                        group["row_id"], group["row_kind"], group["value_text"], group["period"], strict=True
                    )
                ],
            }
        )
    return sorted(entries, key=lambda e: (e["essay_name"], e["footnote"] or 10**6, e["cited_source"]))
