"""Where each download of a chart lives: the /download routes, filters in the query string."""

from __future__ import annotations

from collections.abc import Iterable

from app.charts import CHARTS
from app.export.sizes import SIZES
from app.view import View, view_slug

DECK_NAME = "sino-russian-figures"


def export_file_name(base: str, view: View, extension: str) -> str:
    """'arms-deliveries_arms_2010-2018.csv': what it is, then the filters it was made under."""
    slug = view_slug(view)
    return f"{base}_{slug}.{extension}" if slug else f"{base}.{extension}"


def deck_file_name(charts: Iterable, view: View) -> str:
    """'arms-deliveries_arms_2010-2018.pptx': the chart (or the deck) and the filters."""
    ids = [chart.id for chart in charts]
    if len(ids) == 1:
        base = ids[0]
    elif set(ids) == {chart.id for chart in CHARTS}:
        base = DECK_NAME
    else:
        base = f"{DECK_NAME}-{len(ids)}-charts"
    return export_file_name(base, view, "pptx")


def download_links(chart, query: str = "") -> list[tuple[str, str]]:
    """(label, URL) pairs for the server-side downloads of a chart, filters in the query string."""
    suffix = f"?{query}" if query else ""
    joiner = "&" if query else "?"
    return [
        ("CSV (rows shown, with citations)", f"/download/{chart.id}.csv{suffix}"),
        (f"PNG {SIZES['16x9'].label}", f"/download/{chart.id}.png{suffix}{joiner}size=16x9"),
        (f"PNG {SIZES['16x9'].label} at 2×", f"/download/{chart.id}.png{suffix}{joiner}size=16x9&scale=2"),
        (f"PNG {SIZES['4x3'].label}", f"/download/{chart.id}.png{suffix}{joiner}size=4x3"),
        ("SVG", f"/download/{chart.id}.svg{suffix}"),
        ("PowerPoint slide", f"/download/deck.pptx?chart={chart.id}{'&' + query if query else ''}"),
    ]
