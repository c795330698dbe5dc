"""Where each download of a chart lives, and what it is called: the /download routes, the view's
filters in the query string; file names after the chart and the view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.charts import CHARTS
from app.export.sizes import SIZES
from app.paths import DOWNLOAD_PREFIX
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


@dataclass(frozen=True)
class Download:
    """One download of a chart: its route, and query parameters of its own after the view's."""

    label: str
    path: str
    extra: str = ""  # e.g. "size=16x9&scale=2" or "chart=<id>"
    note: str = ""

    def href(self, query: str = "") -> str:
        """The address under a view (its filters as a query string)."""
        return with_query(self.path, query, self.extra)


def with_query(path: str, *parts: str) -> str:
    """``path`` with the non-empty query ``parts`` joined by '&'."""
    given = [part for part in parts if part]
    return path + (f"?{'&'.join(given)}" if given else "")


def chart_downloads(chart) -> list[Download]:
    """Every server-side download of one chart: CSV, PNGs, SVG and its slide."""
    base = f"{DOWNLOAD_PREFIX}{chart.id}"
    return [
        Download("CSV", f"{base}.csv", note="the rows shown, with citations"),
        Download(f"PNG {SIZES['16x9'].label}", f"{base}.png", "size=16x9"),
        Download("PNG at 2×", f"{base}.png", "size=16x9&scale=2"),
        Download(f"PNG {SIZES['4x3'].label}", f"{base}.png", "size=4x3"),
        Download("SVG", f"{base}.svg"),
        Download("This chart's slide (PowerPoint)", f"{DOWNLOAD_PREFIX}deck.pptx", f"chart={chart.id}"),
    ]
