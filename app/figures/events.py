"""Events builder: a timeline of the events the reports mention, one row per kind."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import (
    HOVERTEMPLATE,
    MARK_COLORS,
    empty_figure,
    figure,
    house_layout,
    opacities,
)
from app.figures.marks import groups


def padded_date(text: str) -> str:
    """'2001' -> '2001-07-01', '2001-07' -> '2001-07-15': a partial date drawn mid-period."""
    text = str(text)
    if len(text) == 4:
        return f"{text}-07-01"
    if len(text) == 7:
        return f"{text}-15"
    return text


def _spans(group: Rows, row: int, color: str) -> list[dict]:
    """An event with an end date drawn as a bar from its start to its end."""
    spans = group.where([end is not None for end in group["date_end"]])
    return [
        {
            "type": "scatter",
            "x": [padded_date(start), padded_date(end)],
            "y": [row, row],
            "mode": "lines",
            "line": {"color": color, "width": 6},
            "opacity": 0.5,
            "showlegend": False,
            "customdata": [item, item],
            "hovertemplate": HOVERTEMPLATE,
        }
        for start, end, item in zip(spans["date_start"], spans["date_end"], spans["customdata"], strict=True)
    ]


def build_event_timeline(events: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """Markers at each event's date (spans as bars), rows by kind, titles in the hover."""
    if events.empty:
        return empty_figure("No events match the current filters.")
    by_kind = sorted(groups([kind or "other" for kind in events["kind"]]))
    data = []
    for row, (kind, where) in enumerate(by_kind):
        group = events.take(where)
        color = MARK_COLORS[row % len(MARK_COLORS)]
        data += _spans(group, row, color)
        data.append(
            {
                "type": "scatter",
                "x": [padded_date(d) for d in group["date_start"]],
                "y": [row] * len(group),
                "mode": "markers",
                "name": kind,
                "showlegend": False,
                "marker": {
                    "size": 12,
                    "color": color,
                    "opacity": opacities(group["row_id"], selected_ids),
                    "symbol": ["circle" if p == "day" else "circle-open" for p in group["date_precision"]],
                    "line": {"width": 2, "color": color},
                },
                "customdata": group["customdata"],
                "hovertemplate": HOVERTEMPLATE,
            }
        )
    labels = [kind.replace("_", " ") for kind, _ in by_kind]
    layout = house_layout(
        max(240, 120 + 44 * len(by_kind)),
        showlegend=False,
        margin={"l": 120, "r": 24, "t": 36, "b": 56},
        xaxis={
            "type": "date",
            "title": {"text": "Date (hollow = month or year only)"},
            **_date_range(events),
        },
        yaxis={"tickvals": list(range(len(labels))), "ticktext": labels, "autorange": "reversed"},
    )
    return figure(data, layout)


def _date_range(events: Rows) -> dict:
    """At least three years around the events, ticks in years: one event (or a few within a year)
    would otherwise be zoomed to the millisecond."""
    years = [int(str(d)[:4]) for d in (*events["date_start"], *events["date_end"]) if d]
    low, high = min(years), max(years)
    if high - low >= 3:
        return {}
    middle = (low + high) / 2
    return {
        "range": [f"{int(middle - 1)}-01-01", f"{int(middle + 2)}-12-31"],
        "dtick": "M12",
        "tickformat": "%Y",
    }
